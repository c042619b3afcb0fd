/** Passage notes in Chromium: add one to a selection, it re-anchors after a reload and a browser restart, and shows live in another tab. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  clickInUi,
  launchWithExtension,
  notesFrame,
  passageText,
  pointOfText,
  saveInPassagePanel,
  selectText,
  tabIdOf,
  useExtensionBrowser,
  waitForHighlights,
  waitForSettledHighlights,
} from './harness';

const env = useExtensionBrowser();
const ARTICLE = '/demo/sample-article.html';

async function addNoteFromShortcut(page: Page, body: string) {
  const tabId = await tabIdOf(env.browser, page);
  await env.browser.serviceWorker.evaluate(async (id: number) => {
    await (
      globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }
    ).chrome.tabs.sendMessage(id, { id: 2, type: 'page:command', data: { command: 'add-passage-note' }, timestamp: Date.now() });
  }, tabId);
  await saveInPassagePanel(page, body);
}

const PASSAGE = 'South Korean yards such as Hanwha Ocean';
const squeezed = (text: string) => text.replace(/\s+/g, '');

/** Waits until the passages drawn on the page hold `text` (read from the extension's closed layer, as DevTools can). */
async function drawn(page: Page, text: string, timeout = 10_000) {
  await expect.poll(() => passageText(page), { timeout }).toContain(squeezed(text));
}

/** What a page script can find of the reader's passages: elements, highlight ranges and text of ours. */
const pageSees = (page: Page) =>
  page.evaluate(() => ({
    elements: document.querySelectorAll('al-note, [class*="alliance"], [data-concept-id]').length,
    highlights: [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)].filter(([name]) => !name.startsWith('alliance-lens--'))
      .length,
    noteText: document.body.innerText.includes('certified'),
  }));

describe('passage notes', () => {
  it('draws the passage, survives a reload, and appears live in another tab', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await waitForHighlights(page, 5);
    const other = await env.browser.context.newPage();
    await other.goto(`${env.server.origin}${ARTICLE}?utm_source=newsletter`);
    await waitForHighlights(other, 5);

    await page.bringToFront();
    await waitForSettledHighlights(page);
    await selectText(page, PASSAGE);
    await addNoteFromShortcut(page, 'Check which yards are certified');
    await drawn(page, PASSAGE);
    // Nothing of the passage or its note in the page: no element, no highlight range, no text.
    expect(await pageSees(page)).toEqual({ elements: 0, highlights: 0, noteText: false });

    // The other tab (same page, tracking parameter) draws it without a reload.
    await other.bringToFront();
    await other.evaluate(
      (p) => [...document.querySelectorAll('p')].find((el) => el.textContent!.includes(p))!.scrollIntoView({ block: 'center' }),
      PASSAGE,
    );
    await drawn(other, PASSAGE);

    await page.bringToFront();
    await page.reload();
    await page.evaluate(
      (p) => [...document.querySelectorAll('p')].find((el) => el.textContent!.includes(p))!.scrollIntoView({ block: 'center' }),
      PASSAGE,
    );
    await drawn(page, PASSAGE);
    await page.close();
    await other.close();
  });

  it('shows the note of a clicked passage in the notes frame; the page learns nothing of it', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await waitForHighlights(page, 5);
    await page.evaluate(
      (p) => [...document.querySelectorAll('p')].find((el) => el.textContent!.includes(p))!.scrollIntoView({ block: 'center' }),
      PASSAGE,
    );
    await drawn(page, PASSAGE);
    expect(await pageSees(page)).toEqual({ elements: 0, highlights: 0, noteText: false });
    const at = await pointOfText(page, 'yards such as', 8);
    await page.mouse.click(at.x, at.y);
    await notesFrame(page, 'Check which yards are certified');
    // Closed from the keyboard: the panel follows its passage, and a pointer aimed while it settles may miss.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.frames().some((f) => f.url().includes('/notes-frame.html'))).toBe(false);
    await page.close();
  });

  it('offers a small "Add note" button next to a selection', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await waitForHighlights(page, 5);
    await waitForSettledHighlights(page);
    await selectText(page, 'a surprising part of the answer');
    // A key released after selecting (as with Shift+arrows) offers the button.
    await page.keyboard.press('Shift');
    await clickInUi(page, 'button.selection-button', 'Add note');
    await saveInPassagePanel(page, 'The shipyards angle');
    await drawn(page, 'a surprising part of the answer');
    await page.close();
  });

  it('survives a browser restart with the same profile', async () => {
    const dir = env.browser.userDataDir;
    await env.browser.close({ keepProfile: true });
    env.browser = await launchWithExtension({ userDataDir: dir });
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await page.evaluate(
      (p) => [...document.querySelectorAll('p')].find((el) => el.textContent!.includes(p))!.scrollIntoView({ block: 'center' }),
      PASSAGE,
    );
    await drawn(page, PASSAGE, 15_000);
    await page.close();
  });
});
