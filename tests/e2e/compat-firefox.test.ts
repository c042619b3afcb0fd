/**
 * The compatibility suite and the footprint test in Firefox ESR (puppeteer-core
 * over WebDriver BiDi), against a Firefox without the extension. No driver
 * reaches into the extension's closed shadow root here: the card is seen where
 * a reader sees it (points of the viewport whose hit test lands on the UI host),
 * and clicked there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { firefoxNotesFrame, launchFirefox, launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import { DEFAULT_SETTINGS } from '../../lib/settings-model';
import {
  dragSelectPassage,
  drivenPuppeteerPage,
  humanPause,
  ownUiPointNearSelection,
  paintedMentions,
  pollPage,
  startServer,
  termBox,
  waitForPainted,
  type PageServer,
} from './harness';
import { compatPages, compatSuite, expectOneHostThroughOffOnAndReload, FOOTPRINT_PASSAGE, type CompatTab } from './compat-scenarios';

let server: PageServer;
let plain: FirefoxWithExtension;
let withExtension: FirefoxWithExtension;

beforeAll(async () => {
  server = await startServer([compatPages()]);
  plain = await launchFirefox();
  withExtension = await launchFirefoxWithExtension();
});
afterAll(async () => {
  await withExtension?.close();
  await plain?.close();
  await server?.close();
});

/**
 * Whether a surface of the extension (such as the card) shows, `shown`: some
 * point of the viewport (on a 12 px grid) hits the extension's UI host.
 */
function ownUiShownIs(shown: boolean): boolean {
  for (let y = 0; y < innerHeight; y += 12) {
    for (let x = 0; x < innerWidth; x += 12) {
      // Our host: a random custom-element-like tag whose shadow root is closed.
      if (/^[A-Z]{4}-[A-Z]{8}$/.test(document.elementFromPoint(x, y)?.tagName ?? '')) return shown;
    }
  }
  return !shown;
}

async function inTab<T>(browser: Browser, scenario: (tab: CompatTab) => Promise<T>): Promise<T> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('console', (m) => {
    // The browser's own favicon request 404s; that is no page error.
    if (m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico')) errors.push(m.text());
    if (m.type() === 'warn') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    return await scenario({
      page: drivenPuppeteerPage(page),
      errors,
      warnings,
      goto: async (path) => void (await page.goto(`${server.origin}${path}`)),
      wheel: (deltaY) => page.mouse.wheel({ deltaY }),
      cardOpen: () => page.evaluate(ownUiShownIs, true),
    });
  } finally {
    await page.close();
  }
}

compatSuite('firefox', (extension, scenario) => inTab(extension ? withExtension.browser : plain.browser, scenario));

/** Sets `enabled` in the extension's settings from its welcome tab (an extension page, where browser.* exists). */
async function setEnabled(enabled: boolean) {
  for (const tab of await withExtension.browser.pages()) {
    if (!(await tab.evaluate(() => location.href.endsWith('/dashboard.html#/welcome')).catch(() => false))) continue;
    await tab.evaluate(
      async (on, defaults) => {
        const storage = (
          globalThis as unknown as {
            browser: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } };
          }
        ).browser.storage.local;
        const current = (await storage.get('settings')).settings ?? defaults;
        await storage.set({ settings: { ...(current as object), enabled: on } });
      },
      enabled,
      DEFAULT_SETTINGS,
    );
    return;
  }
  throw new Error('No welcome tab of the extension to change its settings from');
}

/** Rests the real mouse on the first painted mention of `conceptId` until its card shows. */
async function hoverUntilCard(page: Page, conceptId: string) {
  const box = await termBox(drivenPuppeteerPage(page), conceptId);
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(at.x, at.y, { steps: 8 });
  await pollPage(drivenPuppeteerPage(page), ownUiShownIs, true, 'the card');
  return at;
}

describe('the page sees one element added and nothing else (Firefox)', () => {
  it('through load, scrolling, a hovered and pinned card, a concept note, a passage note, highlights off and on, and a reload', async () => {
    const page = await withExtension.browser.newPage();
    const driven = drivenPuppeteerPage(page);
    try {
      await page.goto(`${server.origin}/compat/footprint.html`);
      await waitForPainted(driven, 10);
      for (const deltaY of [600, 600, 600, 600, -600, -600, -600, -600]) {
        await page.mouse.wheel({ deltaY });
        await humanPause();
      }
      const ncg = await hoverUntilCard(page, 'ncg');
      await humanPause();
      await page.mouse.click(ncg.x, ncg.y);
      const notes = await firefoxNotesFrame(page);
      await notes.click('button.add-note');
      await notes.waitForSelector('textarea');
      await notes.type('textarea', 'Footprint note on the NCG', { delay: 20 });
      await notes.click('button[type="submit"]');
      await notes.waitForFunction(() => document.body.textContent!.includes('Footprint note on the NCG'), { timeout: 10_000 });
      await page.keyboard.press('Escape');
      await pollPage(driven, ownUiShownIs, false, 'the card to close');

      await dragSelectPassage(driven, FOOTPRINT_PASSAGE);
      await humanPause();
      const button = await pollPage(driven, ownUiPointNearSelection, null, 'the "Add note" button');
      await page.mouse.move(button.x, button.y, { steps: 8 });
      await page.mouse.click(button.x, button.y);
      const panel = await firefoxNotesFrame(page);
      await panel.click('textarea');
      await panel.type('textarea', 'Footprint passage note', { delay: 20 });
      await panel.click('button[type="submit"]');
      for (const deadline = Date.now() + 10_000; !panel.detached; await humanPause()) {
        if (Date.now() > deadline) throw new Error('The passage-note panel stayed open after saving');
      }

      await expectOneHostThroughOffOnAndReload('firefox', driven, {
        setEnabled,
        reload: async () => void (await page.reload()),
        hoverUntilCard: () => hoverUntilCard(page, 'sma'),
      });
      expect((await paintedMentions(driven)).length).toBeGreaterThan(10);
    } finally {
      await page.close();
      await setEnabled(true);
    }
  });
});
