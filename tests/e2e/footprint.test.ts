/**
 * The footprint test in Chromium (issue 23): a MutationObserver the page
 * installs before anything else runs records every mutation while a reader
 * loads the page, scrolls, hovers a term until its card opens, pins it, saves
 * a concept note, saves a passage note, switches highlights off and on, and
 * reloads. Each load must see exactly one addition, the extension's UI host
 * in <body>, and nothing else: no other element, no attribute, no text change.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  clickInUi,
  dragSelectPassage,
  humanPause,
  inUi,
  openCard,
  saveInPassagePanel,
  saveNoteInCard,
  setSettings,
  termBox,
  useExtensionBrowser,
  waitForPainted,
} from './harness';
import { compatPages, expectOneHostThroughOffOnAndReload, FOOTPRINT_PASSAGE } from './compat-scenarios';

const env = useExtensionBrowser([compatPages()]);

/** Rests the real mouse on the first painted mention of `conceptId` until its card opens. */
async function hoverUntilCard(page: Page, conceptId: string) {
  const box = await termBox(page, conceptId);
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(at.x, at.y, { steps: 8 });
  await expect.poll(() => openCard(page), { timeout: 10_000 }).not.toBeNull();
  return at;
}

describe('the page sees one element added and nothing else (Chromium)', () => {
  it('through load, scrolling, a hovered and pinned card, a concept note, a passage note, highlights off and on, and a reload', async () => {
    const page = await env.browser.context.newPage();
    try {
      await page.goto(`${env.server.origin}/compat/footprint.html`);
      await waitForPainted(page, 10);
      // Scrolled to the bottom and back with the wheel, as a reader does (far mentions are painted as they come near).
      for (const delta of [900, 900, 900, 900, -900, -900, -900, -900]) {
        await page.mouse.wheel(0, delta);
        await humanPause();
      }
      const ncg = await hoverUntilCard(page, 'ncg');
      await humanPause();
      await page.mouse.click(ncg.x, ncg.y);
      expect((await openCard(page))?.role).toBe('dialog');
      await saveNoteInCard(page, 'Footprint note on the NCG');
      // Closed by a click on the page beside it, as a reader does. (Not Escape: with focus in the notes frame, a key
      // can stall for minutes in Chromium's input routing on a loaded 2-core machine; seen here 2 runs in 8.)
      await humanPause();
      await page.mouse.click(8, 8);
      await expect.poll(() => openCard(page), { timeout: 5_000 }).toBeNull();

      await dragSelectPassage(page, FOOTPRINT_PASSAGE);
      await humanPause();
      await clickInUi(page, 'button.selection-button', 'Add note');
      await saveInPassagePanel(page, 'Footprint passage note');
      // The reader sees the passage marked: boxes drawn in the extension's layer.
      await expect
        .poll(() => inUi(page, (roots) => roots.reduce((n, r) => n + r.querySelectorAll('.passage-box').length, 0), null))
        .toBeGreaterThan(0);

      await expectOneHostThroughOffOnAndReload('chromium', page, {
        setEnabled: (enabled) => setSettings(env.browser, { enabled }),
        reload: async () => void (await page.reload()),
        hoverUntilCard: () => hoverUntilCard(page, 'sma'),
      });
    } finally {
      await page.close();
      await setSettings(env.browser, { enabled: true });
    }
  });
});
