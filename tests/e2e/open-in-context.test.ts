/**
 * "Open in context" (issue 19) as a reader does it: a real mouse, with pauses
 * of 300–500 ms. A concept note written from the card on a mention far down
 * a page records that page and sentence; the dashboard's "Open in context"
 * opens the page in a new tab, scrolled to that mention, with its card pinned.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  allStoredNotes,
  dragSelectPassage,
  notesFrame,
  openCard,
  saveSelectionNote,
  tabIdOf,
  useExtensionBrowser,
  waitForHighlights,
  humanPause,
  openInContext,
  passageBoxCount,
  openCardEditor,
} from './harness';

const env = useExtensionBrowser();
const PAGE = '/fixtures/long-article.html';
const NOTE = 'Planning guidelines: ask what the exercises rehearse';

/** Polls as a reader waits, and says what it waited for. */
const poll = <T>(what: string, fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, message: what });

/** Where the deep paragraph's mention is, relative to the viewport (null while it is not highlighted). */
function deepMention(page: Page) {
  return page.evaluate(() => {
    const deep = document.getElementById('deep')!;
    const painted = [...((CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get('alliance-lens--ncg') ?? [])].find((r) =>
      deep.contains(r.startContainer),
    );
    if (!painted) return null;
    const range = document.createRange();
    range.setStart(painted.startContainer, painted.startOffset);
    range.setEnd(painted.endContainer, painted.endOffset);
    const r = range.getBoundingClientRect();
    return {
      inView: r.top >= 0 && r.bottom <= innerHeight && r.width > 0,
      scrollY: Math.round(scrollY),
      x: r.x + r.width / 2,
      y: r.y + r.height / 2,
    };
  });
}

/** Whether the paragraph holding `text` is in the viewport, far down the page. */
function textInView(page: Page, text: string) {
  return page.evaluate((t) => {
    const r = [...document.querySelectorAll('p')].find((e) => e.textContent!.includes(t))!.getBoundingClientRect();
    return r.top >= 0 && r.top <= innerHeight && scrollY > 400;
  }, text);
}

/** A reader scrolls down with the wheel, a notch at a time, until `arrived` (at most 40 notches). */
async function scrollWithWheelUntil(page: Page, arrived: () => Promise<boolean>) {
  await page.mouse.move(600, 400);
  for (let i = 0; i < 40 && !(await arrived()); i++) {
    const before = await page.evaluate(() => scrollY);
    await page.mouse.wheel(0, 300);
    // The notch has landed once the page scrolled.
    await page.waitForFunction((y) => scrollY !== y, before, { timeout: 5_000 });
  }
}

describe('Open in context', () => {
  it("writes a concept note on a mention far down a page; the dashboard's Open in context shows that page scrolled to the mention", async () => {
    const page = await env.browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(`${env.server.origin}${PAGE}`);
    await waitForHighlights(page, 1);
    // The reader scrolls down with the wheel until the paragraph is on screen.
    await scrollWithWheelUntil(page, async () => Boolean((await deepMention(page))?.inView));
    await poll('the deep mention is highlighted and in view', () => deepMention(page).then((m) => m?.inView)).toBe(true);
    const at = (await deepMention(page))!;
    await page.mouse.move(at.x, at.y, { steps: 8 });
    await humanPause();
    await page.mouse.click(at.x, at.y);
    await poll('the card is pinned', () => openCard(page)).toMatchObject({
      role: 'dialog',
      name: expect.stringContaining('Nuclear Consultative Group'),
    });
    const notes = await notesFrame(page, 'Your notes');
    await humanPause();
    await openCardEditor(notes);
    await notes.getByRole('textbox', { name: 'Note' }).pressSequentially(NOTE, { delay: 15 });
    await humanPause();
    await notes.getByRole('button', { name: 'Save note' }).click();
    await notes.getByText(NOTE).waitFor();

    // The note records the page and the sentence it was written on.
    const stored = (await env.browser.serviceWorker.evaluate(allStoredNotes)) as unknown as {
      body: string;
      source?: { url: string; quote: { exact: string; prefix: string; suffix: string } };
    }[];
    expect(stored.find((n) => n.body === NOTE)?.source).toMatchObject({
      url: `${env.server.origin}${PAGE}`,
      quote: {
        exact: 'Nuclear Consultative Group',
        prefix: 'At its fourth meeting the ',
        suffix: ' agreed on guidelines for joint nuclear planning and exercises.',
      },
    });
    await page.close();

    const dash = await env.browser.openExtensionPage('dashboard.html#/notes');
    const row = dash.locator('article.note-row', { hasText: NOTE });
    await row.waitFor();
    // The row shows where the note was written.
    expect(await row.locator('blockquote').textContent()).toBe(
      'At its fourth meeting the Nuclear Consultative Group agreed on guidelines for joint nuclear planning and exercises.',
    );
    const opened = await openInContext(env.browser, dash, row);
    expect(opened.url()).toBe(`${env.server.origin}${PAGE}`);
    await poll('the new tab is scrolled to the mention', () => deepMention(opened)).toMatchObject({
      inView: true,
      scrollY: expect.any(Number),
    });
    expect((await deepMention(opened))!.scrollY).toBeGreaterThan(400);
    await poll("the mention's card is pinned", () => openCard(opened)).toMatchObject({
      role: 'dialog',
      name: expect.stringContaining('Nuclear Consultative Group'),
    });
    await (await notesFrame(opened, NOTE)).getByText(NOTE).waitFor();
    await opened.close();
    await dash.close();
  });

  it('a passage note: Open in context shows the page scrolled to the passage, with the note beside it', async () => {
    const page = await env.browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(`${env.server.origin}${PAGE}`);
    await waitForHighlights(page, 1);
    const passage = { start: 'Section 20 of the travel', end: 'Section 20 of the travel' };
    await scrollWithWheelUntil(page, () =>
      page.evaluate((t) => {
        const r = [...document.querySelectorAll('p')].find((e) => e.textContent!.includes(t))!.getBoundingClientRect();
        return r.top > 0 && r.bottom < innerHeight;
      }, passage.start),
    );
    await dragSelectPassage(page, passage);
    const body = 'Read the bakery section again';
    await saveSelectionNote(page, body);
    await page.close();

    const dash = await env.browser.openExtensionPage('dashboard.html#/notes');
    const opened = await openInContext(env.browser, dash, dash.locator('article.note-row', { hasText: body }));
    await poll(
      'the passage is drawn and in view',
      async () => (await passageBoxCount(opened)) > 0 && (await textInView(opened, passage.start)),
    ).toBe(true);
    // The note's panel opens beside it.
    await notesFrame(opened, body);
    await dash.close();

    // The side panel beside the page: "Show in page" brings the passage back after the reader scrolled away.
    await opened.keyboard.press('Escape');
    await opened.evaluate(() => window.scrollTo(0, 0));
    const panel = await env.browser.openExtensionPage(`sidepanel.html?tab=${await tabIdOf(env.browser, opened)}`);
    const show = panel.getByRole('listitem').filter({ hasText: body }).getByRole('button', { name: 'Show in page' });
    const spot = (await show.boundingBox())!;
    await panel.mouse.move(spot.x + spot.width / 2, spot.y + spot.height / 2, { steps: 6 });
    await humanPause();
    await panel.mouse.click(spot.x + spot.width / 2, spot.y + spot.height / 2);
    await poll('the side panel brought the passage into view', () => textInView(opened, passage.start)).toBe(true);
    await notesFrame(opened, body);
    await panel.close();
    await opened.close();
  });
});
