/**
 * Starts Debian's Firefox ESR through puppeteer-core over WebDriver BiDi and
 * installs the built Firefox extension as a temporary add-on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ROOT } from './browser';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = join(ROOT, '.output/firefox-mv2');
/** A fixed internal UUID, so tests can open moz-extension:// pages of the add-on. */
export const FIREFOX_EXTENSION_UUID = '6f1c2a52-3d1e-4b0a-9c1e-a11a2ce1e2a5';

export interface FirefoxWithExtension {
  browser: Browser;
  extensionOrigin: string;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  if (!existsSync(join(FIREFOX_BUILD, 'manifest.json'))) throw new Error('Build the Firefox extension first: npm run build:firefox');
  if (!existsSync(FIREFOX)) throw new Error(`Firefox ESR not found at ${FIREFOX}: apt-get install -y firefox-esr (or set FIREFOX_PATH)`);
  const geckoId: string = JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
      // The machines have no internet: keep Firefox from trying.
      'network.captive-portal-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  return {
    browser,
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}/`,
    close: () => browser.close(),
  };
}
