/** Helpers for end-to-end tests; the browser and server come from scripts/browser.ts. */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { launchWithExtension, startServer, type ExtensionBrowser, type Handler, type PageServer } from '../../scripts/browser';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import { within } from '../../scripts/extension-ui';
import {
  clickInUi,
  inUi,
  notesFrame,
  openCard,
  paintedMentions,
  saveNoteInCard,
  termBox,
  waitForPainted,
  type EvaluatingPage,
} from '../../scripts/extension-ui';

export * from '../../scripts/browser';
export * from '../../scripts/extension-ui';

/** Functions passed to serviceWorker.evaluate run in the extension, where chrome.* exists. */
declare const chrome: typeof import('wxt/browser').browser;

const STRICT_CSP = "default-src 'none'; require-trusted-types-for 'script'";

/**
 * /csp/strict.html: a page that allows no script, style or request of its
 * own, with a declarative open shadow root (no script needed to make one).
 */
export const strictCspPage: Handler = (req, res) => {
  if (req.url !== '/csp/strict.html') return false;
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': STRICT_CSP })
    .end(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict</title></head><body>' +
        '<p>Seoul and Washington signed the Special Measures Agreement; the SMA covers USFK costs, and the Nuclear Consultative Group met.</p>' +
        '<aside id="component"><template shadowrootmode="open"><p id="inside">A component on the Washington Declaration.</p></template></aside>' +
        '</body></html>',
    );
  return true;
};

/**
 * Runs in the page (Playwright or Puppeteer): whether the highlights' rules
 * reach the page and its shadow root (a strict CSP must not strip them), read
 * as a page could: the `::highlight()` rules among the adopted stylesheets,
 * and the ranges registered for the concepts.
 */
export function styledHighlights() {
  const rule = (sheets: readonly CSSStyleSheet[], id: string) => {
    for (const sheet of sheets) {
      for (const r of sheet.cssRules)
        if (r.cssText.includes(`::highlight(alliance-lens--${id})`)) return /underline/.test(r.cssText) ? 'underline' : 'styled';
    }
    return 'missing';
  };
  const shadow = document.getElementById('component')?.shadowRoot;
  const registry = CSS.highlights as unknown as Map<string, Set<AbstractRange>>;
  return {
    mark: rule(document.adoptedStyleSheets, 'sma'),
    shadowMark: shadow ? rule(shadow.adoptedStyleSheets, 'washington-declaration') : 'missing',
    painted: [...(registry.get('alliance-lens--washington-declaration') ?? [])].some((r) => r.startContainer.getRootNode() === shadow),
  };
}

/**
 * Selects `text` as a reader's drag would: found in the text of the element
 * matching `within` (the passage may cross marks), both ends mapped to text nodes.
 */
export async function selectText(page: DrivenPage, text: string, within = 'body') {
  await page.evaluate(
    ([t, root]) => {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(document.querySelector(root)!, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const all = nodes.map((n) => n.data).join('');
      const start = all.indexOf(t);
      if (start < 0) throw new Error(`"${t}" not found`);
      const at = (offset: number) => {
        let seen = 0;
        for (const n of nodes) {
          if (offset <= seen + n.data.length) return [n, offset - seen] as const;
          seen += n.data.length;
        }
        throw new Error('offset out of range');
      };
      const range = document.createRange();
      range.setStart(...at(start));
      range.setEnd(...at(start + t.length));
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    },
    [text, within] as const,
  );
}

/** Waits until the content script has painted at least `minimum` mentions. */
export async function waitForHighlights(page: Page, minimum = 1) {
  await waitForPainted(page, minimum);
}

/**
 * Has every mention painted, also those far from the view (which are painted
 * only as they approach): the extension paints everything before printing.
 */
export async function paintAllHighlights(page: Page) {
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
}

/** Concept ids of highlighted mentions in document order. */
export async function mentionIds(page: Page): Promise<string[]> {
  return (await paintedMentions(page)).map((m) => m.conceptId);
}

/** How many painted ranges of ours there are (read as a page could, from `CSS.highlights`). */
export function paintedCount(page: EvaluatingPage): Promise<number> {
  return page.evaluate(
    () =>
      [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)]
        .filter(([name]) => name.startsWith('alliance-lens--'))
        .reduce((n, [, h]) => n + h.size, 0),
    null,
  );
}

/** The id of the tab showing `page` (brought to the front, it is the active tab). */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  return within(
    10_000,
    'the active tab from the service worker',
    browser.serviceWorker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) throw new Error('No active tab');
      return tab.id;
    }),
  );
}

/** Drops every kept note draft (the extension's session storage keeps them for the whole browser session), so a test starts clean. */
export async function clearKeptDrafts(browser: ExtensionBrowser) {
  await within(
    10_000,
    'clearing kept drafts in the background',
    browser.serviceWorker.evaluate(async () => {
      const all = await chrome.storage.session.get(null);
      await chrome.storage.session.remove(Object.keys(all).filter((key) => key.startsWith('draft:')));
    }),
  );
}

/** Pins the card of the first mention of `conceptId` with a click and saves a note on it from the card, as a reader does. */
export async function saveNoteFromCard(page: Page, conceptId: string, body: string, tags?: string) {
  await clickTerm(page, conceptId);
  await expect.poll(() => openCard(page)).not.toBeNull();
  return saveNoteInCard(page, body, tags);
}

/**
 * Waits until the highlights stop changing: the count of painted mentions is the same
 * for `quietMs`, and at least `minMs` have passed (pages that add text later).
 */
export async function waitForSettledHighlights(page: Page, { minMs = 0, quietMs = 600 } = {}) {
  const start = Date.now();
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const count = await paintedCount(page);
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs && Date.now() - start >= minMs) return count;
    await page.waitForTimeout(150);
  }
}

export interface TestEnvironment {
  browser: ExtensionBrowser;
  server: PageServer;
}

/**
 * Closes, after each test of the file, passed or failed, every page the test opened: a failed test leaves
 * no page behind (a dashboard holding the database, a card waiting on a frame) for the next test to trip on.
 */
export function closePagesAfterEachTest<P extends { close(): Promise<unknown> }>(pages: () => P[] | Promise<P[]>) {
  let before = new Set<P>();
  beforeEach(async () => {
    before = new Set(await pages());
  });
  afterEach(async () => {
    const opened = (await pages()).filter((page) => !before.has(page));
    // A page the test closed itself, or one that went with its browser, is no failure here.
    await Promise.all(opened.map((page) => page.close().catch(() => undefined)));
  });
}

/**
 * Starts a page server and Chromium with the extension for the tests of one file, and stops them after; see
 * closePagesAfterEachTest. A failed test also prints its last browser calls: a test that timed out in a call
 * with no timeout of its own (the mouse, the keyboard) is then named by it.
 */
export function useExtensionBrowser(handlers: Handler[] = []): TestEnvironment {
  const env = {} as TestEnvironment;
  const calls: string[] = [];
  const onCall = (call: string) => {
    calls.push(`${new Date().toISOString().slice(11, 23)} ${call}`);
    if (calls.length > 50) calls.shift();
  };
  beforeAll(async () => {
    env.server = await startServer(handlers);
    env.browser = await launchWithExtension({ onCall });
  });
  beforeEach(({ onTestFailed }) => {
    calls.length = 0;
    onTestFailed(({ task }) => console.error(`"${task.name}" failed; its last browser calls:\n${calls.slice(-15).join('\n')}`));
  });
  closePagesAfterEachTest(() => env.browser.context.pages());
  afterAll(async () => {
    try {
      await env.browser?.close();
    } finally {
      await env.server?.close();
    }
  });
  return env;
}

/** Starts a page server and Firefox ESR with the extension for the tests of one file, and stops them after. */
export function useFirefoxWithExtension(handlers: Handler[] = []): { firefox: FirefoxWithExtension; server: PageServer } {
  const env = {} as { firefox: FirefoxWithExtension; server: PageServer };
  beforeAll(async () => {
    env.server = await startServer(handlers);
    env.firefox = await launchFirefoxWithExtension();
  });
  closePagesAfterEachTest(() => env.firefox.browser.pages());
  afterAll(async () => {
    try {
      await env.firefox?.close();
    } finally {
      await env.server?.close();
    }
  });
  return env;
}

/**
 * What the human-speed helpers need of a page: the common ground of
 * playwright-core (Chromium) and puppeteer-core (Firefox) pages.
 */
export interface DrivenPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  mouse: {
    move(x: number, y: number, options?: { steps?: number }): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
    click(x: number, y: number): Promise<void>;
  };
  keyboard: { type(text: string, options?: { delay?: number }): Promise<void> };
}

/** A puppeteer-core page (Firefox) as a DrivenPage: its evaluate takes the same function and argument, typed more loosely. */
export function drivenPuppeteerPage(page: PuppeteerPage): DrivenPage {
  // A BiDi call that never answers fails here, named, instead of holding the test to its timeout.
  const evaluate = (fn: unknown, arg: unknown) =>
    within(30_000, 'Firefox answering a page check', page.evaluate(fn as never, arg as never));
  return { evaluate: evaluate as DrivenPage['evaluate'], mouse: page.mouse, keyboard: page.keyboard };
}

/** A reader's pause between two steps: 300–500 ms (pacing, not a wait for a condition). */
export const humanPause = () => new Promise((r) => setTimeout(r, 300 + Math.random() * 200));

/** Moves the real mouse onto an element and clicks it, after a reader's pause. */
export async function clickWithMouse(page: Page, target: Locator) {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 6 });
  await humanPause();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Clicks a dashboard note row's "Open in context" with the mouse; resolves with the tab it opened, loaded. */
export async function openInContext(browser: ExtensionBrowser, dash: Page, row: Locator): Promise<Page> {
  await row.waitFor();
  const opening = browser.context.waitForEvent('page', { timeout: 15_000 });
  await clickWithMouse(dash, row.getByRole('button', { name: 'Open in context' }));
  const opened = await opening;
  await opened.waitForLoadState();
  return opened;
}

/**
 * A bounded observation window, for "nothing happens" checks: `holds` must stay true for `ms`, read
 * every 100 ms (and once more at the end); fails at the first read that breaks it, naming `what`.
 */
export async function holdsFor(holds: () => Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  for (;;) {
    if (!(await holds())) throw new Error(`Expected ${what} for ${ms} ms; it broke after ${ms - Math.max(0, end - Date.now())} ms`);
    if (Date.now() >= end) return;
    await new Promise((ok) => setTimeout(ok, Math.min(100, Math.max(0, end - Date.now()))));
  }
}

/** Polls `check` in the page until it returns a value (not null or false). */
export async function pollPage<R, A>(
  page: DrivenPage,
  check: (arg: A) => R | null | false,
  arg: A,
  what: string,
  timeoutMs = 15_000,
): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(check, arg);
    if (value !== null && value !== false) return value as R;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The viewport point of the `offset`-th character of the first occurrence of `text` in the page (its left edge, mid-height). */
export function pointOfText(page: DrivenPage, text: string, offset = 0): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([t, k]) => {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const all = nodes.map((n) => n.data).join('');
      let at = all.indexOf(t);
      if (at < 0) throw new Error(`"${t}" not found`);
      at += k;
      for (const n of nodes) {
        if (at < n.data.length) {
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + 1);
          // Centre the text's block, not an inline element (a highlight): two points of one paragraph then share one scroll.
          let block = range.startContainer.parentElement!;
          while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
          block.scrollIntoView({ block: 'center' });
          const rect = range.getBoundingClientRect();
          return { x: rect.left + 0.5, y: rect.top + rect.height / 2 };
        }
        at -= n.data.length;
      }
      throw new Error('offset out of range');
    },
    [text, offset] as const,
  );
}

/** Selects by dragging the real mouse from one point to another at a reader's pace; returns the selected text. */
export async function dragSelect(page: DrivenPage, from: { x: number; y: number }, to: { x: number; y: number }): Promise<string> {
  await page.mouse.move(from.x, from.y, { steps: 5 });
  await humanPause();
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 25 });
  await humanPause();
  await page.mouse.up();
  return page.evaluate(() => getSelection()?.toString() ?? '', null);
}

/** Drags over `passage` (from its start to the end of `end`), pauses as a reader does and checks the selection is unchanged; returns the selected text. */
export async function dragSelectPassage(page: DrivenPage, passage: { start: string; end: string }): Promise<string> {
  const from = await pointOfText(page, passage.start);
  const to = await pointOfText(page, passage.end, passage.end.length - 1);
  // Release just past the last character's left edge, inside it: the selection ends after it.
  const selected = await dragSelect(page, from, { x: to.x + 6, y: to.y });
  if (selected.length <= 10) throw new Error(`The drag selected only "${selected}"`);
  // The reader takes their time: the selection must still be there, unchanged.
  await humanPause();
  await humanPause();
  const after = await page.evaluate(() => getSelection()?.toString() ?? '', null);
  if (after !== selected) throw new Error(`The selection changed while the reader paused: "${selected}" became "${after}"`);
  return selected;
}

/**
 * Every note record in the extension's IndexedDB. Evaluate it in an extension
 * context (the background, or the notes frame which shares its origin).
 */
export async function allStoredNotes(): Promise<{ body: string; target?: { quote?: { exact: string } } }[]> {
  const open = indexedDB.open('alliance-lens-notes');
  const db: IDBDatabase = await new Promise((ok, fail) => {
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  try {
    return await new Promise((ok, fail) => {
      const req = db.transaction('notes').objectStore('notes').getAll();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
  } finally {
    db.close();
  }
}

/** The exact quotes of the passage notes among `notes`. */
export const quotesOf = (notes: Awaited<ReturnType<typeof allStoredNotes>>) =>
  notes.flatMap((n) => (n.target?.quote ? [n.target.quote.exact] : []));

/**
 * Where the extension's closed UI covers the viewport beside the current
 * selection (where "Add note" appears): the centre of the points
 * whose hit test lands on the UI host. For browsers whose driver cannot pierce
 * closed shadow roots (Firefox): the reader clicks by sight, so does the test.
 */
export function ownUiPointNearSelection(): { x: number; y: number } | null {
  const selection = getSelection();
  if (!selection?.rangeCount) return null;
  const rects = selection.getRangeAt(0).getClientRects();
  const first = rects[0];
  const last = rects[rects.length - 1];
  if (!first || !last) return null;
  const hits: { x: number; y: number }[] = [];
  // The button sits in the margin beside the passage, or above its first line when there is no margin.
  for (let y = Math.max(0, first.top - 80); y < Math.min(innerHeight, last.bottom + 80); y += 4) {
    for (let x = 0; x < innerWidth; x += 4) {
      const el = document.elementFromPoint(x, y);
      // Our host: a random custom-element-like tag whose shadow root is closed (so null from here).
      if (el && /^[A-Z]{4}-[A-Z]{8}$/.test(el.tagName) && el.shadowRoot === null) hits.push({ x, y });
    }
  }
  if (!hits.length) return null;
  return { x: hits.reduce((a, p) => a + p.x, 0) / hits.length, y: hits.reduce((a, p) => a + p.y, 0) / hits.length };
}

/**
 * Clicks "Add note" for the current selection, clicks into the note field,
 * types `body` and clicks "Save note", with the real mouse and keyboard at a
 * reader's pace; resolves once the passage is drawn.
 */
export async function saveSelectionNote(page: Page, body: string) {
  await humanPause();
  await clickInUi(page, 'button.selection-button', 'Add note');
  const panel = await notesFrame(page, 'Add a note to this passage');
  const box = panel.getByRole('textbox', { name: 'Note' });
  await humanPause();
  await box.click();
  await page.keyboard.type(body, { delay: 30 });
  await humanPause();
  const boxesBefore = await passageBoxCount(page);
  await panel.getByRole('button', { name: 'Save note' }).click();
  for (const deadline = Date.now() + 15_000; (await passageBoxCount(page)) <= boxesBefore; await page.waitForTimeout(100)) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the passage to be drawn');
  }
}

/** How many boxes of annotated passages the extension draws in its closed layer (reached as DevTools does; no page script can). */
export function passageBoxCount(page: Page): Promise<number> {
  return inUi(page, (roots) => roots.reduce((n, r) => n + r.querySelectorAll('.passage-box').length, 0), null);
}

/**
 * The text under the boxes of annotated passages the extension draws, in drawing order, whitespace removed
 * (line breaks fall between boxes): the boxes are read from the closed layer as DevTools can, the text under
 * each from the page's own caret positions.
 */
export async function passageText(page: Page): Promise<string> {
  const boxes = await inUi(
    page,
    (roots) => roots.flatMap((r) => [...r.querySelectorAll('.passage-box')].map((b) => b.getBoundingClientRect().toJSON() as DOMRect)),
    null,
  );
  return page.evaluate((rects) => {
    const at = (x: number, y: number) => document.caretPositionFromPoint(x, y);
    return rects
      .map((r) => {
        const [from, to] = [at(r.left + 1, r.top + r.height / 2), at(r.right - 1, r.top + r.height / 2)];
        if (!from || !to) return '';
        const range = document.createRange();
        range.setStart(from.offsetNode, from.offset);
        range.setEnd(to.offsetNode, to.offset);
        return range.toString();
      })
      .join('')
      .replace(/\s+/g, '');
  }, boxes);
}

/** Runs in the page: how many highlights of ours (of one concept, if given) start inside the elements matching `selector`. */
export function paintedWithin([selector, conceptId]: readonly [string, string | null]): number {
  return [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)]
    .filter(([name]) => (conceptId ? name === `alliance-lens--${conceptId}` : name.startsWith('alliance-lens--')))
    .flatMap(([, ranges]) => [...ranges])
    .filter((r) => r.startContainer.isConnected && !!r.startContainer.parentElement?.closest(selector)).length;
}

/** Runs in the page: the concept of the painted highlight under a viewport point, or null (a page could find it so too). */
export function paintedConceptAt({ x, y }: { x: number; y: number }): string | null {
  const caret = document.caretPositionFromPoint(x, y);
  if (!caret) return null;
  for (const [name, ranges] of CSS.highlights as unknown as Map<string, Set<AbstractRange>>) {
    if (!name.startsWith('alliance-lens--')) continue;
    for (const r of ranges) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      if (range.isPointInRange(caret.offsetNode, caret.offset)) return name.slice('alliance-lens--'.length);
    }
  }
  return null;
}

/** The centre of the first line box of a highlighted mention, scrolled into view. */
export async function termCentre(
  page: EvaluatingPage,
  conceptId: string,
  nth = 0,
  block: ScrollLogicalPosition = 'center',
): Promise<{ x: number; y: number }> {
  const box = await termBox(page, conceptId, nth, block);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Has the page render again the paragraph of a highlighted mention (new text nodes, as a framework re-rendering
 * it makes), with `extra` text after it, and resolves once the mention is highlighted again in the new nodes.
 */
export async function rerenderParagraphOf(page: Page, conceptId: string, extra: string) {
  await page.evaluate(
    ([id, more]) => {
      const [range] = [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get(`alliance-lens--${id}`)!];
      const p = range!.startContainer.parentElement!.closest('p')!;
      p.innerHTML = `${p.innerHTML}${more}`;
    },
    [conceptId, extra] as const,
  );
  await pollPage(
    page,
    (id) =>
      [...((CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get(`alliance-lens--${id}`) ?? [])].length > 0 &&
      [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get(`alliance-lens--${id}`)!].every(
        (r) => r.startContainer.isConnected,
      ),
    conceptId,
    `the ${conceptId} mention highlighted again`,
  );
}

/** Moves the real mouse onto a highlighted mention and clicks it, after a reader's pause. */
export async function clickTerm(page: Page, conceptId: string, nth = 0) {
  const at = await termCentre(page, conceptId, nth);
  await page.mouse.move(at.x, at.y, { steps: 6 });
  await humanPause();
  await page.mouse.click(at.x, at.y);
}
