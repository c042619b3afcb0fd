/**
 * Concept packs in Firefox ESR (WebDriver BiDi): the same reader's path as in
 * Chromium (tests/e2e/packs.test.ts) — imported through the dashboard,
 * highlighted and carded on open pages in English and Korean, switched off and
 * on, removed with its note kept, a newer version imported — and acronyms in
 * another sense left unmarked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { firefoxNotesFrame, launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import { drivenPuppeteerPage, startServer, termBox, type PageServer } from './harness';
import { PACK_NAME, PACK_TEXT, PACK_V2_TEXT, packPages } from './pack-pages';

let firefox: FirefoxWithExtension;
let server: PageServer;
/** A folder for the pack files the file input is given. */
let files: string;
let written = 0;

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'alliance-lens-packs-'));
  server = await startServer([packPages]);
  firefox = await launchFirefoxWithExtension();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
  rmSync(files, { recursive: true, force: true });
});

const POLL = { timeout: 15_000 };
const highlighted = (page: Page, conceptId: string) =>
  termBox(drivenPuppeteerPage(page), conceptId).then(
    () => true,
    () => false,
  );
let attempt = 0;

/** The dashboard tab the install opened (its welcome page), turned to `hash` (Puppeteer names extension tabs about:blank: each tab is asked). */
async function dashboardAt(hash: string): Promise<Page> {
  let dash: Page | undefined;
  await expect
    .poll(
      async () => {
        for (const tab of await firefox.browser.pages()) {
          if (
            await tab
              .evaluate(() => location.href.startsWith('moz-extension://') && location.pathname === '/dashboard.html')
              .catch(() => false)
          )
            dash = tab;
        }
        return dash !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await showRoute(dash!, hash);
  return dash!;
}

/** Shows a dashboard route: a hash set from the test reaches no hashchange listener of the page here, so the page is reloaded on it. */
async function showRoute(dash: Page, hash: string) {
  await dash
    .evaluate((h) => {
      location.hash = h;
      location.reload();
    }, hash)
    .catch(() => undefined);
  await dash.waitForFunction(
    (h) => location.hash === h && document.readyState === 'complete' && !!document.querySelector('main h2'),
    WAIT,
    hash,
  );
}

/** Chooses a pack file in the dashboard's file input (written to a temporary file), then clicks Import pack. */
async function importPack(dash: Page, text: string) {
  await dash.bringToFront();
  const file = join(files, `pack-${++written}.json`);
  writeFileSync(file, text);
  const input = await dash.$('.pack-import input[type="file"]');
  try {
    await input!.uploadFile(file);
  } finally {
    await input!.dispose();
  }
  // The button is enabled once the dashboard has taken the file.
  await dash.waitForSelector('.pack-import button.primary:not([disabled])');
  await dash.click('.pack-import button.primary');
}

/** Polled on a timer: a tab in the background gets no animation frames to poll on. */
const WAIT = { timeout: 15_000, polling: 100 };
const showsText = (page: Page, text: string) => page.waitForFunction((t) => document.body.textContent!.includes(t), WAIT, text);

async function openPage(url: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(url);
  return page;
}

describe('concept packs in Firefox ESR', () => {
  it('imports a pack through the dashboard, highlights and cards it live, switches it, removes it keeping notes, and takes a newer version', async () => {
    const NOTE = `Firefox note on THAAD (attempt ${++attempt})`;
    const article = await openPage(`${server.origin}/packs/en.html`);
    const korean = await openPage(`${server.origin}/packs/ko.html`);
    const dash = await dashboardAt('#/packs');
    try {
      await dash.waitForSelector('.pack-import');
      // An interrupted attempt may have left the pack installed: this one starts without it.
      const remove = `button[aria-label="Remove the pack “${PACK_NAME}”"]`;
      if (await dash.$(remove)) await dash.click(remove);
      await expect.poll(() => highlighted(article, 'thaad'), POLL).toBe(false);

      await importPack(dash, PACK_TEXT);
      await showsText(dash, `Imported “${PACK_NAME}”: 7 concepts.`);
      await showsText(dash, '7 concepts · version 1');
      for (const id of ['thaad', 'combined-forces-command', 'un-command'])
        await expect.poll(() => highlighted(article, id), POLL).toBe(true);
      for (const id of ['alliance-modernization', 'indopacom']) await expect.poll(() => highlighted(korean, id), POLL).toBe(true);

      // Carded: the notes frame of the card is for the pack concept; a note is saved on it.
      await article.bringToFront();
      const box = await termBox(drivenPuppeteerPage(article), 'thaad');
      await article.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const notes = await firefoxNotesFrame(article);
      await notes.click('button.add-note');
      await notes.waitForSelector('textarea');
      expect(await notes.$eval('form', (f) => f.getAttribute('aria-label'))).toContain('Terminal High Altitude Area Defense');
      await notes.type('textarea', NOTE);
      await notes.click('button[type="submit"]');
      await notes.waitForFunction((t) => document.body.textContent!.includes(t), WAIT, NOTE);
      await article.keyboard.press('Escape');

      const toggle = `input[role="switch"][aria-label="Use the pack “${PACK_NAME}”"]`;
      // Puppeteer's clicks wait for a tab in the background: the dashboard comes to the front for each.
      await dash.bringToFront();
      await dash.click(toggle);
      await expect.poll(() => highlighted(article, 'thaad'), POLL).toBe(false);
      await dash.bringToFront();
      await dash.click(toggle);
      await expect.poll(() => highlighted(article, 'thaad'), POLL).toBe(true);

      await dash.bringToFront();
      await dash.click(remove);
      await showsText(dash, 'Your notes on its concepts are kept.');
      await expect.poll(() => highlighted(article, 'thaad'), POLL).toBe(false);
      await showRoute(dash, '#/notes');
      await showsText(dash, 'Terminal High Altitude Area Defense (pack not installed)');
      await showsText(dash, NOTE);

      await showRoute(dash, '#/packs');
      await dash.waitForSelector('.pack-import');
      await importPack(dash, PACK_TEXT);
      await showsText(dash, '7 concepts · version 1');
      await importPack(dash, PACK_V2_TEXT);
      await showsText(dash, '7 concepts · version 2');
      await expect.poll(() => highlighted(article, 'thaad'), POLL).toBe(true);
    } finally {
      await Promise.all([article.close(), korean.close()]);
    }
  });

  it('leaves a pack acronym unmarked where the page uses it in another sense', async () => {
    const page = await openPage(`${server.origin}/packs/other-senses.html`);
    try {
      // THAAD marked: the page (one short scan) has been read and decided.
      await expect.poll(() => highlighted(page, 'thaad'), POLL).toBe(true);
      expect(await highlighted(page, 'combined-forces-command')).toBe(false);
      expect(await highlighted(page, 'un-command')).toBe(false);
    } finally {
      await page.close();
    }
  });
});
