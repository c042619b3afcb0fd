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
import { clickInUi, dragSelectPassage, humanPause, inUi, openCard, paintedMentions, saveInPassagePanel, saveNoteInCard, setSettings, termBox, useExtensionBrowser, waitForPainted } from './harness';
import { compatPages, footprintProblems, logOutcome, readFootprint } from './compat-scenarios';

const env = useExtensionBrowser([compatPages()]);

/** The passage with no concept in it in the footprint article (tests/fixtures/compat/footprint.mjs). */
const PASSAGE = { start: 'Money was the old question', end: 'wanted to reopen it.' };

/** Rests the real mouse on the first painted mention of `conceptId` until its card opens. */
async function hoverUntilCard(page: Page, conceptId: string) {
  const box = await termBox(page, conceptId);
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(at.x, at.y, { steps: 8 });
  await expect.poll(() => openCard(page), { timeout: 10_000 }).not.toBeNull();
  return at;
}

const paintedCount = async (page: Page) => (await paintedMentions(page)).length;

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
      await page.keyboard.press('Escape');
      await expect.poll(() => openCard(page)).toBeNull();

      await dragSelectPassage(page, PASSAGE);
      await humanPause();
      await clickInUi(page, 'button.selection-button', 'Add note');
      await saveInPassagePanel(page, 'Footprint passage note');
      // The reader sees the passage marked: boxes drawn in the extension's layer.
      await expect.poll(() => inUi(page, (roots) => roots.reduce((n, r) => n + r.querySelectorAll('.passage-box').length, 0), null)).toBeGreaterThan(0);

      await setSettings(env.browser, { enabled: false });
      await expect.poll(() => paintedCount(page)).toBe(0);
      await setSettings(env.browser, { enabled: true });
      await waitForPainted(page, 10);
      const first = await readFootprint(page);
      logOutcome('chromium', 'footprint, first load', true, first);

      await page.reload();
      await waitForPainted(page, 10);
      await hoverUntilCard(page, 'sma');
      const second = await readFootprint(page);
      logOutcome('chromium', 'footprint, after reload', true, second);

      expect(footprintProblems(first)).toEqual([]);
      expect(footprintProblems(second)).toEqual([]);
      // The parser's own insertions were seen: the observer really ran from the top of <head>.
      expect(first.parserInsertions).toBeGreaterThan(50);
      expect(second.parserInsertions).toBe(first.parserInsertions);
    } finally {
      await page.close();
      await setSettings(env.browser, { enabled: true });
    }
  });
});
