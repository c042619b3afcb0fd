/**
 * Finds alliance concepts on a live page and highlights them. This file wires
 * the parts, each with one job: watching the page (page-watch.ts), turning
 * changes into the text to read again (scopes.ts), scheduling (scheduler.ts),
 * matching runs of text (run-index.ts, with the matcher and page evidence),
 * wrapping and unwrapping (wrap.ts), wrapping only near the view
 * (lazy-wrap.ts), keeping off the reader's selection (selection-guard.ts) and
 * cutting very long text (large-text.ts). stop() removes every trace.
 */
import type { CategoryId } from '../corpus/schema';
import type { CompiledMatcher } from '../matcher/compile';
import { createMatcher, type Candidate } from '../matcher/matcher';
import { PageEvidence } from '../matcher/evidence';
import type { HighlightStyle } from '../settings';
import { collectRuns, isInsideForbidden, precedingHeading, walkRuns, type TextRun, type WalkOptions } from './blocks';
import { cutLargeText, joinPieces, PIECE_CHARS } from './large-text';
import { createNearness, type Nearness } from './lazy-wrap';
import { createPageWatch, type PageChange, type PageWatch } from './page-watch';
import { isDarkPage } from './page-look';
import { RunIndex, type RunState } from './run-index';
import { Debouncer, inSlices, SerialQueue } from './scheduler';
import { scopesOf, type Scope } from './scopes';
import { createSelectionGuard, type SelectionGuard } from './selection-guard';
import { ShadowStyles } from './shadow-styles';
import { isOwnMark, MARK_CLASS, MARK_TAG, marksIn, unwrapMarks, wrapRun } from './wrap';

export interface HighlightOptions {
  categories: Partial<Record<CategoryId, boolean>>;
  firstMentionOnly: boolean;
  style: HighlightStyle;
}

export interface HighlighterEnv {
  /** The marks' stylesheet, adopted by open shadow roots (the page-level copy does not reach into them). */
  markCss?: string;
  /** Wrap every mention at once instead of only those near the view (tests; documents without layout do anyway). */
  eager?: boolean;
}

/** A mention on the page, wrapped or not yet. */
export interface MentionRef {
  conceptId: string;
  /** Wraps the mention if it is not yet (unless the reader is selecting there) and returns its first element. */
  mark(): HTMLElement | null;
}

export interface Highlighter {
  start(): void;
  stop(): void;
  update(options: HighlightOptions): void;
  /** Reads the whole page again, keeping the marks of text that did not change. */
  rescan(): void;
  counts(): Record<string, number>;
  /** The mentions wrapped so far, in document order (one element per mention). */
  mentions(): HTMLElement[];
  /** Every mention on the page in document order, wrapped or not (for next/previous and jumps). */
  mentionRefs(): MentionRef[];
  /** Wraps every mention now (before printing). */
  wrapAll(): void;
  onChange(listener: () => void): () => void;
  /** Resolves when the current scan, queued page changes and wraps near the view are handled. */
  whenIdle(): Promise<void>;
  /** What the page's changes cost so far: runs matched and scopes read. */
  stats(): { runsMatched: number; scopesRead: number };
}

/** Page changes are handled together after this quiet period, and never later than the maximum wait. */
const MUTATION_DEBOUNCE_MS = 100;
const MUTATION_MAX_WAIT_MS = 400;
const NOTIFY_INTERVAL_MS = 250;

const sameMentions = (a: Candidate[], b: Candidate[]) => a.length === b.length && a.every((c, i) => c.start === b[i]!.start && c.conceptId === b[i]!.conceptId);

/** The text nodes a run is made of after wrapping: its own, and the text in and after each mark. */
function nodesAfterWrap(run: TextRun, marks: HTMLElement[]): Text[] {
  const nodes = [...run.nodes];
  for (const mark of marks) {
    if (mark.firstChild?.nodeType === 3) nodes.push(mark.firstChild as Text);
    if (mark.nextSibling?.nodeType === 3) nodes.push(mark.nextSibling as Text);
  }
  return [...new Set(nodes)];
}

/** Whether a run's nodes still hold its text (another wrapper or the page may have split or rewritten them). */
const intact = (run: TextRun) => run.nodes.every((n) => n.isConnected) && run.nodes.map((n) => n.data).join('') === run.text;

/** Turns elements that merely look like our marks (a page's clones of them) into plain text, so marks never nest. */
function removeClones(root: ParentNode) {
  for (const el of root.querySelectorAll(MARK_TAG)) {
    if (isOwnMark(el)) continue;
    el.replaceWith(...el.childNodes);
  }
}

export function createHighlighter(doc: Document, compiled: CompiledMatcher, initialOptions: HighlightOptions, env: HighlighterEnv = {}): Highlighter {
  const matcher = createMatcher(compiled);
  let options = initialOptions;
  let evidence = new PageEvidence(matcher, doc.title);
  let index = new RunIndex(evidence);
  let running = false;
  let generation = 0;
  let nextMentionId = 1;
  let dark = false;
  let scopesRead = 0;
  let life = new AbortController();
  const listeners = new Set<() => void>();
  const queue = new SerialQueue();
  const styles = new ShadowStyles(env.markCss);
  /** Original nodes cut into pieces: joined back on stop. */
  const cut = new Set<Text>();
  /** concept id → mentions decided (wrapped or not): the counts the popup and side panel show. */
  const conceptCounts = new Map<string, number>();

  let pending: PageChange[] = [];
  const debouncer = new Debouncer(() => void queue.run(() => handleChanges(generation)), MUTATION_DEBOUNCE_MS, MUTATION_MAX_WAIT_MS);
  const watch: PageWatch = createPageWatch(doc, (changes) => {
    if (!running) return;
    pending.push(...changes);
    debouncer.poke();
  });
  let guard: SelectionGuard = createSelectionGuard(doc, () => undefined, life.signal);
  /** Work put off because the reader was selecting there: runs to wrap, scopes to read. */
  const deferredRuns = new Set<RunState>();
  let deferredScopes: Scope[] = [];

  /** Runs waiting to be wrapped (near the view, or changed), handled in slices. */
  const toWrap = new Set<RunState>();
  let wrapQueued = false;
  /** Runs not yet near the view, by the block watched for them. */
  const waiting = new Map<Element, Set<RunState>>();
  let nearness: Nearness = createNearness(doc, onNear, true);

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

  const walkOptions = (heading: string, shallow = false): WalkOptions => ({
    heading,
    shallow,
    maxChars: PIECE_CHARS,
    onShadowRoot: (shadow) => styles.adopt(shadow) && watch.observe(shadow),
    cutLongText: (node) => {
      const pieces = watch.quietly(() => cutLargeText(node));
      if (pieces.length > 1) cut.add(node);
      return pieces;
    },
  });

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

  const count = (mentions: Candidate[], sign: 1 | -1) => {
    for (const c of mentions) conceptCounts.set(c.conceptId, (conceptCounts.get(c.conceptId) ?? 0) + sign);
  };

  /** Decides a run's mentions from what the page says now; `seen` tracks concepts shown when only first mentions are. */
  function decide(state: RunState, seen: Set<string> | null) {
    const desired = evidence.accepted(state.analysis).filter((c) => wanted(c, seen));
    if (!sameMentions(desired, state.desired)) {
      count(state.desired, -1);
      count(desired, 1);
      state.desired = desired;
    }
    settle(state);
  }

  /** Brings a run's marks in line with its decided mentions: now if near the view, else once it comes near. */
  function settle(state: RunState) {
    if (sameMentions(state.desired, state.applied) && state.marks.every((m) => m.isConnected)) return;
    if (state.near || state.marks.length || !state.desired.length || !nearness.lazy) {
      state.near = true;
      toWrap.add(state);
      queueWraps();
      return;
    }
    const block = state.run.block;
    const list = waiting.get(block);
    if (list) list.add(state);
    else {
      waiting.set(block, new Set([state]));
      nearness.watch(block);
    }
  }

  function onNear(blocks: Element[]) {
    for (const block of blocks) {
      for (const state of waiting.get(block) ?? []) {
        state.near = true;
        toWrap.add(state);
      }
      waiting.delete(block);
    }
    queueWraps();
  }

  function queueWraps() {
    if (wrapQueued || !toWrap.size) return;
    wrapQueued = true;
    void queue.run(async () => {
      wrapQueued = false;
      const gen = generation;
      const batch = [...toWrap];
      toWrap.clear();
      await inSlices(batch.values(), apply, () => gen !== generation, () => notify());
    });
  }

  /** Whether the reader's selection or drag is in this run: then its DOM must not change now. */
  const protectedRun = (state: RunState) => guard.protects((boundary) => state.nodes.has(boundary as Text) || [...state.nodes].some((n) => n.parentNode === boundary));

  /** Wraps a run's decided mentions, replacing the marks it had. */
  function apply(state: RunState) {
    if (!state.alive || (sameMentions(state.desired, state.applied) && state.marks.every((m) => m.isConnected))) return;
    if (protectedRun(state)) {
      deferredRuns.add(state);
      return;
    }
    watch.quietly(() => {
      if (state.marks.length) unwrapMarks(state.marks);
      state.marks = [];
      state.applied = [];
      if (!intact(state.run)) {
        // Someone else split or rewrote its nodes since it was read: read its block again.
        pending.push({ kind: 'text', node: state.run.nodes[0]! });
        debouncer.poke();
        return;
      }
      const mentions = state.desired;
      const marks = wrapRun(
        state.run,
        mentions.map((c) => ({ start: c.start, length: c.end - c.start, conceptId: c.conceptId, mentionId: nextMentionId++, decorate: decorate(c) })),
      );
      state.applied = mentions;
      index.setMarks(state, marks, nodesAfterWrap(state.run, marks));
    });
  }

  /**
   * Re-decides every run against what the whole page now says: an ambiguous
   * mention may gain or lose support as text comes and goes, and
   * first-mention-only depends on document order.
   */
  function reconcile() {
    const seen = options.firstMentionOnly ? new Set<string>() : null;
    for (const state of index.ordered) decide(state, seen);
  }

  /** Forgets a run; its marks are removed unless the page already took them away. */
  function forget(state: RunState) {
    if (state.alive) count(state.desired, -1);
    state.desired = [];
    index.drop(state);
    deferredRuns.delete(state);
    toWrap.delete(state);
  }

  async function fullScan(gen: number) {
    const body = doc.body;
    if (!body) return;
    dark = isDarkPage(doc);
    watch.quietly(() => removeClones(body));
    const seen = options.firstMentionOnly ? new Set<string>() : null;
    await inSlices(walkRuns(body, walkOptions('')), (run) => decide(index.add(run, true), seen), () => gen !== generation, () => notify());
    if (gen !== generation) return;
    reconcile();
    notify(true);
  }

  /** Reads one scope again: runs that did not change keep their marks; changed ones are unwrapped and matched anew. */
  function readScope(scope: Scope) {
    const { root, deep } = scope;
    const body = doc.body;
    if (!body || !root.isConnected) return;
    if (root !== body && isInsideForbidden(root)) {
      for (const s of deep ? index.inside(root) : index.directIn(root)) forget(s);
      return;
    }
    if (guard.protects((boundary) => root.contains(boundary))) {
      deferredScopes.push(scope);
      return;
    }
    scopesRead++;
    const opts = walkOptions(root === body ? '' : precedingHeading(root), !deep);
    watch.quietly(() => removeClones(root));
    const read = () => {
      const kept = new Set<RunState>();
      const fresh: TextRun[] = [];
      for (const run of collectRuns(root, opts)) {
        const same = index.unchanged(run);
        if (same) kept.add(same);
        else fresh.push(run);
      }
      return { kept, fresh };
    };
    let { kept, fresh } = read();
    const old = new Set(deep ? index.inside(root) : index.directIn(root));
    // The page put this text inside one of our marks: that mark goes first, or marks would nest.
    for (let el: Element | null = root; el && el !== body; el = el.parentElement) {
      const owner = isOwnMark(el) ? index.ownerOfMark(el) : undefined;
      if (owner) old.add(owner);
    }
    for (const run of fresh) for (const n of run.nodes) {
      const owner = index.owner(n);
      if (owner) old.add(owner);
    }
    const dropped = [...old].filter((s) => !kept.has(s));
    const hadMarks = dropped.some((s) => s.marks.some((m) => m.isConnected));
    watch.quietly(() => {
      for (const s of dropped) unwrapMarks(s.marks.filter((m) => m.isConnected));
    });
    dropped.forEach(forget);
    // Unwrapping merged text nodes back: read the changed runs from the DOM as it now is.
    if (hadMarks) ({ kept, fresh } = read());
    // Runs found whole inside an added subtree were moved there: their place in document order changed.
    if (deep) for (const s of kept) index.reposition(s);
    for (const run of fresh) index.add(run);
    // Runs dropped outside this scope (a mark the page put text into) are read again in their own block.
    const covers = (block: Element) => (deep ? root.contains(block) : root === block);
    for (const block of new Set(dropped.map((s) => s.run.block))) if (!covers(block)) readScope({ root: block, deep: false });
  }

  async function handleChanges(gen: number) {
    if (gen !== generation || !running || !doc.body) return;
    const changes = pending;
    pending = [];
    const { whole, scopes, removed } = scopesOf(changes, doc.body);
    if (changes.some((c) => c.kind === 'document')) return restart();
    for (const el of removed) if (!el.isConnected) index.inside(el).forEach(forget);
    const all = whole ? [{ root: doc.body, deep: true }] : scopes;
    await inSlices(all.values(), readScope, () => gen !== generation);
    if (gen !== generation) return;
    index.compact();
    reconcile();
    notify(true);
  }

  /** Picks up work put off for the reader's selection, once it is gone. */
  function resume() {
    if (!running) return;
    if (deferredScopes.length) {
      const scopes = deferredScopes;
      deferredScopes = [];
      const gen = generation;
      void queue.run(async () => {
        await inSlices(scopes.values(), readScope, () => gen !== generation);
        index.compact();
        reconcile();
        notify(true);
      });
    }
    for (const state of deferredRuns) toWrap.add(state);
    deferredRuns.clear();
    queueWraps();
  }

  /** Every mark of ours on the page, shadow roots included, in document order. */
  const allMarks = () => [doc.body, ...styles.all()].flatMap((root) => (root ? marksIn(root) : [])).filter((m) => isOwnMark(m));

  function begin() {
    const body = doc.body;
    if (!body) return;
    life = new AbortController();
    guard = createSelectionGuard(doc, resume, life.signal);
    nearness = createNearness(doc, onNear, env.eager);
    doc.defaultView?.addEventListener('beforeprint', () => api.wrapAll(), { signal: life.signal });
    watch.observe(doc);
    const gen = ++generation;
    void queue.run(() => fullScan(gen));
  }

  function end() {
    generation++;
    life.abort();
    debouncer.cancel();
    pending = [];
    watch.disconnect();
    nearness.disconnect();
    waiting.clear();
    toWrap.clear();
    deferredRuns.clear();
    deferredScopes = [];
    unwrapMarks(allMarks());
    for (const node of cut) joinPieces(node);
    cut.clear();
    styles.release();
    evidence = new PageEvidence(matcher, doc.title);
    index = new RunIndex(evidence);
    conceptCounts.clear();
  }

  /** The document was replaced (document.open): its old runs are gone with it. */
  function restart() {
    end();
    begin();
  }

  const api: Highlighter = {
    start() {
      if (running || !doc.body) return;
      running = true;
      begin();
    },
    stop() {
      if (!running) return;
      running = false;
      end();
      notify(true);
    },
    update(next) {
      const restyle = next.style !== options.style;
      const rewrap = next.firstMentionOnly !== options.firstMentionOnly || JSON.stringify(next.categories) !== JSON.stringify(options.categories);
      options = next;
      if (!running) return;
      if (restyle) {
        watch.quietly(() => {
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
      if (!running || !doc.body) return;
      pending.push({ kind: 'nodes', parent: doc.documentElement, added: [doc.body], removed: [], before: null, after: null });
      debouncer.poke();
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
    mentionRefs() {
      return index.ordered.flatMap((state) =>
        state.desired.map((c, i) => ({
          conceptId: c.conceptId,
          mark() {
            state.near = true;
            apply(state);
            if (!sameMentions(state.desired, state.applied)) return null;
            const firsts = [...new Map(state.marks.map((m) => [m.dataset.alMention, m])).values()];
            return firsts[i] ?? null;
          },
        })),
      );
    },
    wrapAll() {
      for (const state of index.ordered) {
        state.near = true;
        apply(state);
      }
      waiting.clear();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async whenIdle() {
      if (running) watch.flush();
      for (;;) {
        await queue.idle();
        if (!queue.busy && !debouncer.pending && !wrapQueued) return;
        if (debouncer.pending) await new Promise((r) => setTimeout(r, MUTATION_DEBOUNCE_MS));
      }
    },
    stats: () => ({ runsMatched: index.analysed, scopesRead }),
  };
  return api;
}

export { MARK_CLASS, MARK_TAG };
