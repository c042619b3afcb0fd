/**
 * Decides which mentions each run shows and keeps its marks in line: wrapped
 * at once near the reader's view, later as the rest approaches, never under
 * the reader's selection. Counts every decided mention, wrapped or not.
 */
import type { CategoryId } from '../corpus/schema';
import type { CompiledMatcher } from '../matcher/compile';
import type { PageEvidence } from '../matcher/evidence';
import type { Candidate } from '../matcher/matcher';
import type { HighlightStyle } from '../settings';
import type { TextRun } from './blocks';
import { createNearness, type Nearness } from './lazy-wrap';
import type { RunIndex, RunState } from './run-index';
import { inSlices, type SerialQueue } from './scheduler';
import { createSelectionGuard, type SelectionGuard } from './selection-guard';
import { unwrapMarks, wrapRun } from './wrap';

export interface HighlightOptions {
  categories: Partial<Record<CategoryId, boolean>>;
  firstMentionOnly: boolean;
  style: HighlightStyle;
}

/** A mention on the page, wrapped or not yet. */
export interface MentionRef {
  conceptId: string;
  /** Wraps the mention if it is not yet (unless the reader is selecting there) and returns its first element. */
  mark(): HTMLElement | null;
}

export interface KeeperContext {
  doc: Document;
  compiled: CompiledMatcher;
  options(): HighlightOptions;
  evidence(): PageEvidence;
  index(): RunIndex;
  queue: SerialQueue;
  generation(): number;
  quietly<T>(write: () => T): T;
  notify(): void;
  /** A run's nodes no longer hold its text (another wrapper split them): its block must be read again. */
  reread(node: Text): void;
  /** Wrap everything at once (no lazy wrapping). */
  eager?: boolean;
}

/** Runs within this many viewports above or below the view are wrapped at once. */
const NEAR_VIEWPORTS = 1.5;
/** Blocks per watched group of waiting runs. */
const GROUP_BLOCKS = 12;

interface Group {
  blocks: Element[];
  states: Set<RunState>;
}

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

export class MarkKeeper {
  /** The page is dark: marks take their dark-page colours. */
  dark = false;
  /** concept id → mentions decided (wrapped or not): the counts the popup and side panel show. */
  readonly counts = new Map<string, number>();
  private nextMentionId = 1;
  /** Runs waiting to be wrapped (near the view, or changed), handled in slices. */
  private readonly toWrap = new Set<RunState>();
  private wrapQueued = false;
  /** Runs not yet near the view, in groups watched by their first and last block. */
  private readonly waiting = new Map<Element, Group>();
  /** The group the first scan is filling (runs arrive in document order). */
  private filling: Group | null = null;
  /** Runs decided but not yet placed: measured together (one layout) at the end of the slice. */
  private unplaced: RunState[] = [];
  /** Runs come in document order (first scan) and none measured so far was below the near zone. */
  private measuring = true;
  /** Runs the reader was selecting in: wrapped once the selection moves on. */
  private readonly deferred = new Set<RunState>();
  private nearness: Nearness;
  private guard: SelectionGuard;

  constructor(private readonly ctx: KeeperContext) {
    this.nearness = createNearness(ctx.doc, () => undefined, true);
    this.guard = createSelectionGuard(ctx.doc, () => undefined, AbortSignal.abort());
  }

  /** Starts watching the view and the reader's selection; `onFree` also hears when the selection is gone. */
  begin(signal: AbortSignal, onFree: () => void) {
    this.nearness = createNearness(this.ctx.doc, (blocks) => this.near(blocks), this.ctx.eager);
    this.guard = createSelectionGuard(
      this.ctx.doc,
      () => {
        for (const state of this.deferred) this.toWrap.add(state);
        this.deferred.clear();
        this.queueWraps();
        onFree();
      },
      signal,
    );
  }

  end() {
    this.nearness.disconnect();
    this.waiting.clear();
    this.filling = null;
    this.unplaced = [];
    this.measuring = true;
    this.toWrap.clear();
    this.deferred.clear();
    this.counts.clear();
  }

  /** Whether the reader's selection or a drag is in `root`: then it is not rewritten now. */
  protects(root: Element): boolean {
    return this.guard.protects((boundary) => root.contains(boundary));
  }

  get busy(): boolean {
    return this.wrapQueued;
  }

  /** Decides a run's mentions from what the page says now; `seen` tracks concepts shown when only first mentions are. */
  decide(state: RunState, seen: Set<string> | null) {
    if (!state.alive) return;
    const desired = this.ctx
      .evidence()
      .accepted(state.analysis)
      .filter((c) => this.wanted(c, seen));
    if (!sameMentions(desired, state.desired)) {
      this.count(state.desired, -1);
      this.count(desired, 1);
      state.desired = desired;
    }
    this.settle(state);
  }

  /**
   * Re-decides every run against what the whole page now says: an ambiguous
   * mention may gain or lose support as text comes and goes, and
   * first-mention-only depends on document order.
   */
  reconcile(all = false) {
    const index = this.ctx.index();
    const firstOnly = this.ctx.options().firstMentionOnly;
    const seen = firstOnly ? new Set<string>() : null;
    // Otherwise only new runs and those with an ambiguous mention can change their decision.
    const states = all || firstOnly ? index.ordered : [...index.fresh, ...index.ambiguous];
    for (const state of states) this.decide(state, seen);
    index.fresh.clear();
    this.place(false);
  }

  /** Forgets a run that changed or left the page (its marks are unwrapped by the caller, if still there). */
  forget(state: RunState) {
    if (state.alive) this.count(state.desired, -1);
    state.desired = [];
    this.ctx.index().drop(state);
    this.deferred.delete(state);
    this.toWrap.delete(state);
  }

  /**
   * Places the runs decided since the last call: those near the view are
   * wrapped now, the rest watched. Measuring all of them at once costs one
   * layout, and saves waiting a frame for the IntersectionObserver, which a
   * busy page or the first scan's slices may delay. `inOrder`: the runs came
   * in document order (the first scan), so once one is below the near zone the
   * rest are too and are watched without measuring.
   */
  place(inOrder: boolean) {
    const batch = this.unplaced;
    this.unplaced = [];
    const height = this.ctx.doc.defaultView?.innerHeight ?? 0;
    const zone = height * NEAR_VIEWPORTS;
    const rects = this.measuring || !inOrder ? batch.map((s) => s.run.block.getBoundingClientRect()) : [];
    batch.forEach((state, i) => {
      const rect = rects[i];
      if (rect && rect.bottom > -zone && rect.top < height + zone) {
        state.near = true;
        this.toWrap.add(state);
        return;
      }
      if (rect && inOrder && rect.top >= height + zone) this.measuring = false;
      this.watch(state, inOrder);
    });
    const near = [...this.toWrap];
    this.toWrap.clear();
    for (const state of near) this.apply(state);
  }

  /** The first scan has read the whole page: its last group of waiting runs is complete. */
  endScan() {
    this.place(true);
    this.closeGroup();
    this.measuring = false;
  }

  /** Wraps every decided mention now (before printing). */
  wrapAll() {
    for (const state of this.ctx.index().ordered) {
      state.near = true;
      this.apply(state);
    }
    this.waiting.clear();
  }

  /** Every decided mention, in document order; wrapped on demand. */
  refs(): MentionRef[] {
    return this.ctx
      .index()
      .ordered.flatMap((state) =>
        state.desired.map((c, i) => ({
          conceptId: c.conceptId,
          mark: () => {
            state.near = true;
            this.apply(state);
            if (!sameMentions(state.desired, state.applied)) return null;
            const firsts = [...new Map(state.marks.map((m) => [m.dataset.alMention, m])).values()];
            return firsts[i] ?? null;
          },
        })),
      );
  }

  private wanted(c: Candidate, seen: Set<string> | null): boolean {
    const category = this.ctx.compiled.concepts[c.conceptId]?.category as CategoryId | undefined;
    if (!category || this.ctx.options().categories[category] === false) return false;
    if (seen) {
      if (seen.has(c.conceptId)) return false;
      seen.add(c.conceptId);
    }
    return true;
  }

  private count(mentions: Candidate[], sign: 1 | -1) {
    for (const c of mentions) this.counts.set(c.conceptId, (this.counts.get(c.conceptId) ?? 0) + sign);
  }

  /** Brings a run's marks in line with its decided mentions: now if near the view, else once it comes near. */
  private settle(state: RunState) {
    if (state.run.readOnly) return;
    if (sameMentions(state.desired, state.applied) && state.marks.every((m) => m.isConnected)) return;
    if (state.near || state.marks.length || !state.desired.length || !this.nearness.lazy) {
      state.near = true;
      this.toWrap.add(state);
      this.queueWraps();
      return;
    }
    if (!this.waiting.get(state.run.block)?.states.has(state)) this.unplaced.push(state);
  }

  /**
   * Watches a run until it comes near. Runs read in document order share a
   * group of up to GROUP_BLOCKS blocks, watched by its first and last block:
   * a long page then has a few hundred watched elements, not thousands (each
   * is intersected on every frame while the reader scrolls).
   */
  private watch(state: RunState, inOrder: boolean) {
    const block = state.run.block;
    const known = this.waiting.get(block);
    if (known) {
      known.states.add(state);
      return;
    }
    let group = inOrder ? this.filling : null;
    if (!group) {
      group = { blocks: [], states: new Set() };
      if (inOrder) this.filling = group;
    }
    group.states.add(state);
    group.blocks.push(block);
    this.waiting.set(block, group);
    if (group.blocks.length === 1) this.nearness.watch(block);
    if (!inOrder || group.blocks.length >= GROUP_BLOCKS) this.closeGroup(group);
  }

  /** Watches the last block of a group too (a reader may come to it from below). */
  private closeGroup(group = this.filling) {
    if (!group) return;
    if (group.blocks.length > 1) this.nearness.watch(group.blocks[group.blocks.length - 1]!);
    if (group === this.filling) this.filling = null;
  }

  private near(blocks: Element[]) {
    for (const block of blocks) {
      const group = this.waiting.get(block);
      if (!group) continue;
      for (const el of group.blocks) {
        this.waiting.delete(el);
        this.nearness.unwatch(el);
      }
      for (const state of group.states) {
        state.near = true;
        this.toWrap.add(state);
      }
    }
    this.queueWraps();
  }

  private queueWraps() {
    if (this.wrapQueued || !this.toWrap.size) return;
    this.wrapQueued = true;
    void this.ctx.queue.run(async () => {
      this.wrapQueued = false;
      const gen = this.ctx.generation();
      const batch = [...this.toWrap];
      this.toWrap.clear();
      await inSlices(batch.values(), (s) => this.apply(s), () => gen !== this.ctx.generation(), () => this.ctx.notify());
    });
  }

  /** Whether the reader's selection or drag is in this run: then its DOM must not change now. */
  private protectedRun(state: RunState) {
    return this.guard.protects((boundary) => state.nodes.has(boundary as Text) || [...state.nodes].some((n) => n.parentNode === boundary));
  }

  private decorate(candidate: Candidate) {
    const concept = this.ctx.compiled.concepts[candidate.conceptId]!;
    const style = this.ctx.options().style;
    const colour = this.dark ? concept.colourDark : concept.colour;
    return (el: HTMLElement) => {
      el.classList.add(`al-style-${style}`);
      el.dataset.alCategory = concept.category;
      el.style.setProperty('--al-colour', colour);
    };
  }

  /** Wraps a run's decided mentions, replacing the marks it had. */
  private apply(state: RunState) {
    if (!state.alive || state.run.readOnly || (sameMentions(state.desired, state.applied) && state.marks.every((m) => m.isConnected))) return;
    if (this.protectedRun(state)) {
      this.deferred.add(state);
      return;
    }
    this.ctx.quietly(() => {
      if (state.marks.length) unwrapMarks(state.marks);
      state.marks = [];
      state.applied = [];
      if (!intact(state.run)) return this.ctx.reread(state.run.nodes[0]!);
      const mentions = state.desired;
      const marks = wrapRun(
        state.run,
        mentions.map((c) => ({ start: c.start, length: c.end - c.start, conceptId: c.conceptId, mentionId: this.nextMentionId++, decorate: this.decorate(c) })),
      );
      state.applied = mentions;
      this.ctx.index().setMarks(state, marks, nodesAfterWrap(state.run, marks));
    });
  }
}
