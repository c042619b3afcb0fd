/**
 * The runs of text the highlighter knows, each matched once: their analysis
 * (candidates and evidence), the mentions decided and wrapped, and the text
 * nodes they are made of now. Lets a rescan recognise runs that did not change
 * (same nodes, same text, same section), so they keep their marks untouched.
 */
import type { Candidate } from '../matcher/matcher';
import type { BlockAnalysis, PageEvidence } from '../matcher/evidence';
import type { TextRun } from './blocks';

export interface RunState {
  run: TextRun;
  analysis: BlockAnalysis;
  /** The mentions the page's evidence and the reader's options call for. */
  desired: Candidate[];
  /** The mentions wrapped now, and their elements. */
  applied: Candidate[];
  marks: HTMLElement[];
  /** The text nodes the run is made of now: its own, and those our wrapping split off or put in marks. */
  nodes: Set<Text>;
  /** Came near the reader's view (or was needed): wrapped from now on. */
  near: boolean;
  alive: boolean;
}

const before = (a: RunState, b: RunState) => !!(a.run.nodes[0]!.compareDocumentPosition(b.run.nodes[0]!) & Node.DOCUMENT_POSITION_FOLLOWING);

export class RunIndex {
  /** Live runs in document order. */
  ordered: RunState[] = [];
  private readonly byBlock = new Map<Element, Set<RunState>>();
  private readonly ownerOf = new WeakMap<Text, RunState>();
  private readonly markOwner = new WeakMap<Element, RunState>();
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
    const state: RunState = { run, analysis: this.evidence.analyse(run.text, run.heading), desired: [], applied: [], marks: [], nodes: new Set(), near: false, alive: true };
    this.setNodes(state, run.nodes);
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

  /** Forgets a run that left the page or changed (its marks are the caller's to remove). */
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

  setNodes(state: RunState, nodes: Iterable<Text>) {
    state.nodes = new Set(nodes);
    for (const n of state.nodes) this.ownerOf.set(n, state);
  }

  /** Records a run's marks and the text nodes it is made of after wrapping them. */
  setMarks(state: RunState, marks: HTMLElement[], nodes: Iterable<Text>) {
    state.marks = marks;
    for (const m of marks) this.markOwner.set(m, state);
    this.setNodes(state, nodes);
  }

  /** The run whose mark `el` is. */
  ownerOfMark(el: Element): RunState | undefined {
    return this.markOwner.get(el);
  }

  /** The run (live or dropped) a text node last belonged to. */
  owner(node: Text): RunState | undefined {
    return this.ownerOf.get(node);
  }

  /** The live run that `run` is, unchanged, if any. */
  unchanged(run: TextRun): RunState | undefined {
    const state = this.ownerOf.get(run.nodes[0]!);
    if (!state?.alive || state.run.text !== run.text || state.run.heading !== run.heading || state.run.block !== run.block) return undefined;
    if (state.nodes.size !== run.nodes.length || !run.nodes.every((n) => state.nodes.has(n))) return undefined;
    return state;
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
