/**
 * The geometry of geometry.test.ts in Firefox ESR (WebDriver BiDi), with a
 * real mouse at a reader's pace, at 1280 px, 360 px and 200 % zoom, on the
 * long page with terms near the top edge, in the middle and near the bottom:
 * no driver reaches our closed roots here, so the UI is found as the reader's
 * pointer finds it, by hit tests (`elementFromPoint`) in the page and in the
 * notes frame.
 */
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { firefoxNotesFrame } from '../../scripts/firefox';
import { drivenPuppeteerPage, humanPause, pollPage, selectText, useFirefoxWithExtension, type DrivenPage } from './harness';
import {
  closeCard,
  EDGES,
  hoverTerm,
  pointerAside,
  LONG_PAGE,
  PASSAGE,
  termAt,
  TERMS,
  THREE_LINES,
  selectionBand,
  uiAtViewportEdge,
  uiExtent,
  uiHitsIn,
  VIEWS,
  waitForTerms,
} from './geometry-checks';

const env = useFirefoxWithExtension();

async function openLongPage(view: (typeof VIEWS)[number]): Promise<{ page: Page; driven: DrivenPage }> {
  const page = await env.firefox.browser.newPage();
  await page.setViewport({ width: view.width, height: view.height, deviceScaleFactor: view.scale });
  await page.goto(`${env.server.origin}${LONG_PAGE}`);
  const driven = drivenPuppeteerPage(page);
  await waitForTerms(driven);
  return { page, driven };
}

/** Whether the button named `name` in the notes frame lies whole in the frame's view and is what a hit test finds at its centre. */
function buttonInReach(frame: Frame, name: string): Promise<string> {
  return frame.evaluate((label) => {
    const el = [...document.querySelectorAll('button')].find((b) => b.textContent!.trim() === label);
    if (!el) return `no ${label}`;
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return `${label} is cut by the frame's edge`;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit === el || el.contains(hit) ? 'hit' : `${label} is covered`;
  }, name);
}

describe('geometry of the card and the passage panel (Firefox ESR)', () => {
  for (const view of VIEWS) {
    it(`at ${view.name}: the card never covers its term's line nor the next, lies whole in the view; the passage panel too, Save and Cancel in reach; a three-line note whole after saving`, async () => {
      const { page, driven } = await openLongPage(view);
      const withKeys = { ...driven, keyboard: page.keyboard };
      try {
        // One term at each edge (Chromium reads every term): the same rule, a third of the run on a busy machine.
        for (const { conceptId, nth } of TERMS.slice(0, 1)) {
          for (const edge of EDGES) {
            const where = `${conceptId} #${nth} near the ${edge}`;
            await pointerAside(driven);
            const { term, band } = await termAt(driven, conceptId, nth, edge);
            await hoverTerm(driven, term);
            const notes = await firefoxNotesFrame(page);
            await notes.waitForSelector('button.add-note');
            expect(await uiHitsIn(driven, band), `${where}: the UI under the term's lines`).toBe(0);
            expect(await uiAtViewportEdge(driven), `${where}: the card reaches the view's edge`).toBe(false);
            expect(await uiExtent(driven), where).not.toBeNull();
            expect(await buttonInReach(notes, 'Add note'), where).toBe('hit');
            await closeCard(withKeys);
          }
        }

        // The passage panel, for a sentence over several lines.
        await pointerAside(driven);
        await selectText(driven, PASSAGE);
        await page.evaluate(
          (text) => [...document.querySelectorAll('p')].find((p) => p.textContent!.includes(text))!.scrollIntoView({ block: 'center' }),
          PASSAGE,
        );
        await page.keyboard.press('Shift');
        const band = await selectionBand(driven);
        // The pointer leaves the text (a card it opened on the way goes); then the one small surface left is "Add note".
        await pointerAside(driven);
        const button = await pollPage(
          driven,
          () => {
            const ours = (el: Element | null) => !!el && /^[A-Z]{4}-[A-Z]{8}$/.test(el.tagName) && el.shadowRoot === null;
            const hits: { x: number; y: number }[] = [];
            for (let y = 0; y < innerHeight; y += 3)
              for (let x = 0; x < innerWidth; x += 3) if (ours(document.elementFromPoint(x, y))) hits.push({ x, y });
            if (!hits.length) return null;
            const xs = hits.map((p) => p.x);
            const ys = hits.map((p) => p.y);
            const small = Math.max(...xs) - Math.min(...xs) < 200 && Math.max(...ys) - Math.min(...ys) < 60;
            return small ? { x: (Math.max(...xs) + Math.min(...xs)) / 2, y: (Math.max(...ys) + Math.min(...ys)) / 2 } : null;
          },
          null,
          'the "Add note" button alone',
        );
        await page.mouse.move(button.x, button.y, { steps: 8 });
        await humanPause();
        await page.mouse.click(button.x, button.y);
        const panel = await firefoxNotesFrame(page);
        await panel.waitForSelector('textarea');
        expect(await uiHitsIn(driven, band), 'the panel over the selection or the next line').toBe(0);
        expect(await uiAtViewportEdge(driven), 'the panel reaches the view’s edge').toBe(false);
        expect(await buttonInReach(panel, 'Save note')).toBe('hit');
        expect(await buttonInReach(panel, 'Cancel')).toBe('hit');
        await closeCard(withKeys);

        // A three-line note, saved in a pinned card near the top of the view.
        await pointerAside(driven);
        const { term } = await termAt(driven, 'rsf', 1, 'top');
        const at = { x: term.x + Math.min(term.width / 2, 12), y: term.y + term.height / 2 };
        await page.mouse.move(at.x, at.y, { steps: 8 });
        await humanPause();
        await page.mouse.click(at.x, at.y);
        const notes = await firefoxNotesFrame(page);
        await notes.waitForSelector('button.add-note');
        await humanPause();
        await notes.click('button.add-note');
        await notes.waitForSelector('textarea');
        await notes.click('textarea');
        await page.keyboard.type(THREE_LINES.join('\n'), { delay: 10 });
        await humanPause();
        await notes.click('button[type="submit"]');
        await notes.waitForFunction(
          (last) => [...document.querySelectorAll('li.note')].some((li) => li.textContent!.includes(last)),
          { timeout: 10_000 },
          THREE_LINES[2]!,
        );
        const shown = await notes.evaluate((last) => {
          const li = [...document.querySelectorAll('li.note')].find((n) => n.textContent!.includes(last))!;
          const r = li.getBoundingClientRect();
          return {
            top: r.top,
            bottom: r.bottom,
            view: innerHeight,
            scrolled: document.scrollingElement!.scrollTop + (li.closest('.notes-scroll')?.scrollTop ?? 0),
          };
        }, THREE_LINES[2]!);
        expect(shown.scrolled).toBe(0);
        expect(shown.top).toBeGreaterThanOrEqual(0);
        expect(shown.bottom, 'the note is cut by the notes frame').toBeLessThanOrEqual(shown.view);
        expect(await uiAtViewportEdge(driven), 'the pinned card reaches the view’s edge').toBe(false);
      } finally {
        await page.close();
      }
    });
  }
});
