/** Passage notes in Chromium: add one to a selection, it re-anchors after a reload and a browser restart, and shows live in another tab. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, selectText, tabIdOf, useExtensionBrowser, waitForHighlights } from './harness';

const env = useExtensionBrowser();
const ARTICLE = '/demo/sample-article.html';

async function addNoteFromShortcut(page: Page, body: string) {
  const tabId = await tabIdOf(env.browser, page);
  await env.browser.serviceWorker.evaluate(async (id: number) => {
    await (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome.tabs.sendMessage(id, { id: 2, type: 'page:command', data: { command: 'add-passage-note' }, timestamp: Date.now() });
  }, tabId);
  const host = page.locator('alliance-lens-ui');
  await host.getByRole('textbox', { name: 'Note' }).fill(body);
  await host.getByRole('button', { name: 'Save note' }).click();
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

  it('offers a small "Add note" button next to a selection', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await waitForHighlights(page, 5);
    await selectText(page, 'a surprising part of the answer');
    // A key released after selecting (as with Shift+arrows) offers the button.
    await page.keyboard.press('Shift');
    const host = page.locator('alliance-lens-ui');
    await host.getByRole('button', { name: 'Add note' }).click();
    await host.getByRole('textbox', { name: 'Note' }).fill('The shipyards angle');
    await host.getByRole('button', { name: 'Save note' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('al-note')].some((n) => n.textContent === 'a surprising part of the answer'));
    await page.close();
  });

  it('survives a browser restart with the same profile', async () => {
    const dir = env.browser.userDataDir;
    await env.browser.close({ keepProfile: true });
    env.browser = await launchWithExtension({ userDataDir: dir });
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    // Each note's marker pieces, joined: one of them is the passage.
    await page.waitForFunction(
      (p) => {
        const byNote = new Map<string, string>();
        for (const n of document.querySelectorAll('al-note')) {
          const id = n.getAttribute('data-alliance-lens-note')!;
          byNote.set(id, (byNote.get(id) ?? '') + n.textContent);
        }
        return [...byNote.values()].includes(p);
      },
      PASSAGE,
      { timeout: 15_000 },
    );
    await page.close();
  });
});
