/**
 * Finds alliance concepts on a live page and highlights them without writing
 * to the page: nothing is wrapped, split or marked, so no framework, editor or
 * script that owns the page's nodes ever meets a node it did not make. This
 * file wires the parts, each with one job, and owns their start and stop:
 * - page-watch.ts watches the page (and only the page's own changes);
 * - scopes.ts turns page changes into the text to read again;
 * - scheduler.ts gathers changes (with a maximum wait) and slices long work;
 * - page-reader.ts reads runs of text (blocks.ts), keeping unchanged ones;
 * - run-index.ts matches each run once (matcher and page evidence);
 * - mention-keeper.ts decides mentions, counts them and has them painted near
 *   the view first (nearness.ts); it also answers which mention is under a
 *   point (hit-test.ts);
 * - paint.ts paints and clears: CSS Custom Highlights named
 *   `alliance-lens--<conceptId>` and their `::highlight()` rules;
 * - probe.ts is the test seam: tests wait for the engine (whenIdle) and read
 *   what its work cost (stats) there, not through the Highlighter interface.
 * stop() clears every highlight and rule; there is nothing to restore.
 */
import type { CompiledMatcher } from '../matcher/compile';
import { createMatcher } from '../matcher/matcher';
import { PageEvidence } from '../matcher/evidence';
import { MentionKeeper, type HighlightOptions, type Mention } from './mention-keeper';
import { PageReader } from './page-reader';
import { registerProbe } from './probe';
import { createPageWatch, type PageChange } from './page-watch';
import { isDarkPage } from './page-look';
import { Painter } from './paint';
import { RunIndex } from './run-index';
import { Debouncer, inSlices, SerialQueue } from './scheduler';
import { scopesOf, type Scope } from './scopes';

export type { HighlightOptions, Mention };

export interface Highlighter {
  start(): void;
  stop(): void;
  update(options: HighlightOptions): void;
  /** Reads the whole page again, keeping the highlights of text that did not change. */
  rescan(): void;
  counts(): Record<string, number>;
  /** Every decided mention on the page in document order, painted or not (next/previous, jumps, notes). */
  mentions(): Mention[];
  /** The highlighted mention under a point of the viewport, if the point is on its text. */
  mentionAt(x: number, y: number): Mention | null;
  onChange(listener: () => void): () => void;
}

/** Page changes are handled together after this quiet period, and never later than the maximum wait. */
const MUTATION_DEBOUNCE_MS = 100;
const MUTATION_MAX_WAIT_MS = 400;
const NOTIFY_INTERVAL_MS = 250;

export function createHighlighter(doc: Document, compiled: CompiledMatcher, initialOptions: HighlightOptions): Highlighter {
  const matcher = createMatcher(compiled);
  let options = initialOptions;
  let evidence = new PageEvidence(matcher, doc.title);
  let index = new RunIndex(evidence);
  let running = false;
  let generation = 0;
  let life = new AbortController();
  let dark = false;
  const listeners = new Set<() => void>();
  const queue = new SerialQueue();
  const painter = new Painter(doc, compiled.concepts);

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
  const keeper = new MentionKeeper({
    doc,
    compiled,
    painter,
    options: () => options,
    evidence: () => evidence,
    index: () => index,
    queue,
    generation: () => generation,
    notify,
    reread: (node) => changed([{ kind: 'text', node }]),
  });
  const reader = new PageReader({ doc, index: () => index, keeper, painter, observe: watch.observe });

  async function fullScan(gen: number) {
    const body = doc.body;
    if (!body) return;
    dark = isDarkPage(doc);
    painter.style(options.style, dark);
    const seen = options.firstMentionOnly ? new Set<string>() : null;
    // What comes near the view during the scan is painted between its slices, not after the whole page is read.
    const afterSlice = () => {
      keeper.place(true);
      notify();
    };
    await inSlices(
      reader.walkAll(body),
      (run) => keeper.decide(index.add(run, true), seen),
      () => gen !== generation,
      afterSlice,
    );
    if (gen !== generation) return;
    keeper.endScan();
    keeper.reconcile();
    notify(true);
  }

  /** Reads scopes again, then re-decides the page (evidence may have moved). */
  async function readScopes(scopes: Scope[], gen: number) {
    await inSlices(
      scopes.values(),
      (scope) => reader.read(scope),
      () => gen !== generation,
    );
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

  function begin() {
    if (!doc.body) return;
    life = new AbortController();
    keeper.begin();
    // Everything is painted before printing: what is far from the view is otherwise painted only as it approaches.
    doc.defaultView?.addEventListener('beforeprint', () => keeper.paintAll(), { signal: life.signal });
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
    painter.clear();
    evidence = new PageEvidence(matcher, doc.title);
    index = new RunIndex(evidence);
  }

  /** The document was replaced (document.open): its old runs are gone with it. */
  function restart() {
    end();
    begin();
  }

  const highlighter: Highlighter = {
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
      const redecide =
        next.firstMentionOnly !== options.firstMentionOnly || JSON.stringify(next.categories) !== JSON.stringify(options.categories);
      options = next;
      if (!running) return;
      if (restyle) painter.style(next.style, dark);
      if (redecide) {
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
    mentions: () => keeper.mentions(),
    mentionAt: (x, y) => (running ? keeper.mentionAt(x, y) : null),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  registerProbe(highlighter, {
    async whenIdle() {
      if (running) watch.flush();
      for (;;) {
        await queue.idle();
        if (!queue.busy && !debouncer.pending && !keeper.busy) return;
        if (debouncer.pending) await new Promise((r) => setTimeout(r, MUTATION_DEBOUNCE_MS));
      }
    },
    stats: () => ({ runsMatched: index.analysed, scopesRead: reader.scopesRead }),
  });
  return highlighter;
}
