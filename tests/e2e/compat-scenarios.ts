/**
 * The compatibility scenarios (issue 23), written once for playwright-core
 * (Chromium) and puppeteer-core (Firefox): each runs a framework page from
 * tests/fixtures/compat as a reader does, with the real mouse and keyboard,
 * and returns what happened, so a test can compare a run with the extension
 * against a run without it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { humanPause, pointOfText, pollPage, ROOT, waitForPainted, within, type DrivenPage, type Handler } from './harness';

/** The pages and bundles built from npm packages, served under /compat/. */
export function compatPages(): Handler {
  const routes = JSON.parse(
    execFileSync(process.execPath, [join(ROOT, 'tests/fixtures/compat/build.mjs')], { encoding: 'utf8', maxBuffer: 64 << 20 }),
  ) as Record<string, string>;
  return (req, res) => {
    const body = routes[(req.url ?? '').replace(/^\/compat\//, '')];
    if (!req.url?.startsWith('/compat/') || body === undefined) return false;
    res.writeHead(200, { 'content-type': req.url.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' }).end(body);
    return true;
  };
}

/** One tab of either browser, as the scenarios drive it. */
export interface CompatTab {
  page: DrivenPage;
  /** Uncaught page errors and console errors, as they come. */
  errors: string[];
  /** Console warnings (frameworks report hydration mismatches there). */
  warnings: string[];
  goto(path: string): Promise<void>;
  wheel(deltaY: number): Promise<void>;
  /** Whether the extension shows its concept card. */
  cardOpen(): Promise<boolean>;
}

/**
 * Waits until at least `minimum` mentions are highlighted. The engine before
 * issue 23 wrapped marks instead of painting: counting them too lets this
 * suite measure it (what is painted is then checked with paintedTexts).
 */
const waitHighlighted = (page: DrivenPage, minimum: number) =>
  pollPage(
    page,
    (n) => {
      const painted = [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)]
        .filter(([name]) => name.startsWith('alliance-lens--'))
        .reduce((sum, [, h]) => sum + h.size, 0);
      return painted + document.querySelectorAll('[data-concept-id]').length >= n;
    },
    minimum,
    `${minimum} highlighted mentions`,
    30_000,
  );

/**
 * The texts of the painted mentions still in the page (a page may have
 * replaced the text a mention was painted on), once `term` is among them or
 * after 10 s: read through `CSS.highlights` as any page script could.
 */
async function paintedTexts(page: DrivenPage, term: string): Promise<string[]> {
  for (const deadline = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 100))) {
    const texts = await page.evaluate(
      () =>
        [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)]
          .filter(([name]) => name.startsWith('alliance-lens--'))
          .flatMap(([, ranges]) => [...ranges].filter((r) => r.startContainer.isConnected))
          .map((r) => {
            const range = document.createRange();
            range.setStart(r.startContainer, r.startOffset);
            range.setEnd(r.endContainer, r.endOffset);
            return range.toString();
          }),
      null,
    );
    if (texts.includes(term) || Date.now() > deadline) return texts;
  }
}

/** Moves the real mouse to the `offset`-th character of `text` and clicks there, after a reader's pause. */
async function clickText(page: DrivenPage, text: string, offset: number, dx = 0) {
  const { x, y } = await pointOfText(page, text, offset);
  await page.mouse.move(x + dx, y, { steps: 6 });
  await humanPause();
  await page.mouse.click(x + dx, y);
}

export interface RegionOutcome {
  /** Animation frames sampled, and those whose text was not the text of the framework's state. */
  frames: number;
  wrongFrames: number;
  firstWrong: { shown: string; want: string } | null;
  errors: string[];
  warnings: string[];
  /** The slowest page.evaluate round trip while the pointer rested on a term, in ms. */
  slowestAnswerMs: number;
  /** With the extension: the mentions painted once the page stopped (see paintedTexts). */
  painted: string[];
  /** The live blog's innerHTML writes, and the times its markup really changed. */
  rewrites: number | null;
  changes: number | null;
}

/**
 * A region that re-renders (a framework's keyed list, the live blog): waits
 * for the page to be read (with the extension), scrolls an island into view
 * (so it hydrates), then rests the real pointer on `term` until the page has
 * run its ticks and sampled 300 frames (5 s at least), asking the page for an
 * answer every 100 ms meanwhile.
 */
export async function regionScenario(
  tab: CompatTab,
  path: string,
  { term, extension, island = false }: { term: string; extension: boolean; island?: boolean },
): Promise<RegionOutcome> {
  const { page } = tab;
  await tab.goto(path);
  if (extension) await waitHighlighted(page, 1);
  if (island) {
    for (let step = 0; !(await page.evaluate(() => (window as { __hydrated?: boolean }).__hydrated === true, null)); step++) {
      if (step > 40) throw new Error('The island never hydrated while scrolling down');
      await tab.wheel(200);
      await humanPause();
    }
  }
  const { x, y } = await pointOfText(page, term, 1);
  await page.mouse.move(x, y, { steps: 6 });
  let slowestAnswerMs = 0;
  for (const deadline = Date.now() + 90_000; ; await new Promise((r) => setTimeout(r, 100))) {
    const asked = performance.now();
    // A hung tab never answers: say so rather than wait for the test's own timeout.
    const done = await within(
      10_000,
      `${path} answering while the pointer rests on "${term}"`,
      page.evaluate(() => (window as { __done?: boolean }).__done === true, null),
    );
    slowestAnswerMs = Math.max(slowestAnswerMs, performance.now() - asked);
    if (done) break;
    if (Date.now() > deadline) throw new Error(`${path} never finished its ticks`);
  }
  const state = await page.evaluate(() => {
    const w = window as unknown as {
      __sample: { frames: number; wrong: number; first: { shown: string; want: string } | null };
      __rewrites?: number;
      __changes?: number;
    };
    return { ...w.__sample, rewrites: w.__rewrites ?? null, changes: w.__changes ?? null };
  }, null);
  return {
    frames: state.frames,
    wrongFrames: state.wrong,
    firstWrong: state.first,
    errors: [...tab.errors],
    warnings: [...tab.warnings],
    slowestAnswerMs: Math.round(slowestAnswerMs),
    rewrites: state.rewrites,
    changes: state.changes,
    painted: extension ? await paintedTexts(page, term) : [],
  };
}

/** The editors' first paragraph after the reader typed " Talks resume." at its end and "x" inside "USFK". */
export const EDITED_FIRST_PARAGRAPH = 'The Special Measures Agreement covers USxFK cost-sharing. Talks resume.';

export interface EditorOutcome {
  /** With the extension: the mentions painted before the reader typed. */
  painted: string[];
  model: string[];
  dom: string[];
  errors: string[];
}

/**
 * An editor (ProseMirror, Quill) shown read-only: the reader clicks "Edit",
 * clicks at the end of the first paragraph and types, then clicks inside the
 * term "USFK" and types one letter, with the real mouse and keyboard.
 */
export async function editorScenario(tab: CompatTab, path: string, extension: boolean): Promise<EditorOutcome> {
  const { page } = tab;
  await tab.goto(path);
  await pollPage(page, () => (window as { __ready?: boolean }).__ready === true, null, 'the editor');
  if (extension) await waitHighlighted(page, 3);
  const painted = extension ? await paintedTexts(page, 'USFK') : [];
  await clickText(page, 'Edit', 1);
  // Just past the paragraph's last character: the caret goes to its end.
  await clickText(page, 'cost-sharing.', 12, 8);
  await page.keyboard.type(' Talks resume.', { delay: 40 });
  // On the left edge of "F": the caret goes between "S" and "F".
  await clickText(page, 'USFK', 2);
  await page.keyboard.type('x', { delay: 40 });
  await humanPause();
  const { model, dom } = await page.evaluate(
    () => (window as unknown as { __editor(): { model: string[]; dom: string[] } }).__editor(),
    null,
  );
  return { painted, model, dom, errors: [...tab.errors] };
}

export interface EditableOutcome {
  /** With the extension: the mentions painted before the click. */
  painted: string[];
  /** The caret after the click: its text node's text and offset, and whether the region has focus. */
  caret: { text: string; offset: number; focused: boolean };
  /** Whether a card showed at any moment of the ~700 ms after the click. */
  cardShown: boolean;
  /** The region's text after the reader typed "Z". */
  text: string;
  errors: string[];
}

/**
 * A region made contenteditable after load (its "Edit" button): a real click
 * on "Washington" (between "Wash" and "ington"), ~700 ms of watching for a
 * card, then a typed "Z".
 */
export async function editableScenario(tab: CompatTab, extension: boolean): Promise<EditableOutcome> {
  const { page } = tab;
  await tab.goto('/compat/contenteditable.html');
  await pollPage(page, () => (window as { __ready?: boolean }).__ready === true, null, 'the editable region');
  if (extension) await waitHighlighted(page, 3);
  const painted = extension ? await paintedTexts(page, 'Washington Declaration') : [];
  await clickText(page, 'Edit', 1);
  await pollPage(page, () => document.getElementById('root')!.isContentEditable, null, 'the region made editable');
  await clickText(page, 'Washington', 4);
  const caret = await page.evaluate(() => {
    const s = getSelection()!;
    return {
      text: s.anchorNode?.textContent ?? '',
      offset: s.anchorOffset,
      focused: document.activeElement === document.getElementById('root') && s.isCollapsed,
    };
  }, null);
  let cardShown = false;
  for (const end = Date.now() + 700; Date.now() < end; ) cardShown ||= await tab.cardOpen();
  await page.keyboard.type('Z', { delay: 40 });
  await humanPause();
  const text = await page.evaluate(() => document.getElementById('root')!.textContent ?? '', null);
  return { painted, caret, cardShown, text, errors: [...tab.errors] };
}

/** What a run of the editable scenario must end with, with the extension or without. */
export const EDITABLE_EXPECTED: Omit<EditableOutcome, 'errors' | 'painted'> = {
  caret: {
    text: 'The NCG met in Seoul after the Washington Declaration.',
    offset: 'The NCG met in Seoul after the Wash'.length,
    focused: true,
  },
  cardShown: false,
  text: 'The Special Measures Agreement covers USFK cost-sharing.The NCG met in Seoul after the WashZington Declaration.',
};

/** The problems a page's footprint shows: anything beyond one element (the extension's UI host) added to <body>. */
function footprintProblems(fp: Footprint): string[] {
  const host = /^[a-z]{4}-[a-z]{8}$/;
  const problems: string[] = [];
  const hostAdditions = fp.records.filter(
    (r) => r.type === 'childList' && r.targetIsBody && r.removed.length === 0 && r.added.length === 1 && host.test(r.added[0]!),
  );
  if (hostAdditions.length !== 1) problems.push(`${hostAdditions.length} additions of a UI host to <body>, not 1`);
  for (const r of fp.records)
    if (!hostAdditions.includes(r))
      problems.push(
        `${r.type} on ${r.target}: added ${JSON.stringify(r.added)}, removed ${JSON.stringify(r.removed)}, attribute ${r.attribute} (was ${JSON.stringify(r.oldValue)})`,
      );
  if (fp.addedElements.length !== 1 || !/^[a-z]{4}-[a-z]{8} in body$/.test(fp.addedElements[0]!))
    problems.push(`elements added since DOMContentLoaded: ${JSON.stringify(fp.addedElements)}`);
  for (const change of fp.changedAttributes) problems.push(`attributes changed: ${change}`);
  if (fp.removedElements) problems.push(`${fp.removedElements} elements removed`);
  if (!fp.textNodes.same) problems.push(`text nodes changed: ${fp.textNodes.loaded} at DOMContentLoaded, ${fp.textNodes.now} now`);
  return problems;
}

/** What tests/fixtures/compat/footprint.mjs records in the page. */
interface Footprint {
  records: {
    type: string;
    target: string;
    targetIsBody: boolean;
    added: string[];
    removed: string[];
    attribute: string | null;
    oldValue: string | null;
  }[];
  parserInsertions: number;
  addedElements: string[];
  changedAttributes: string[];
  removedElements: number;
  textNodes: { loaded: number; now: number; same: boolean };
}

const readFootprint = (page: DrivenPage) => page.evaluate(() => (window as unknown as { __footprint(): Footprint }).__footprint(), null);

/** The passage with no concept in it in the footprint article (tests/fixtures/compat/footprint.mjs). */
export const FOOTPRINT_PASSAGE = { start: 'Money was the old question', end: 'wanted to reopen it.' };

/**
 * The footprint test's end, after the reader's notes: highlights switched off
 * and on, the footprint read; then a reload, the card opened again (so the
 * host is needed again), and the fresh page's footprint read. Each must show
 * the one UI host added and nothing else.
 */
export async function expectOneHostThroughOffOnAndReload(
  browser: string,
  page: DrivenPage,
  steps: { setEnabled(on: boolean): Promise<void>; reload(): Promise<void>; hoverUntilCard(): Promise<unknown> },
) {
  await steps.setEnabled(false);
  await pollPage(
    page,
    () =>
      ![...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)].some(
        ([name, h]) => name.startsWith('alliance-lens--') && h.size > 0,
      ),
    null,
    'highlights off',
  );
  await steps.setEnabled(true);
  await waitForPainted(page, 10);
  const first = await readFootprint(page);
  logOutcome(browser, 'footprint, first load', true, first);

  await steps.reload();
  await waitForPainted(page, 10);
  await steps.hoverUntilCard();
  const second = await readFootprint(page);
  logOutcome(browser, 'footprint, after reload', true, second);

  expect(footprintProblems(first)).toEqual([]);
  expect(footprintProblems(second)).toEqual([]);
  // The parser's own insertions were seen: the observer really ran from the top of <head>.
  expect(first.parserInsertions).toBeGreaterThan(50);
  expect(second.parserInsertions).toBe(first.parserInsertions);
}

/** Logs an outcome for the before/after table (one JSON line a run). */
function logOutcome(browser: string, scenario: string, extension: boolean, outcome: object) {
  console.log(`compat-outcome ${JSON.stringify({ browser, scenario, extension, ...outcome })}`);
}

/** The checks every region run must pass, with or without the extension. */
function expectRegionClean(outcome: RegionOutcome) {
  expect(outcome.errors).toEqual([]);
  expect(outcome.wrongFrames, `first wrong frame: ${JSON.stringify(outcome.firstWrong)}`).toBe(0);
  expect(outcome.frames).toBeGreaterThanOrEqual(300);
  // A hung tab fails the run itself (no answer within 10 s); how fast it answered is logged, never held to a time.
  if (outcome.rewrites !== null) expect(outcome.rewrites).toBe(outcome.changes);
}

/** Runs a scenario in a new tab of the browser with the extension or of the one without it, closing the tab after. */
export type RunInTab = <T>(extension: boolean, scenario: (tab: CompatTab) => Promise<T>) => Promise<T>;

const REGIONS = [
  { name: 'React 19 keyed list, server-rendered and hydrated', path: '/compat/react.html', term: 'SMA' },
  { name: 'Vue 3 keyed list, server-rendered and hydrated', path: '/compat/vue.html', term: 'SMA' },
  { name: 'Svelte 5 keyed list, server-rendered and hydrated', path: '/compat/svelte.html', term: 'SMA' },
  { name: 'Preact keyed list, server-rendered and hydrated', path: '/compat/preact.html', term: 'SMA' },
  { name: 'React list whose bundle hydrates 2.5 s after load', path: '/compat/react-late.html', term: 'SMA' },
  { name: 'React island hydrated when scrolled into view', path: '/compat/react-island.html', term: 'SMA', island: true },
  { name: 'live blog that rewrites innerHTML when it changed', path: '/compat/blog.html', term: 'Nuclear Consultative Group' },
];

/** The compatibility suite's tests for one browser: every page run without the extension, then with it. */
export function compatSuite(browser: string, inTab: RunInTab) {
  async function withoutAndWith<T extends object>(name: string, scenario: (tab: CompatTab, extension: boolean) => Promise<T>) {
    const without = await inTab(false, (tab) => scenario(tab, false));
    logOutcome(browser, name, false, without);
    const withExtension = await inTab(true, (tab) => scenario(tab, true));
    logOutcome(browser, name, true, withExtension);
    return { without, withExtension };
  }

  describe(`framework pages with and without the extension (${browser})`, () => {
    for (const region of REGIONS) {
      it(`${region.name}: the same text at every frame, no error, a responsive tab under a resting pointer`, async () => {
        const { without, withExtension } = await withoutAndWith(region.path, (tab, extension) =>
          regionScenario(tab, region.path, { term: region.term, extension, island: region.island }),
        );
        expectRegionClean(without);
        expectRegionClean(withExtension);
        expect(withExtension.warnings).toEqual(without.warnings);
        expect(withExtension.rewrites).toBe(without.rewrites);
        // Painted again after the last re-render, the term under the pointer among them.
        expect(withExtension.painted).toContain(region.term);
      });
    }

    for (const editor of ['prosemirror', 'quill']) {
      it(`${editor}: shown read-only, made editable, typed into (also inside a term): its model equals its DOM, no paragraph duplicated`, async () => {
        const { without, withExtension } = await withoutAndWith(editor, (tab, extension) =>
          editorScenario(tab, `/compat/${editor}.html`, extension),
        );
        for (const run of [without, withExtension]) {
          expect(run.errors).toEqual([]);
          expect(run.model).toEqual(run.dom);
          expect(run.model).toEqual([EDITED_FIRST_PARAGRAPH, 'The NCG met in Seoul after the Washington Declaration.']);
        }
        expect(withExtension.painted).toContain('USFK');
      });
    }

    it('a region made contenteditable after load: a click on a term puts the caret there and opens no card; the typed key lands there', async () => {
      const { without, withExtension } = await withoutAndWith('contenteditable', editableScenario);
      for (const run of [without, withExtension]) {
        expect(run.errors).toEqual([]);
        expect({ caret: run.caret, cardShown: run.cardShown, text: run.text }).toEqual(EDITABLE_EXPECTED);
      }
      expect(withExtension.painted).toContain('Washington Declaration');
    });
  });
}
