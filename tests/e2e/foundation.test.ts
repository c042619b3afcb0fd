/** The extension loads in Chromium, highlights a page, answers the popup, and keeps notes in its own origin. */
import { describe, expect, it } from 'vitest';
import {
  waitForHighlights,
  mentionIds,
  tabIdOf,
  openCard,
  notesFrame,
  saveNoteInCard,
  useExtensionBrowser,
  waitForSettledHighlights,
  clickTerm,
  paintedWithin,
} from './harness';

const env = useExtensionBrowser();

describe('foundation', () => {
  it('starts the service worker', () => {
    expect(env.browser.serviceWorker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
  });

  it('highlights concepts on a local page', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForHighlights(page, 10);
    const ids = await mentionIds(page);
    expect(ids).toContain('sma');
    expect(ids).toContain('rsf');
    // The code sample mentions "sma" and is never highlighted.
    expect(await page.evaluate(paintedWithin, ['code', null] as const)).toBe(0);
    await page.close();
  });

  it('shows the page count in the popup', async () => {
    const page = await env.browser.context.newPage();
    const url = `${env.server.origin}/demo/sample-article.html`;
    await page.goto(url);
    await waitForHighlights(page, 10);
    await waitForSettledHighlights(page);
    const expected = (await mentionIds(page)).length;
    const popup = await env.browser.openExtensionPage(`popup.html?tab=${await tabIdOf(env.browser, page)}`);
    await popup.getByText(/concepts, \d+ mentions on this page/).waitFor();
    const summary = await popup.getByText(/concepts, \d+ mentions on this page/).textContent();
    expect(summary).toContain(`${expected} mentions`);
    await expect(popup.getByRole('button', { name: /Special Measures Agreement/ }).count()).resolves.toBe(1);
    await popup.close();
    await page.close();
  });

  it('saves a note in the extension IndexedDB, never the page origin, and shows it after a reload', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForHighlights(page, 10);
    await clickTerm(page, 'ncg');
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog', name: 'Nuclear Consultative Group' });
    await saveNoteInCard(page, 'Asked whether the NCG meets <b>twice</b> a year');

    const stored = await env.browser.serviceWorker.evaluate(async () => {
      const dbs = await indexedDB.databases();
      const open = indexedDB.open('alliance-lens-notes');
      const db: IDBDatabase = await new Promise((ok, fail) => {
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const all: { body: string }[] = await new Promise((ok) => {
        const req = db.transaction('notes').objectStore('notes').getAll();
        req.onsuccess = () => ok(req.result);
      });
      db.close();
      return { names: dbs.map((d) => d.name), bodies: all.map((n) => n.body) };
    });
    expect(stored.names).toContain('alliance-lens-notes');
    expect(stored.bodies).toContain('Asked whether the NCG meets <b>twice</b> a year');
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    // The note text is nowhere in the page's light DOM.
    expect(
      await page.evaluate(
        () => document.documentElement.outerHTML.includes('meets <b>twice</b>') || document.body.textContent!.includes('NCG meets'),
      ),
    ).toBe(false);

    await page.reload();
    await waitForHighlights(page, 10);
    await clickTerm(page, 'ncg');
    await (await notesFrame(page)).getByText('Asked whether the NCG meets <b>twice</b> a year').waitFor();
    await page.close();
  });
});
