/**
 * Decides which mentions each run shows and keeps their highlights in line:
 * painted at once near the reader's view, later as the rest approaches.
 * Counts every decided mention, painted or not, and answers which mention a
 * point of the page is on.
 */
import type { CategoryId } from '../corpus/schema';
import type { CompiledMatcher } from '../matcher/compile';
import type { PageEvidence } from '../matcher/evidence';
import type { Candidate } from '../matcher/matcher';
import type { HighlightStyle } from '../settings';
import { isInsideForbidden } from './blocks';
import { caretAt, rectsContain } from './hit-test';
import { createNearness, type Nearness } from './nearness';
import { intact, type Painter, pointsOf } from './paint';
import type { RunIndex, RunState } from './run-index';
import { inSlices, type SerialQueue } from './scheduler';

export interface HighlightOptions {
  categories: Partial<Record<CategoryId, boolean>>;
  firstMentionOnly: boolean;
  style: HighlightStyle;
}

/** A mention on the page, painted or not yet. */
export interface Mention {
  readonly conceptId: string;
  /** A live range over the mention's text as the page holds it now; null once the page changed that text. */
  range(): Range | null;
  /** Whether the mention is still decided on the page (its text unchanged). */
  alive(): boolean;
}

export interface KeeperContext {
  doc: Document;
  compiled: CompiledMatcher;
  painter: Painter;
  options(): HighlightOptions;
  evidence(): PageEvidence;
  index(): RunIndex;
  queue: SerialQueue;
  generation(): number;
  notify(): void;
  /** A run's nodes no longer hold its text (the page rewrote them): its block must be read again. */
  reread(node: Text): void;
}

/** Runs within this many viewports above or below the view are painted at once. */
const NEAR_VIEWPORTS = 1.5;
/** Blocks per watched group of waiting runs. */
const GROUP_BLOCKS = 12;

interface Group {
  blocks: Element[];
  states: Set<RunState>;
}

const sameMentions = (a: Candidate[], b: Candidate[]) =>
  a.length === b.length && a.every((c, i) => c.start === b[i]!.start && c.conceptId === b[i]!.conceptId);

/** The offset in a run's text of a caret position in one of its nodes. */
function offsetInRun(state: RunState, node: Node, offset: number): number {
  let at = -state.run.from;
  for (const n of state.run.nodes) {
    if (n === node) return at + offset;
    at += n.data.length;
  }
  return -1;
}

export class MentionKeeper {
  /** concept id → mentions decided (painted or not): the counts the popup and side panel show. */
  readonly counts = new Map<string, number>();
  /** Runs waiting to be painted (near the view, or changed), handled in slices. */
  private readonly toPaint = new Set<RunState>();
  private paintQueued = false;
  /** Runs not yet near the view, in groups watched by their first and last block. */
  private readonly waiting = new Map<Element, Group>();
  /** The group the first scan is filling (runs arrive in document order). */
  private filling: Group | null = null;
  /** Runs decided but not yet placed: measured together (one layout) at the end of the slice. */
  private unplaced: RunState[] = [];
  /** Runs come in document order (first scan) and none measured so far was below the near zone. */
  private measuring = true;
  private nearness: Nearness;
  /** One object per decided mention, so a mention keeps its identity while its run is unchanged. */
  private readonly mentionOf = new WeakMap<Candidate, Mention>();

  constructor(private readonly ctx: KeeperContext) {
    this.nearness = createNearness(ctx.doc, () => undefined, true);
  }

  /** Starts watching the view. */
  begin() {
    this.nearness = createNearness(this.ctx.doc, (blocks) => this.near(blocks));
  }

  end() {
    this.nearness.disconnect();
    this.waiting.clear();
    this.filling = null;
    this.unplaced = [];
    this.measuring = true;
    this.toPaint.clear();
    this.counts.clear();
  }

  get busy(): boolean {
    return this.paintQueued;
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

  /** Forgets a run that changed or left the page, and clears its highlights. */
  forget(state: RunState) {
    if (state.alive) this.count(state.desired, -1);
    this.unpaint(state);
    state.desired = [];
    this.ctx.index().drop(state);
    this.toPaint.delete(state);
  }

  /**
   * Places the runs decided since the last call: those near the view are
   * painted now, the rest watched. Measuring all of them at once costs one
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
        this.toPaint.add(state);
        return;
      }
      if (rect && inOrder && rect.top >= height + zone) this.measuring = false;
      this.watch(state, inOrder);
    });
    const near = [...this.toPaint];
    this.toPaint.clear();
    for (const state of near) this.apply(state);
  }

  /** The first scan has read the whole page: its last group of waiting runs is complete. */
  endScan() {
    this.place(true);
    this.closeGroup();
    this.measuring = false;
  }

  /** Paints every decided mention now (before printing). */
  paintAll() {
    for (const state of this.ctx.index().ordered) {
      state.near = true;
      this.apply(state);
    }
    this.waiting.clear();
  }

  /** Every decided mention, in document order. */
  mentions(): Mention[] {
    return this.ctx.index().ordered.flatMap((state) => state.desired.map((c) => this.mention(state, c)));
  }

  /** The painted mention under a point of the viewport, if the point lies on its text (not in a margin beside it). */
  mentionAt(x: number, y: number): Mention | null {
    const caret = caretAt(this.ctx.doc, x, y, this.ctx.painter.shadowRoots());
    if (caret?.node.nodeType !== 3) return null;
    // A region made editable loses its highlights only after the page watch's quiet period: its terms stop answering now.
    if (isInsideForbidden(caret.node)) return null;
    for (const state of this.ctx.index().runsOf(caret.node as Text)) {
      const at = offsetInRun(state, caret.node, caret.offset);
      // A caret sits between characters: the point may be on the character before or after it.
      for (const c of state.painted) {
        if (at < c.start || at > c.end) continue;
        const mention = this.mention(state, c);
        const range = mention.range();
        if (range && rectsContain(range.getClientRects(), x, y)) return mention;
      }
    }
    return null;
  }

  private mention(state: RunState, c: Candidate): Mention {
    let mention = this.mentionOf.get(c);
    if (!mention) {
      const doc = this.ctx.doc;
      mention = {
        conceptId: c.conceptId,
        alive: () => state.alive && state.desired.includes(c),
        range() {
          if (!state.alive || !intact(state.run)) return null;
          const points = pointsOf(state.run, c.start, c.end);
          if (!points) return null;
          const range = doc.createRange();
          range.setStart(points.startContainer, points.startOffset);
          range.setEnd(points.endContainer, points.endOffset);
          return range;
        },
      };
      this.mentionOf.set(c, mention);
    }
    return mention;
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

  /** Brings a run's highlights in line with its decided mentions: now if near the view, else once it comes near. */
  private settle(state: RunState) {
    if (sameMentions(state.desired, state.painted)) return;
    if (state.near || state.painted.length || !state.desired.length || !this.nearness.lazy) {
      state.near = true;
      this.toPaint.add(state);
      this.queuePaints();
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
        this.toPaint.add(state);
      }
    }
    this.queuePaints();
  }

  private queuePaints() {
    if (this.paintQueued || !this.toPaint.size) return;
    this.paintQueued = true;
    void this.ctx.queue.run(async () => {
      this.paintQueued = false;
      const gen = this.ctx.generation();
      const batch = [...this.toPaint];
      this.toPaint.clear();
      await inSlices(
        batch.values(),
        (s) => this.apply(s),
        () => gen !== this.ctx.generation(),
        () => this.ctx.notify(),
      );
    });
  }

  private unpaint(state: RunState) {
    state.painted.forEach((c, i) => this.ctx.painter.unpaint(c.conceptId, state.ranges[i]!));
    state.painted = [];
    state.ranges = [];
  }

  /** Paints a run's decided mentions, replacing the highlights it had. */
  private apply(state: RunState) {
    if (!state.alive || sameMentions(state.desired, state.painted)) return;
    this.unpaint(state);
    if (!intact(state.run)) return this.ctx.reread(state.run.nodes[0]!);
    const painted: Candidate[] = [];
    const ranges: StaticRange[] = [];
    for (const c of state.desired) {
      const points = pointsOf(state.run, c.start, c.end);
      if (!points) continue;
      const range = new StaticRange(points);
      this.ctx.painter.paint(c.conceptId, range);
      painted.push(c);
      ranges.push(range);
    }
    state.painted = painted;
    state.ranges = ranges;
  }
}
