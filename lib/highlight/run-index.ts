/**
 * The runs of text the highlighter knows, each matched once: their analysis
 * (candidates and evidence), the mentions decided and painted, and which runs
 * a text node belongs to. Lets a rescan recognise runs that did not change
 * (same nodes, same text, same section), so they keep their highlights, and
 * lets a point on the page (a caret position) find its run.
 */
import type { Candidate } from '../matcher/matcher';
import type { BlockAnalysis, PageEvidence } from '../matcher/evidence';
import type { TextRun } from './blocks';

export interface RunState {
  run: TextRun;
  analysis: BlockAnalysis;
  /** The mentions the page's evidence and the reader's options call for. */
  desired: Candidate[];
  /** The mentions painted now, and their ranges (one per mention, in the same order). */
  painted: Candidate[];
  ranges: StaticRange[];
  /** Came near the reader's view (or was needed): painted from now on. */
  near: boolean;
  alive: boolean;
}

const before = (a: RunState, b: RunState) => {
  const pa = a.run.nodes[0]!;
  const pb = b.run.nodes[0]!;
  // Slices of one long node follow each other in the node.
  if (pa === pb) return a.run.from < b.run.from;
  return !!(pa.compareDocumentPosition(pb) & Node.DOCUMENT_POSITION_FOLLOWING);
};

const sameNodes = (a: Text[], b: Text[]) => a.length === b.length && a.every((n, i) => n === b[i]);

export class RunIndex {
  /** Live runs in document order. */
  ordered: RunState[] = [];
  private readonly byBlock = new Map<Element, Set<RunState>>();
  /** Text node → the runs made of it (one, or several slices of a very long node). */
  private readonly ofNode = new WeakMap<Text, RunState[]>();
  private dead = 0;
  /** Runs with an ambiguous mention: their decision follows the page's evidence, which any change may move. */
  readonly ambiguous = new Set<RunState>();
  /** Runs added since the last time every new run was decided. */
  readonly fresh = new Set<RunState>();
  /** How many runs were matched (analysed) so far: what a page change cost. */
  analysed = 0;

  constructor(private readonly evidence: PageEvidence) {}

  /** Matches a run and records it; `append` when runs arrive in document order (a full walk). */
  add(run: TextRun, append = false): RunState {
    this.analysed++;
    const state: RunState = {
      run,
      analysis: this.evidence.analyse(run.text, run.heading),
      desired: [],
      painted: [],
      ranges: [],
      near: false,
      alive: true,
    };
    for (const n of run.nodes) {
      const list = (this.ofNode.get(n) ?? []).filter((s) => s.alive);
      list.push(state);
      this.ofNode.set(n, list);
    }
    this.fresh.add(state);
    if (state.analysis.candidates.some((c) => c.ambiguous)) this.ambiguous.add(state);
    const list = this.byBlock.get(run.block) ?? new Set();
    list.add(state);
    this.byBlock.set(run.block, list);
    if (append) this.ordered.push(state);
    else this.insertInOrder(state);
    return state;
  }

  private insertInOrder(state: RunState) {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.ordered[mid]!, state)) lo = mid + 1;
      else hi = mid;
    }
    this.ordered.splice(lo, 0, state);
  }

  /** Puts a run the page moved back in document order. */
  reposition(state: RunState) {
    const at = this.ordered.indexOf(state);
    if (at >= 0) this.ordered.splice(at, 1);
    this.insertInOrder(state);
  }

  /** Forgets a run that left the page or changed (its highlights are the caller's to clear). */
  drop(state: RunState) {
    if (!state.alive) return;
    state.alive = false;
    this.dead++;
    this.evidence.forget(state.analysis);
    this.ambiguous.delete(state);
    this.fresh.delete(state);
    const list = this.byBlock.get(state.run.block);
    list?.delete(state);
    if (list && !list.size) this.byBlock.delete(state.run.block);
  }

  /** Removes dropped runs from the ordered list (once per batch of changes, not per run). */
  compact() {
    if (!this.dead) return;
    this.ordered = this.ordered.filter((s) => s.alive);
    this.dead = 0;
  }

  /** The live runs a text node belongs to. */
  runsOf(node: Text): RunState[] {
    return (this.ofNode.get(node) ?? []).filter((s) => s.alive);
  }

  /** The live run that `run` is, unchanged, if any. */
  unchanged(run: TextRun): RunState | undefined {
    return this.runsOf(run.nodes[0]!).find(
      (s) =>
        s.run.from === run.from &&
        s.run.text === run.text &&
        s.run.heading === run.heading &&
        s.run.block === run.block &&
        sameNodes(s.run.nodes, run.nodes),
    );
  }

  /** Live runs directly in `block`. */
  directIn(block: Element): RunState[] {
    return [...(this.byBlock.get(block) ?? [])];
  }

  /** Live runs in `root` or any element under it. */
  inside(root: Element): RunState[] {
    const out = this.directIn(root);
    for (const el of root.querySelectorAll('*')) {
      const list = this.byBlock.get(el);
      if (list) out.push(...list);
    }
    return out;
  }
}
