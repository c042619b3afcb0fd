/**
 * A reader at human speed in Firefox ESR (WebDriver BiDi): the passage-note
 * flow of human-speed.test.ts with a real mouse and 300–500 ms pauses. The
 * "Add note" button lives in a closed shadow root no driver reaches here, so
 * it is clicked where it shows, as a reader does.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { firefoxNotesFrame } from '../../scripts/firefox';
import { ARTICLE, FROM_HIGHLIGHT, PLAIN } from './human-speed-passages';
import {
  allStoredNotes,
  dragSelectPassage,
  drivenPuppeteerPage,
  humanPause,
  ownUiPointNearSelection,
  paintedConceptAt,
  pointOfText,
  pollPage,
  quotesOf,
  waitForPainted,
  useFirefoxWithExtension,
} from './harness';

const env = useFirefoxWithExtension();

/** Drags over `passage`, clicks "Add note", types `body` in the notes frame and saves; returns the selected text and the quotes then stored. */
async function selectAndSave(page: Page, passage: { start: string; end: string }, body: string) {
  const driven = drivenPuppeteerPage(page);
  const selected = await dragSelectPassage(driven, passage);
  await humanPause();
  const button = await pollPage(driven, ownUiPointNearSelection, null, 'the "Add note" button');
  await page.mouse.move(button.x, button.y, { steps: 8 });
  await page.mouse.click(button.x, button.y);
  const panel = await firefoxNotesFrame(page);
  expect(await panel.evaluate(() => document.body.textContent)).toContain('Add a note to this passage');
  // The editor shows once the panel has read the kept drafts.
  await panel.waitForSelector('textarea', { timeout: 10_000 });
  await humanPause();
  await panel.click('textarea');
  await panel.type('textarea', body, { delay: 30 });
  // Read the notes while this extension-origin frame exists: saving closes it.
  const before = (await panel.evaluate(allStoredNotes)).length;
  await humanPause();
  await panel.click('button[type="submit"]');
  // Saving closes the panel.
  for (
    const deadline = Date.now() + 10_000;
    page.frames().some((f) => f.url().includes('/notes-frame.html'));
    await new Promise((r) => setTimeout(r, 100))
  ) {
    if (Date.now() > deadline) throw new Error('The passage-note panel stayed open after saving');
  }
  return { selected, before };
}

/** Clicks inside a saved passage at `text`, as a reader does, and waits until the note panel that opens shows `note`. */
async function showsNoteAt(page: Page, text: string, note: string) {
  // A card left open goes first (its notes frame is not the panel's).
  await page.keyboard.press('Escape');
  for (
    const deadline = Date.now() + 10_000;
    page.frames().some((f) => f.url().includes('/notes-frame.html'));
    await new Promise((r) => setTimeout(r, 100))
  ) {
    if (Date.now() > deadline) throw new Error('The card stayed open after Escape');
  }
  const { x, y } = await pointOfText(drivenPuppeteerPage(page), text, 2);
  await page.mouse.move(x, y, { steps: 6 });
  await humanPause();
  await page.mouse.click(x, y);
  const panel = await firefoxNotesFrame(page);
  for (
    const deadline = Date.now() + 10_000;
    !(await panel.evaluate(() => document.body.textContent ?? '')).includes(note);
    await new Promise((r) => setTimeout(r, 100))
  ) {
    if (Date.now() > deadline) throw new Error(`The note panel at "${text}" did not show "${note}"`);
  }
  await page.keyboard.press('Escape');
}

/** The quotes stored in the extension, read from the notes frame of a card the reader opens on a highlight. */
async function storedQuotes(page: Page): Promise<string[]> {
  const { x, y } = await pointOfText(drivenPuppeteerPage(page), 'Regional Sustainment Framework', 3);
  await page.mouse.move(x, y, { steps: 8 });
  await page.mouse.click(x, y);
  return quotesOf(await (await firefoxNotesFrame(page)).evaluate(allStoredNotes));
}

describe('Firefox ESR at human speed', () => {
  it('a passage dragged over (also from a highlight) is saved with exactly the selected text', async () => {
    const page = await env.firefox.browser.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await waitForPainted(drivenPuppeteerPage(page), 6);
    const start = await pointOfText(drivenPuppeteerPage(page), FROM_HIGHLIGHT.start);
    expect(await page.evaluate(paintedConceptAt, start)).toBe('rsf');

    const fromHighlight = await selectAndSave(page, FROM_HIGHLIGHT, 'Ask about certified yards');
    const plain = await selectAndSave(page, PLAIN, 'Money was the old question');
    expect(fromHighlight.selected.startsWith('Regional Sustainment Framework')).toBe(true);
    const quotes = await storedQuotes(page);
    expect(quotes.length).toBe(fromHighlight.before + 2);
    expect(quotes).toContain(fromHighlight.selected);
    expect(quotes).toContain(plain.selected);
    // Each passage is drawn where the reader left it: a click inside it shows its note.
    await showsNoteAt(page, 'revolve around', 'Money was the old question');
    await page.close();
  });
});
