/**
 * A reader at human speed (real mouse, 300–500 ms between steps) in Chromium: a passage selected by dragging, also from a highlight,
 * stays selected while the reader moves to "Add note", and the note stores
 * exactly the selected words. Hovering cards on a large page while the page
 * ticks every 50 ms rewrites no highlight.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dragSelect, humanPause, noteMarkerText, openCard, pointOfText, saveSelectionNote, useExtensionBrowser, waitForHighlights, type Handler } from './harness';

const ARTICLE = '/demo/sample-article.html';
/** Starts on the highlight "Regional Sustainment Framework" and ends mid-sentence. */
const FROM_HIGHLIGHT = { start: 'Regional Sustainment Framework, the Pentagon', end: 'the Pentagon wants ships' };
const PLAIN = { start: 'Debates about the alliance', end: 'used to revolve around money' };

/** A large article whose page updates a clock every 50 ms, as dashboards and live blogs do. */
const tickerPage: Handler = (req, res) => {
  if (req.url !== '/ticker.html') return false;
  const paragraph = (i: number) =>
    `<p>Paragraph ${i}: the Special Measures Agreement, USFK costs and the Nuclear Consultative Group came up again, with the Washington Declaration and the Regional Sustainment Framework in Seoul.</p>`;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>US-ROK alliance live</title><body><div id="clock">0</div>${Array.from({ length: 3000 }, (_, i) => paragraph(i)).join('')}
<script>let n = 0; setInterval(() => { document.getElementById('clock').textContent = String(++n); }, 50);</script></body>`);
  return true;
};

async function selectAndSave(page: Page, passage: { start: string; end: string }, body: string) {
  const from = await pointOfText(page, passage.start);
  const to = await pointOfText(page, passage.end, passage.end.length - 1);
  // Release just past the last character's left edge, inside it: the selection ends after it.
  const selected = await dragSelect(page, from, { x: to.x + 6, y: to.y });
  expect(selected.length).toBeGreaterThan(10);
  // The reader takes their time: the selection must still be there, unchanged.
  await humanPause();
  await humanPause();
  expect(await page.evaluate(() => getSelection()?.toString() ?? '', null)).toBe(selected);
  await saveSelectionNote(page, body);
  return selected;
}

async function storedQuotes(env: ReturnType<typeof useExtensionBrowser>): Promise<string[]> {
  return env.browser.serviceWorker.evaluate(async () => {
    const open = indexedDB.open('alliance-lens-notes');
    const db: IDBDatabase = await new Promise((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const all: { target?: { quote?: { exact: string } } }[] = await new Promise((ok) => {
      const req = db.transaction('notes').objectStore('notes').getAll();
      req.onsuccess = () => ok(req.result);
    });
    db.close();
    return all.flatMap((n) => (n.target?.quote ? [n.target.quote.exact] : []));
  });
}

describe('Chromium at human speed', () => {
  const env = useExtensionBrowser([tickerPage]);

  it('a passage dragged over (also from a highlight) is saved with exactly the selected text', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await waitForHighlights(page, 5);
    const start = await pointOfText(page, FROM_HIGHLIGHT.start);
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('al-mark') !== null, start)).toBe(true);

    const fromHighlight = await selectAndSave(page, FROM_HIGHLIGHT, 'Ask about certified yards');
    const plain = await selectAndSave(page, PLAIN, 'Money was the old question');
    const quotes = await storedQuotes(env);
    expect(quotes).toContain(fromHighlight);
    expect(quotes).toContain(plain);
    const markers = await noteMarkerText(page);
    expect(markers).toContain(fromHighlight);
    expect(markers).toContain(plain);
    await page.close();
  });

  it('hovering cards on a large page while it ticks every 50 ms opens each card and rewrites no highlight', async () => {
    const page: Page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/ticker.html`);
    await waitForHighlights(page, 20);
    for (const i of [3, 4, 5]) {
      const text = `Paragraph ${i}: the Special Measures Agreement`;
      const point = await pointOfText(page, text, text.length - 5);
      const before = await page.evaluate(({ x, y }) => {
        const mark = document.elementFromPoint(x, y)!.closest('al-mark')!;
        (window as unknown as { __hovered: Element[] }).__hovered = [...mark.parentElement!.querySelectorAll('al-mark')];
        return mark.parentElement!.querySelectorAll('al-mark').length;
      }, point);
      expect(before).toBeGreaterThan(2);
      await page.mouse.move(point.x, point.y, { steps: 8 });
      await expect.poll(() => openCard(page)).toMatchObject({ name: 'Special Measures Agreement' });
      await humanPause();
      await page.mouse.move(5, 5, { steps: 8 });
      await humanPause();
      // The marks of the hovered paragraph are the very same elements: nothing was rewrapped.
      expect(await page.evaluate(() => (window as unknown as { __hovered: Element[] }).__hovered.every((m) => m.isConnected))).toBe(true);
    }
    expect(Number(await page.evaluate(() => document.getElementById('clock')!.textContent))).toBeGreaterThan(20);
    await page.close();
  });
});
