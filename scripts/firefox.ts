/**
 * Starts Debian's Firefox ESR through puppeteer-core over WebDriver BiDi and
 * installs the built Firefox extension as a temporary add-on.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { ROOT } from './browser';
import { within } from './extension-ui';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** ALLIANCE_LENS_FIREFOX_BUILD points the tests at another build (an older one, for before/after numbers). */
export const FIREFOX_BUILD = process.env.ALLIANCE_LENS_FIREFOX_BUILD ?? join(ROOT, '.output/firefox-mv2');

export interface FirefoxWithExtension {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  if (!existsSync(join(FIREFOX_BUILD, 'manifest.json'))) throw new Error('Build the Firefox extension first: npm run build:firefox');
  const firefox = await launchFirefox();
  await firefox.browser.installExtension(FIREFOX_BUILD);
  return firefox;
}

/** Starts Firefox ESR without any extension (what a page does on its own), or for launchFirefoxWithExtension to install it. */
export async function launchFirefox(): Promise<FirefoxWithExtension> {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox ESR not found at ${FIREFOX}: apt-get install -y firefox-esr (or set FIREFOX_PATH)`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      // The machines have no internet: keep Firefox from trying.
      'network.captive-portal-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
  return { browser, close: () => browser.close() };
}

/** The extension's notes frame in `page` once it shows something (the card's notes or a passage panel). */
export async function firefoxNotesFrame(page: Page, timeout = 10_000): Promise<Frame> {
  for (const deadline = Date.now() + timeout; ; await new Promise((ok) => setTimeout(ok, 100))) {
    for (const frame of page.frames()) {
      // Puppeteer may still list the frame under its first URL (about:blank): ask the frame itself.
      // A frame being replaced (the panel's frame leaving its parking slot) may never answer: ask the next one.
      const showing = frame.evaluate(() => location.pathname === '/notes-frame.html' && !!document.querySelector('#app')?.textContent);
      if (await within(2_000, 'a frame', showing).catch(() => false)) return frame;
    }
    if (Date.now() > deadline) throw new Error('No notes frame showed anything');
  }
}

/**
 * The dashboard tab the extension opens itself when it is installed (its welcome page): an extension page
 * with the tabs API, which the driver may script but not navigate to (WebDriver BiDi refuses moz-extension: URLs).
 */
export async function firefoxWelcomeTab(browser: Browser, timeout = 15_000): Promise<Page> {
  for (const deadline = Date.now() + timeout; ; await new Promise((ok) => setTimeout(ok, 100))) {
    for (const page of await browser.pages()) {
      // Puppeteer may still list the tab under its first URL (about:blank): ask the page itself.
      const href = await within(
        2_000,
        'a tab',
        page.evaluate(() => location.href),
      ).catch(() => '');
      if (href.startsWith('moz-extension:') && new URL(href).pathname === '/dashboard.html') return page;
    }
    if (Date.now() > deadline) throw new Error('The extension opened no dashboard tab at install');
  }
}
