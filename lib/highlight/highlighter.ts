/**
 * Finds alliance concepts on a live page and highlights them: scans runs of
 * text in small slices (visible ones first), decides ambiguous mentions from
 * page evidence, wraps mentions with mark.js, follows page changes with one
 * MutationObserver, and removes every trace on stop().
 */
import type { CategoryId } from '../corpus/schema';
import type { CompiledMatcher } from '../matcher/compile';
import { createMatcher, type Candidate } from '../matcher/matcher';
import { PageEvidence, type BlockAnalysis } from '../matcher/evidence';
import type { HighlightStyle } from '../settings';
import { isOwnUi } from '../own-ui';
import { blockOf, collectRuns, composedContains, isInsideForbidden, walkRuns, type TextRun } from './blocks';
import { MARK_CLASS, MARK_TAG, marksIn, unwrapMarks, wrapRun } from './wrap';

export interface HighlightOptions {
  categories: Partial<Record<CategoryId, boolean>>;
  firstMentionOnly: boolean;
  style: HighlightStyle;
}

export interface HighlighterEnv {
  /** The marks' stylesheet, adopted by open shadow roots (the page-level copy does not reach into them). */
  markCss?: string;
}

export interface Highlighter {
  start(): void;
  stop(): void;
  update(options: HighlightOptions): void;
  rescan(): void;
  counts(): Record<string, number>;
  mentions(): HTMLElement[];
  onChange(listener: () => void): () => void;
  /** Resolves when the current scan and any queued page changes are handled. */
  whenIdle(): Promise<void>;
}

interface RunState {
  run: TextRun;
  analysis: BlockAnalysis;
  /** Mentions currently wrapped in this run (for re-deciding without re-reading the DOM). */
  applied: Candidate[];
  marks: HTMLElement[];
}

/** Time budget of one slice of work, well under the 50 ms of a long task. */
const SLICE_MS = 8;
/** Page changes are handled together after this quiet period. */
const MUTATION_DEBOUNCE_MS = 120;
const NOTIFY_INTERVAL_MS = 250;

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function isDarkPage(doc: Document): boolean {
  const view = doc.defaultView;
  if (!view) return false;
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/.exec(view.getComputedStyle(el).backgroundColor);
    if (!m || (m[4] !== undefined && Number(m[4]) === 0)) continue;
    const [r, g, b] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110;
  }
  return false;
}

export function createHighlighter(doc: Document, compiled: CompiledMatcher, initialOptions: HighlightOptions, env: HighlighterEnv = {}): Highlighter {
  const matcher = createMatcher(compiled);
  let options = initialOptions;
  let evidence = new PageEvidence(matcher, doc.title);
  /** Runs by the block element that contains them: the unit rescanned on change. */
  let runsByBlock = new Map<Element, RunState[]>();
  /** Every run, in document order. */
  let ordered: RunState[] = [];
  let running = false;
  let generation = 0;
  let nextMentionId = 1;
  let dark = false;
  const listeners = new Set<() => void>();
  const pendingBlocks = new Set<Element>();
  let debounceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The scan or update in progress, if any. */
  let work: Promise<void> = Promise.resolve();

  /** concept id → highlighted mentions, kept as runs change (never recounted from the DOM). */
  const conceptCounts = new Map<string, number>();
  let lastNotified = 0;
  let notifyTimer: ReturnType<typeof setTimeout> | undefined;
  /** Tells listeners about changes, at most a few times a second while a scan runs. */
  const notify = (now = false) => {
    clearTimeout(notifyTimer);
    const wait = NOTIFY_INTERVAL_MS - (performance.now() - lastNotified);
    if (now || wait <= 0) {
      lastNotified = performance.now();
      listeners.forEach((l) => l());
    } else notifyTimer = setTimeout(() => notify(true), wait);
  };
  const count = (mentions: Candidate[], sign: 1 | -1) => {
    for (const c of mentions) conceptCounts.set(c.conceptId, (conceptCounts.get(c.conceptId) ?? 0) + sign);
  };

  const observer = new MutationObserver((records) => queueRecords(records));
  const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

  /** Open shadow roots met so far: observed (records do not cross into them) and given the marks' stylesheet. */
  const shadowRoots = new Set<ShadowRoot>();
  let markSheet: CSSStyleSheet | null = null;
  function adoptShadowRoot(shadow: ShadowRoot) {
    if (shadowRoots.has(shadow)) return;
    shadowRoots.add(shadow);
    observer.observe(shadow, OBSERVED);
    if (env.markCss && 'adoptedStyleSheets' in shadow) {
      if (!markSheet) {
        markSheet = new CSSStyleSheet();
        markSheet.replaceSync(env.markCss);
      }
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, markSheet];
    }
  }
  function releaseShadowRoots() {
    for (const shadow of shadowRoots) {
      if (markSheet && 'adoptedStyleSheets' in shadow) shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter((s) => s !== markSheet);
    }
    shadowRoots.clear();
  }
  /** Every mark on the page, shadow roots included. */
  const allMarks = () => [doc.body, ...shadowRoots].flatMap((root) => marksIn(root));

  /** Our own DOM writes produce records too: drop them, keeping the page's. */
  function withoutObserving(write: () => void) {
    queueRecords(observer.takeRecords());
    write();
    observer.takeRecords();
  }

  function queueRecords(records: MutationRecord[]) {
    if (!running) return;
    for (const r of records) {
      const target = r.target;
      if (target.nodeType === 1 && (target as Element).tagName === 'TITLE') continue;
      // Our UI host coming and going is no change to the page's text (and must not rewrap under the reader's selection).
      if (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => n.nodeType === 1 && isOwnUi(n as Element))) continue;
      // Changes inside one of our marks (the page rewrote highlighted text) rescan the mark's block.
      const block = blockOf(target, doc.body);
      pendingBlocks.add(block);
    }
    if (pendingBlocks.size) {
      clearTimeout(debounceTimer);
      debounceTimer = setTimeout(() => {
        debounceTimer = undefined;
        work = work.then(() => processPending(generation));
      }, MUTATION_DEBOUNCE_MS);
    }
  }

  function decorate(candidate: Candidate) {
    const concept = compiled.concepts[candidate.conceptId]!;
    return (el: HTMLElement) => {
      el.classList.add(`al-style-${options.style}`);
      el.dataset.alCategory = concept.category;
      el.style.setProperty('--al-colour', dark ? concept.colourDark : concept.colour);
    };
  }

  function wanted(c: Candidate, seen: Set<string> | null): boolean {
    const category = compiled.concepts[c.conceptId]?.category as CategoryId | undefined;
    if (!category || options.categories[category] === false) return false;
    if (seen) {
      if (seen.has(c.conceptId)) return false;
      seen.add(c.conceptId);
    }
    return true;
  }

  /** The mentions of a run to wrap now; `seen` tracks concepts already shown when only first mentions are. */
  function decide(state: RunState, seen: Set<string> | null): Candidate[] {
    return evidence.accepted(state.analysis).filter((c) => wanted(c, seen));
  }

  /** Wraps `mentions` in a run, replacing whatever marks it had, unless they are already there. */
  function apply(state: RunState, mentions: Candidate[]) {
    const same = mentions.length === state.applied.length && mentions.every((c, i) => c.start === state.applied[i]!.start && c.conceptId === state.applied[i]!.conceptId);
    if (same && state.marks.every((m) => m.isConnected)) return;
    if (state.marks.length) unwrapMarks(state.marks);
    count(state.applied, -1);
    count(mentions, 1);
    state.applied = mentions;
    state.marks = mentions.length
      ? wrapRun(
          state.run,
          mentions.map((c) => ({ start: c.start, length: c.end - c.start, conceptId: c.conceptId, mentionId: nextMentionId++, decorate: decorate(c) })),
        )
      : [];
  }

  function addRun(run: TextRun): RunState {
    const state: RunState = { run, analysis: evidence.analyse(run.text, run.heading), applied: [], marks: [] };
    const list = runsByBlock.get(run.block) ?? [];
    list.push(state);
    runsByBlock.set(run.block, list);
    return state;
  }

  /** Index of the first run whose text is in or below the viewport (runs are in document order). */
  function firstVisible(runs: TextRun[]): number {
    if (!doc.defaultView || !runs.length) return 0;
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const el = runs[mid]!.nodes[0]!.parentElement;
      if (el && el.getBoundingClientRect().bottom < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Brings every run in line with what the whole page now says: an ambiguous
   * mention may gain or lose support as more of the page is read, and
   * first-mention-only depends on document order.
   */
  function reconcile() {
    const seen = options.firstMentionOnly ? new Set<string>() : null;
    withoutObserving(() => {
      for (const state of ordered) if (state.run.nodes[0]?.isConnected) apply(state, decide(state, seen));
    });
  }

  /**
   * The runs of the page in the order to handle them, and all of them in
   * document order once the walk is done. At the top of the page (as on a
   * fresh load) runs stream from the walk, so the first highlights do not
   * wait for the whole page to be read; further down, the visible runs go first.
   */
  function scanOrder(): { next(): TextRun | undefined; all: TextRun[] } {
    const all: TextRun[] = [];
    if ((doc.defaultView?.scrollY ?? 0) <= 0) {
      const walk = walkRuns(doc.body, '', adoptShadowRoot);
      return {
        all,
        next() {
          const step = walk.next();
          if (step.done) return undefined;
          all.push(step.value);
          return step.value;
        },
      };
    }
    all.push(...collectRuns(doc.body, '', adoptShadowRoot));
    const first = firstVisible(all);
    const order = [...all.slice(first), ...all.slice(0, first)];
    let i = 0;
    return { all, next: () => order[i++] };
  }

  async function fullScan(gen: number) {
    dark = isDarkPage(doc);
    const runs = scanOrder();
    const byRun = new Map<TextRun, RunState>();
    for (let run = runs.next(); run; ) {
      const sliceStart = performance.now();
      const batch: RunState[] = [];
      for (; run && performance.now() - sliceStart < SLICE_MS; run = runs.next()) {
        const state = addRun(run);
        byRun.set(run, state);
        batch.push(state);
      }
      if (!options.firstMentionOnly) withoutObserving(() => batch.forEach((s) => apply(s, decide(s, null))));
      notify();
      await yieldToPage();
      if (gen !== generation) return;
    }
    ordered = runs.all.map((r) => byRun.get(r)!);
    reconcile();
    notify(true);
  }

  async function processPending(gen: number) {
    if (gen !== generation || !running) return;
    const changed = [...pendingBlocks];
    pendingBlocks.clear();
    // Outermost changed blocks only: rescanning one covers the blocks inside it.
    const roots = changed.filter((b) => b.isConnected && !changed.some((o) => o !== b && o.isConnected && composedContains(o, b)));
    const dropped = new Set<RunState>();
    withoutObserving(() => {
      for (const [block, states] of runsByBlock) {
        if (block.isConnected && !roots.some((r) => composedContains(r, block))) continue;
        for (const s of states) {
          evidence.forget(s.analysis);
          unwrapMarks(s.marks.filter((m) => m.isConnected));
          count(s.applied, -1);
          dropped.add(s);
        }
        runsByBlock.delete(block);
      }
    });
    const added: RunState[] = [];
    for (const root of roots) {
      if (root !== doc.body && isInsideForbidden(root)) continue;
      for (const run of collectRuns(root, precedingHeading(root), adoptShadowRoot)) added.push(addRun(run));
    }
    ordered = [...ordered.filter((s) => !dropped.has(s)), ...added];
    if (added.length) ordered.sort((a, b) => (a.run.nodes[0]!.compareDocumentPosition(b.run.nodes[0]!) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    reconcile();
    notify(true);
  }

  function precedingHeading(el: Element): string {
    const headings = doc.body.querySelectorAll('h1, h2, h3, h4, h5, h6');
    let text = '';
    for (const h of headings) {
      if (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) text = (h.textContent ?? '').trim().slice(0, 200);
      else break;
    }
    return text;
  }

  function removeAll() {
    withoutObserving(() => unwrapMarks(allMarks()));
  }

  return {
    start() {
      if (running || !doc.body) return;
      running = true;
      const gen = ++generation;
      observer.observe(doc.body, OBSERVED);
      work = fullScan(gen);
    },
    stop() {
      if (!running) return;
      running = false;
      generation++;
      clearTimeout(debounceTimer);
      pendingBlocks.clear();
      observer.disconnect();
      removeAll();
      releaseShadowRoots();
      observer.takeRecords();
      runsByBlock = new Map();
      ordered = [];
      conceptCounts.clear();
      evidence = new PageEvidence(matcher, doc.title);
      notify(true);
    },
    update(next) {
      const restyle = next.style !== options.style;
      const rewrap = next.firstMentionOnly !== options.firstMentionOnly || JSON.stringify(next.categories) !== JSON.stringify(options.categories);
      options = next;
      if (!running) return;
      if (restyle) {
        withoutObserving(() => {
          for (const mark of allMarks()) {
            mark.classList.remove('al-style-underline', 'al-style-background', 'al-style-both');
            mark.classList.add(`al-style-${next.style}`);
          }
        });
      }
      if (rewrap) {
        reconcile();
        notify(true);
      }
    },
    rescan() {
      if (!running) return;
      this.stop();
      this.start();
    },
    counts() {
      return Object.fromEntries([...conceptCounts].filter(([, n]) => n > 0));
    },
    mentions() {
      const seen = new Set<string>();
      return allMarks().filter((m) => {
        const id = m.dataset.alMention!;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async whenIdle() {
      for (;;) {
        const current = work;
        await current;
        if (current === work && debounceTimer === undefined) return;
        if (debounceTimer !== undefined) await new Promise((r) => setTimeout(r, MUTATION_DEBOUNCE_MS));
      }
    },
  };
}

export { MARK_CLASS, MARK_TAG };
