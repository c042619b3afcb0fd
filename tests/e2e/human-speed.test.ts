/**
 * A reader at human speed (real mouse, 300–500 ms between steps) in Chromium: a passage selected by dragging, also from a highlight,
 * stays selected while the reader moves to "Add note", and the note stores
 * exactly the selected words. Hovering cards on a large page while the page
 * ticks every 50 ms rewrites no highlight.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTICLE, FROM_HIGHLIGHT, PLAIN } from './human-speed-passages';
import {
  allStoredNotes,
  quotesOf,
  dragSelectPassage,
  humanPause,
  openCard,
  paintedConceptAt,
  passageText,
  pointOfText,
  saveSelectionNote,
  useExtensionBrowser,
  waitForHighlights,
  type Handler,
} from './harness';

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
  const selected = await dragSelectPassage(page, passage);
  await saveSelectionNote(page, body);
  return selected;
}

describe('Chromium at human speed', () => {
  const env = useExtensionBrowser([tickerPage]);

  it('a passage dragged over (also from a highlight) is saved with exactly the selected text', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await waitForHighlights(page, 5);
    const start = await pointOfText(page, FROM_HIGHLIGHT.start);
    expect(await page.evaluate(paintedConceptAt, start)).toBe('rsf');

    const fromHighlight = await selectAndSave(page, FROM_HIGHLIGHT, 'Ask about certified yards');
    const plain = await selectAndSave(page, PLAIN, 'Money was the old question');
    // The drag started on the highlight, and the selection starts there too.
    expect(fromHighlight.startsWith('Regional Sustainment Framework')).toBe(true);
    const quotes = quotesOf(await env.browser.serviceWorker.evaluate(allStoredNotes));
    expect(quotes).toContain(fromHighlight);
    expect(quotes).toContain(plain);
    const drawn = await passageText(page);
    expect(drawn).toContain(fromHighlight.replace(/\s+/g, ''));
    expect(drawn).toContain(plain.replace(/\s+/g, ''));
    await page.close();
  });

  it('hovering cards on a large page while it ticks every 50 ms opens each card and repaints no highlight', async () => {
    const page: Page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/ticker.html`);
    await waitForHighlights(page, 20);
    for (const i of [3, 4, 5]) {
      const text = `Paragraph ${i}: the Special Measures Agreement`;
      const point = await pointOfText(page, text, text.length - 5);
      // The painted ranges of the hovered paragraph, kept to check they are the very same afterwards.
      const before = await page.evaluate(({ x, y }) => {
        const paragraph = document.caretPositionFromPoint(x, y)!.offsetNode.parentElement!.closest('p')!;
        const hovered = [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)]
          .filter(([name]) => name.startsWith('alliance-lens--'))
          .flatMap(([name, ranges]) => [...ranges].filter((r) => paragraph.contains(r.startContainer)).map((range) => ({ name, range })));
        (window as unknown as { __hovered: typeof hovered }).__hovered = hovered;
        return hovered.length;
      }, point);
      expect(before).toBeGreaterThan(2);
      await page.mouse.move(point.x, point.y, { steps: 8 });
      await expect.poll(() => openCard(page)).toMatchObject({ name: 'Special Measures Agreement' });
      await humanPause();
      await page.mouse.move(5, 5, { steps: 8 });
      await humanPause();
      // The hovered paragraph's highlights are the very same ranges: nothing was repainted.
      expect(
        await page.evaluate(() =>
          (window as unknown as { __hovered: { name: string; range: AbstractRange }[] }).__hovered.every(({ name, range }) =>
            (CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get(name)!.has(range),
          ),
        ),
      ).toBe(true);
    }
    expect(Number(await page.evaluate(() => document.getElementById('clock')!.textContent))).toBeGreaterThan(20);
    await page.close();
  });
});
