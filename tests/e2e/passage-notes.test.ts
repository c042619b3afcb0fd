/** Passage notes in Chromium: add one to a selection, it re-anchors after a reload and a browser restart, and shows live in another tab. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickInUi, launchWithExtension, notesFrame, saveInPassagePanel, selectText, tabIdOf, useExtensionBrowser, waitForHighlights, waitForSettledHighlights } from './harness';

const env = useExtensionBrowser();
const ARTICLE = '/demo/sample-article.html';

async function addNoteFromShortcut(page: Page, body: string) {
  const tabId = await tabIdOf(env.browser, page);
  await env.browser.serviceWorker.evaluate(async (id: number) => {
    await (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome.tabs.sendMessage(id, { id: 2, type: 'page:command', data: { command: 'add-passage-note' }, timestamp: Date.now() });
  }, tabId);
  await saveInPassagePanel(page, body);
  await page.waitForFunction(() => document.querySelectorAll('al-note').length > 0);
}

const PASSAGE = 'South Korean yards such as Hanwha Ocean';

describe('passage notes', () => {
  it('marks the passage, survives a reload, and appears live in another tab', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await waitForHighlights(page, 5);
    const other = await env.browser.context.newPage();
    await other.goto(`${env.server.origin}${ARTICLE}?utm_source=newsletter`);
    await waitForHighlights(other, 5);

    await page.bringToFront();
    // Select once the highlighter has finished wrapping: a paragraph wrapped again would lose the selection.
    await waitForSettledHighlights(page);
    await selectText(page, PASSAGE);
    await addNoteFromShortcut(page, 'Check which yards are certified');
    const marked = () => page.evaluate(() => [...document.querySelectorAll('al-note')].map((n) => n.textContent).join(''));
    expect(await marked()).toBe(PASSAGE);
    // No note text in the page's DOM: only the marker.
    expect(await page.evaluate(() => document.body.innerText.includes('certified'))).toBe(false);

    // The other tab (same page, tracking parameter) gets the marker without a reload.
    await other.waitForFunction((p) => [...document.querySelectorAll('al-note')].map((n) => n.textContent).join('') === p, PASSAGE, { timeout: 10_000 });

    await page.reload();
    await page.waitForFunction((p) => [...document.querySelectorAll('al-note')].map((n) => n.textContent).join('') === p, PASSAGE, { timeout: 10_000 });
    await page.close();
    await other.close();
  });

  it('shows the note of a clicked marker in the notes frame; markers carry no note id', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await waitForHighlights(page, 5);
    await page.waitForFunction((p) => [...document.querySelectorAll('al-note')].map((n) => n.textContent).join('').includes(p), PASSAGE, { timeout: 10_000 });
    // Only the class: no id, count or text of the note for the page to read.
    const attributes = await page.evaluate(() => [...new Set([...document.querySelectorAll('al-note')].flatMap((n) => n.getAttributeNames()))]);
    expect(attributes.sort()).toEqual(['class', 'data-markjs']);
    await page.locator('al-note').first().click();
    await (await notesFrame(page, 'Check which yards are certified')).getByRole('button', { name: 'Close' }).click();
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
    await page.waitForFunction(() => [...document.querySelectorAll('al-note')].some((n) => n.textContent === 'a surprising part of the answer'));
    await page.close();
  });

  it('survives a browser restart with the same profile', async () => {
    const dir = env.browser.userDataDir;
    await env.browser.close({ keepProfile: true });
    env.browser = await launchWithExtension({ userDataDir: dir });
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    // The markers' text, joined, holds the passage (markers carry no note id for a page to read).
    await page.waitForFunction((p) => [...document.querySelectorAll('al-note')].map((n) => n.textContent).join('').includes(p), PASSAGE, { timeout: 15_000 });
    await page.close();
  });
});
