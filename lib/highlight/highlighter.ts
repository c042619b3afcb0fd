/**
 * Finds alliance concepts on a live page and highlights them. This file wires
 * the parts, each with one job, and owns their start and stop:
 * - page-watch.ts watches the page and drops the extension's own writes;
 * - scopes.ts turns page changes into the text to read again;
 * - scheduler.ts gathers changes (with a maximum wait) and slices long work;
 * - page-reader.ts reads runs of text (blocks.ts), keeping unchanged ones;
 * - run-index.ts matches each run once (matcher and page evidence);
 * - mark-keeper.ts decides mentions and wraps them (wrap.ts), near the view
 *   first (lazy-wrap.ts), never under the reader's selection (selection-guard.ts).
 * stop() removes every trace.
 */
import type { CompiledMatcher } from '../matcher/compile';
import { createMatcher } from '../matcher/matcher';
import { PageEvidence } from '../matcher/evidence';
import { MarkKeeper, type HighlightOptions, type MentionRef } from './mark-keeper';
import { PageReader } from './page-reader';
import { createPageWatch, type PageChange } from './page-watch';
import { isDarkPage } from './page-look';
import { RunIndex } from './run-index';
import { Debouncer, inSlices, SerialQueue } from './scheduler';
import { scopesOf, type Scope } from './scopes';
import { ShadowStyles } from './shadow-styles';
import { isOwnMark, MARK_CLASS, MARK_TAG, marksIn, unwrapMarks } from './wrap';

export type { HighlightOptions, MentionRef };

export interface HighlighterEnv {
  /** The marks' stylesheet, adopted by open shadow roots (the page-level copy does not reach into them). */
  markCss?: string;
  /** Wrap every mention at once instead of only those near the view (documents without layout do anyway). */
  eager?: boolean;
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

export function createHighlighter(doc: Document, compiled: CompiledMatcher, initialOptions: HighlightOptions, env: HighlighterEnv = {}): Highlighter {
  const matcher = createMatcher(compiled);
  let options = initialOptions;
  let evidence = new PageEvidence(matcher, doc.title);
  let index = new RunIndex(evidence);
  let running = false;
  let generation = 0;
  let life = new AbortController();
  const listeners = new Set<() => void>();
  const queue = new SerialQueue();
  const styles = new ShadowStyles(env.markCss);

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

  let pending: PageChange[] = [];
  const debouncer = new Debouncer(() => void queue.run(() => handleChanges(generation)), MUTATION_DEBOUNCE_MS, MUTATION_MAX_WAIT_MS);
  const changed = (changes: PageChange[]) => {
    if (!running) return;
    pending.push(...changes);
    debouncer.poke();
  };
  const watch = createPageWatch(doc, changed);
  const keeper = new MarkKeeper({
    doc,
    compiled,
    options: () => options,
    evidence: () => evidence,
    index: () => index,
    queue,
    generation: () => generation,
    quietly: watch.quietly,
    notify,
    reread: (node) => changed([{ kind: 'text', node }]),
    eager: env.eager,
  });
  const reader = new PageReader({ doc, index: () => index, keeper, styles, quietly: watch.quietly, observe: watch.observe });

  async function fullScan(gen: number) {
    const body = doc.body;
    if (!body) return;
    keeper.dark = isDarkPage(doc);
    const seen = options.firstMentionOnly ? new Set<string>() : null;
    // What comes near the view during the scan is wrapped between its slices, not after the whole page is read.
    const afterSlice = () => {
      keeper.place(true);
      notify();
    };
    await inSlices(reader.walkAll(body), (run) => keeper.decide(index.add(run, true), seen), () => gen !== generation, afterSlice);
    if (gen !== generation) return;
    keeper.endScan();
    keeper.reconcile();
    notify(true);
  }

  /** Reads scopes again, then re-decides the page (evidence may have moved). */
  async function readScopes(scopes: Scope[], gen: number) {
    await inSlices(scopes.values(), (scope) => reader.read(scope), () => gen !== generation);
    if (gen !== generation) return;
    index.compact();
    keeper.reconcile();
    notify(true);
  }

  async function handleChanges(gen: number) {
    const body = doc.body;
    if (gen !== generation || !running || !body) return;
    const changes = pending;
    pending = [];
    if (changes.some((c) => c.kind === 'document')) return restart();
    const { whole, scopes, removed } = scopesOf(changes, body);
    for (const el of removed) if (!el.isConnected) index.inside(el).forEach((s) => keeper.forget(s));
    await readScopes(whole ? [{ root: body, deep: true }] : scopes, gen);
  }

  /** Reads the scopes put off for the reader's selection, once it is gone. */
  function resume() {
    if (!running || !reader.deferred.length) return;
    const scopes = reader.deferred;
    reader.deferred = [];
    const gen = generation;
    void queue.run(() => readScopes(scopes, gen));
  }

  /** Every mark of ours on the page, shadow roots included, in document order. */
  const allMarks = () => [doc.body, ...styles.all()].flatMap((root) => (root ? marksIn(root) : [])).filter((m) => isOwnMark(m));

  function begin() {
    if (!doc.body) return;
    life = new AbortController();
    keeper.begin(life.signal, resume);
    doc.defaultView?.addEventListener('beforeprint', () => keeper.wrapAll(), { signal: life.signal });
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
    keeper.end();
    unwrapMarks(allMarks());
    reader.joinCut();
    styles.release();
    evidence = new PageEvidence(matcher, doc.title);
    index = new RunIndex(evidence);
  }

  /** The document was replaced (document.open): its old runs are gone with it. */
  function restart() {
    end();
    begin();
  }

  return {
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
        keeper.reconcile(true);
        notify(true);
      }
    },
    rescan() {
      if (!running || !doc.body) return;
      changed([{ kind: 'nodes', parent: doc.documentElement, added: [doc.body], removed: [], before: null, after: null }]);
    },
    counts() {
      return Object.fromEntries([...keeper.counts].filter(([, n]) => n > 0));
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
    mentionRefs: () => keeper.refs(),
    wrapAll: () => keeper.wrapAll(),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async whenIdle() {
      if (running) watch.flush();
      for (;;) {
        await queue.idle();
        if (!queue.busy && !debouncer.pending && !keeper.busy) return;
        if (debouncer.pending) await new Promise((r) => setTimeout(r, MUTATION_DEBOUNCE_MS));
      }
    },
    stats: () => ({ runsMatched: index.analysed, scopesRead: reader.scopesRead }),
  };
}

export { MARK_CLASS, MARK_TAG };
