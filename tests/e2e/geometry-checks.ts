/**
 * Geometry checks shared by the Chromium and Firefox geometry tests: where a
 * term's lines are, what of the extension's UI a hit test finds over them, and
 * how far the UI reaches. Hit tests go through `elementFromPoint`, which both
 * drivers have (Firefox's cannot pierce our closed roots, so the UI is found
 * as the reader's pointer would find it: by what lies under a point).
 */
import { humanPause, pollPage, termBox, type DrivenPage } from './harness';

export type Box = { x: number; y: number; width: number; height: number };

/** The long page the tests read (a 35 kB working paper with a sidebar, a table and footnotes). */
export const LONG_PAGE = '/dev/alliance-sustainment-working-paper.html';

/** The views a reader uses: a desktop window, a phone, and a 1280 × 720 window at 200 % zoom (640 × 360 CSS px at 2 device px each). */
export const VIEWS = [
  { name: '1280 px', width: 1280, height: 800, scale: 1 },
  { name: '360 px', width: 360, height: 740, scale: 1 },
  { name: '200 % zoom', width: 640, height: 360, scale: 2 },
] as const;

/** Where a term is brought in the view: near the top edge, in the middle, near the bottom edge. */
export type Edge = 'top' | 'middle' | 'bottom';
export const EDGES: Edge[] = ['top', 'middle', 'bottom'];

/**
 * Moves the pointer into the page's left margin, off the text (which may run past the right edge of a narrow
 * view), so it leaves the last term (a dismissed card may open again) and no card opens under it as the page scrolls.
 */
export async function pointerAside(page: DrivenPage) {
  const h = await page.evaluate(() => innerHeight, null);
  await page.mouse.move(3, h / 2, { steps: 4 });
}

/** Terms on the long page, one per kind of place: a sentence in the body, early in a paragraph, a heading-near line. */
export const TERMS = [
  { conceptId: 'rsf', nth: 2 },
  { conceptId: 'sofa', nth: 1 },
  { conceptId: 'usfk', nth: 3 },
] as const;

/**
 * Has every mention marked (as before printing; far ones are marked only as they
 * approach otherwise) and waits until each term the tests read can be found.
 */
export async function waitForTerms(page: DrivenPage) {
  for (const deadline = Date.now() + 20_000; ; await new Promise((ok) => setTimeout(ok, 150))) {
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')), null);
    const found = await Promise.all(
      TERMS.map((t) =>
        termBox(page, t.conceptId, t.nth).then(
          () => true,
          () => false,
        ),
      ),
    );
    // …and the page has stopped growing as mentions are marked (a mark may rewrap a line above a term).
    const still = await page.evaluate(
      () =>
        new Promise<boolean>((ok) => {
          const height = document.documentElement.scrollHeight;
          let frames = 0;
          const check = () =>
            document.documentElement.scrollHeight !== height ? ok(false) : ++frames >= 30 ? ok(true) : requestAnimationFrame(check);
          requestAnimationFrame(check);
        }),
      null,
    );
    if (found.every(Boolean) && still) return;
    if (Date.now() > deadline) throw new Error(`Not every term the test reads is highlighted on the long page: ${JSON.stringify(TERMS)}`);
  }
}

export interface TermLines {
  /** The term's first line box (from the harness's termBox), after scrolling it to `edge`. */
  term: Box;
  /** The term's line and the line below it, across its text column: what no surface may cover. */
  band: Box;
}

/**
 * Brings the `nth` mention of `conceptId` near `edge` of the view and returns its
 * lines. Only termBox finds the term; the scroll after it moves every box alike.
 */
export async function termAt(page: DrivenPage, conceptId: string, nth: number, edge: Edge): Promise<TermLines> {
  for (const deadline = Date.now() + 15_000; ; ) {
    const lines = await linesAt(page, await termBox(page, conceptId, nth), edge);
    // Measured where the page left it: if the page moved (marks still being added, scroll anchoring), measure again.
    const settled = await page.evaluate(
      (y) => new Promise<boolean>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(Math.abs(scrollY - y) < 0.5)))),
      lines.scrollY,
    );
    if (settled) return lines;
    if (Date.now() > deadline) throw new Error(`${conceptId} #${nth} kept moving`);
  }
}

/** Scrolls the term's box `b` to `edge` of the view; its lines there, and the scroll they were measured at. */
function linesAt(page: DrivenPage, b: Box, edge: Edge): Promise<TermLines & { scrollY: number }> {
  return page.evaluate(
    ([b, where]) => {
      const target = where === 'top' ? 12 : where === 'bottom' ? innerHeight - 12 - b.height : b.y;
      // Back to the page's left edge (a narrow view scrolls sideways to a wide text column), the term near `where`.
      const [sx, sy] = [scrollX, scrollY];
      scrollTo(0, sy + b.y - target);
      const term = { ...b, x: b.x + sx - scrollX, y: b.y - (scrollY - sy) };
      // The line height and the text column of the text the term is in.
      let el = document.elementFromPoint(term.x + term.width / 2, term.y + term.height / 2)!;
      const style = getComputedStyle(el);
      const lineHeight = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
      while (el.parentElement && getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
      const column = el.getBoundingClientRect();
      const leading = Math.max(0, lineHeight - term.height) / 2;
      const band = { x: column.left, y: term.y - leading, width: column.width, height: term.height + 2 * leading + lineHeight };
      return { term, band, scrollY };
    },
    [b, edge] as const,
  );
}

/** The current selection's lines and the line below them, across their text column: what the passage panel may not cover. */
export function selectionBand(page: DrivenPage): Promise<Box> {
  return page.evaluate(() => {
    const range = getSelection()!.getRangeAt(0);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    let el = range.startContainer.parentElement!;
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 1.2 * parseFloat(getComputedStyle(el).fontSize);
    while (el.parentElement && getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
    const column = el.getBoundingClientRect();
    const top = Math.min(...rects.map((r) => r.top));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    const glyphs = Math.max(...rects.map((r) => r.height));
    const leading = Math.max(0, lineHeight - glyphs) / 2;
    return { x: column.left, y: top - leading, width: column.width, height: bottom - top + 2 * leading + lineHeight };
  }, null);
}

/** How many points of `box` (every `step` px) a hit test finds on the extension's UI host. */
export function uiHitsIn(page: DrivenPage, box: Box, step = 2): Promise<number> {
  return page.evaluate(
    ([b, s]) => {
      // Our host: a random custom-element-like tag whose shadow root is closed (so null from here).
      const ours = (el: Element | null) => !!el && /^[A-Z]{4}-[A-Z]{8}$/.test(el.tagName) && el.shadowRoot === null;
      let hits = 0;
      for (let y = Math.max(0, b.y); y < Math.min(innerHeight, b.y + b.height); y += s) {
        for (let x = Math.max(0, b.x); x < Math.min(innerWidth, b.x + b.width); x += s) if (ours(document.elementFromPoint(x, y))) hits++;
      }
      return hits;
    },
    [box, step] as const,
  );
}

/**
 * The box of what a hit test finds of the extension's UI in the whole view
 * (every 3 px), or null when nothing of it is there.
 */
export function uiExtent(page: DrivenPage): Promise<Box | null> {
  return page.evaluate(() => {
    const ours = (el: Element | null) => !!el && /^[A-Z]{4}-[A-Z]{8}$/.test(el.tagName) && el.shadowRoot === null;
    let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let y = 0; y < innerHeight; y += 3) {
      for (let x = 0; x < innerWidth; x += 3) {
        if (!ours(document.elementFromPoint(x, y))) continue;
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
    return left === Infinity ? null : { x: left, y: top, width: right - left, height: bottom - top };
  }, null);
}

/** Whether any of the extension's UI lies under the 3 px strips along the view's edges (where a surface cut by the edge would show). */
export function uiAtViewportEdge(page: DrivenPage): Promise<boolean> {
  return page.evaluate(() => {
    const ours = (el: Element | null) => !!el && /^[A-Z]{4}-[A-Z]{8}$/.test(el.tagName) && el.shadowRoot === null;
    for (let k = 0; k < 3; k++) {
      for (let x = 0; x < innerWidth; x += 2)
        if (ours(document.elementFromPoint(x, k)) || ours(document.elementFromPoint(x, innerHeight - 1 - k))) return true;
      for (let y = 0; y < innerHeight; y += 2)
        if (ours(document.elementFromPoint(k, y)) || ours(document.elementFromPoint(innerWidth - 1 - k, y))) return true;
    }
    return false;
  }, null);
}

/** Hovers the term with the real mouse, as a reader does, and waits until a surface of the extension covers some of the view. */
export async function hoverTerm(page: DrivenPage, term: Box) {
  await page.mouse.move(term.x + Math.min(term.width / 2, 12), term.y + term.height / 2, { steps: 8 });
  await humanPause();
  await pollPage(
    page,
    () => {
      const ours = (el: Element | null) => !!el && /^[A-Z]{4}-[A-Z]{8}$/.test(el.tagName) && el.shadowRoot === null;
      for (let y = 0; y < innerHeight; y += 8)
        for (let x = 0; x < innerWidth; x += 8) if (ours(document.elementFromPoint(x, y))) return true;
      return false;
    },
    null,
    'the card to open on hover',
  );
}

/** Presses Escape (the card goes) and waits until nothing of the extension is under the view. */
export async function closeCard(page: DrivenPage & { keyboard: { press(key: string): Promise<void> } }) {
  await page.keyboard.press('Escape');
  await pollPage(
    page,
    () => {
      const ours = (el: Element | null) => !!el && /^[A-Z]{4}-[A-Z]{8}$/.test(el.tagName) && el.shadowRoot === null;
      for (let y = 0; y < innerHeight; y += 8)
        for (let x = 0; x < innerWidth; x += 8) if (ours(document.elementFromPoint(x, y))) return false;
      return true;
    },
    null,
    'the card to close on Escape',
  );
}

/** A sentence of the long page over several lines, for a passage note. */
export const PASSAGE =
  'Regional Sustainment Framework (RSF), the repair contracts awarded to Korean shipbuilders and the multilateral Partnership for Indo-Pacific Industrial Resilience (PIPIR) are modest in budget terms';

/** A three-line note, as a reader types it (Enter between the lines). */
export const THREE_LINES = ['RSF: repairs in Korean yards,', 'less time away for the ships,', 'steady work for the yards.'];
