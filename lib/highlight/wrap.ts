/**
 * Wraps mentions in <al-mark> elements with mark.js (one markRanges call per
 * run of text) and unwraps them so the page's DOM is exactly as before: the
 * original text nodes keep their identity, which frameworks such as React rely on.
 */
import Mark from 'mark.js';
import type { TextRun } from './blocks';

export const MARK_TAG = 'al-mark';
export const MARK_CLASS = 'alliance-lens-mark';

export interface MentionRange {
  start: number;
  length: number;
  conceptId: string;
  mentionId: number;
  /** Applied to each element of the mention. */
  decorate(el: HTMLElement): void;
}

/**
 * A NodeIterator look-alike over a snapshot of the nodes it would visit (the
 * root included, as NodeIterator does). mark.js reads every node before it
 * changes any, so a snapshot walks the same nodes.
 */
function snapshotIterator(root: Node, whatToShow = 0xffffffff, filter?: NodeFilter | ((n: Node) => number) | null) {
  const accept = (n: Node) => {
    if (!(whatToShow & (1 << (n.nodeType - 1)))) return false;
    if (!filter) return true;
    return (typeof filter === 'function' ? filter(n) : filter.acceptNode(n)) === 1;
  };
  const nodes: Node[] = accept(root) ? [root] : [];
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, whatToShow);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (accept(n)) nodes.push(n);
  // NodeIterator's pointer sits between nodes: next returns the node after it, previous the one before.
  let pointer = 0;
  return {
    nextNode: () => (pointer < nodes.length ? nodes[pointer++]! : null),
    previousNode: () => (pointer > 0 ? nodes[--pointer]! : null),
    detach() {},
  };
}

/**
 * mark.js walks text with NodeIterators, which Chromium keeps registered on
 * the document until they are garbage-collected, and every later DOM removal
 * visits each one (measured here: 20,000 live iterators turned 5,000 wraps
 * from 11 ms into 2.8 s). During our calls mark.js gets an unregistered
 * snapshot iterator instead. The override is on the content script's own
 * `document` wrapper, so page scripts never see it.
 */
function withUnregisteredIterators<T>(run: () => T): T {
  const doc = globalThis.document as unknown as { createNodeIterator: unknown };
  doc.createNodeIterator = snapshotIterator;
  try {
    return run();
  } finally {
    delete (doc as { createNodeIterator?: unknown }).createNodeIterator;
  }
}

/**
 * Narrows a run to the text nodes the ranges touch, with offsets shifted to
 * their concatenation: mark.js's cost grows with the nodes it is given
 * (a run of 50,000 inline elements would otherwise be walked per call).
 */
export function onlyTouchedNodes<R extends { start: number; length: number }>(nodes: Text[], ranges: R[]): { nodes: Text[]; ranges: R[] } {
  const starts: number[] = [];
  let total = 0;
  for (const n of nodes) {
    starts.push(total);
    total += n.data.length;
  }
  const nodeAt = (offset: number) => {
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const keep = new Set<number>();
  const spans = ranges.map((r) => {
    const first = nodeAt(r.start);
    const last = nodeAt(r.start + r.length - 1);
    for (let i = first; i <= last; i++) keep.add(i);
    return first;
  });
  const kept = [...keep].sort((a, b) => a - b);
  const newStart = new Map<number, number>();
  let acc = 0;
  for (const i of kept) {
    newStart.set(i, acc);
    acc += nodes[i]!.data.length;
  }
  return {
    nodes: kept.map((i) => nodes[i]!),
    ranges: ranges.map((r, k) => ({ ...r, start: newStart.get(spans[k]!)! + (r.start - starts[spans[k]!]!) })),
  };
}

/**
 * Every element this extension created by wrapping. Page elements that merely
 * look like ours (same tag, class, data attributes; clones of our marks) are
 * not in it: only these may open the card or a note.
 */
const ownMarks = new WeakSet<Element>();

/** Whether `el` is a mark or note marker this extension created (never trust tags or data attributes). */
export function isOwnMark(el: Element | null | undefined): boolean {
  return !!el && ownMarks.has(el);
}

/** Text nodes that mark.js split off an original node: merged back on unwrap. */
const splitOff = new WeakSet<Node>();
/**
 * Each mark's original text node (the one mark.js split, which keeps the text
 * before the first mark) and the text we left in it. Pages may hold that node
 * (React does) and rewrite or remove it; then the marks and pieces after it
 * are stale copies of the old text and must go rather than be merged back.
 */
const originOf = new WeakMap<Element, Text>();
const leftText = new WeakMap<Text, string>();

/**
 * Page watchers that drop the mutation records of our own writes. Every wrap
 * and unwrap, the highlighter's or the passage notes', runs through them, so
 * no write of the extension's reads as a change of the page.
 */
const quieters = new Set<<T>(write: () => T) => T>();

export function quietOwnWrites(quietly: <T>(write: () => T) => T): () => void {
  quieters.add(quietly);
  return () => quieters.delete(quietly);
}

function ownWrite<T>(write: () => T): T {
  let run = write;
  for (const quietly of quieters) {
    const inner = run;
    run = () => quietly(inner);
  }
  return run();
}

function recordOrigins(marks: HTMLElement[]) {
  for (const mark of marks) {
    let node = mark.previousSibling;
    while (node && (splitOff.has(node) || originOf.has(node as Element))) node = node.previousSibling;
    if (node?.nodeType !== 3) continue;
    originOf.set(mark, node as Text);
    leftText.set(node as Text, (node as Text).data);
  }
}

/**
 * Wraps ranges of the concatenated text of `nodes` in `tag` elements with
 * mark.js; `each` decorates every created element with its range.
 */
export function wrapRanges<R extends { start: number; length: number }>(
  nodes: Text[],
  ranges: R[],
  tag: string,
  className: string,
  each: (el: HTMLElement, range: R) => void,
): HTMLElement[] {
  const created: HTMLElement[] = [];
  // Text nodes detached since they were collected cannot be wrapped.
  if (!ranges.length || nodes.some((n) => !n.isConnected)) return created;
  const { nodes: touched, ranges: shifted } = onlyTouchedNodes(nodes, ranges);
  // mark.js accepts text nodes as contexts: its offsets are then offsets into exactly their text.
  ownWrite(() =>
    withUnregisteredIterators(() =>
    new Mark(touched as unknown as HTMLElement[]).markRanges(shifted, {
      element: tag,
      className,
      exclude: [],
      each(el: Element, range: unknown) {
        const mark = el as HTMLElement;
        ownMarks.add(mark);
        each(mark, range as R);
        if (mark.nextSibling) splitOff.add(mark.nextSibling);
        created.push(mark);
      },
    } as Mark.MarkRangesOptions),
    ),
  );
  recordOrigins(created);
  return created;
}

/** Wraps concept mentions (offsets into run.text) and returns the created elements. */
export function wrapRun(run: TextRun, ranges: MentionRange[]): HTMLElement[] {
  return wrapRanges(run.nodes, ranges, MARK_TAG, MARK_CLASS, (mark, r) => {
    mark.dataset.conceptId = r.conceptId;
    mark.dataset.alMention = String(r.mentionId);
    // In the Tab order: a keyboard reader reaches each highlight and opens its card (Enter pins it).
    mark.tabIndex = 0;
    r.decorate(mark);
  });
}

/**
 * Removes marks (in document order) and merges their text back into the node
 * it was split from, unless the page has since rewritten or removed that node.
 */
export function unwrapMarks(marks: Iterable<Element>) {
  ownWrite(() => unwrapEach(marks));
}

function unwrapEach(marks: Iterable<Element>) {
  for (const mark of marks) {
    const parent = mark.parentNode;
    if (!parent) continue;
    if (mark.childElementCount) {
      // The page put elements of its own inside the mark: they stay, the mark goes.
      mark.replaceWith(...mark.childNodes);
      continue;
    }
    const prev = mark.previousSibling;
    const next = mark.nextSibling;
    const tail = next && splitOff.has(next) ? (next as Text) : null;
    const origin = originOf.get(mark);
    if (origin && (origin.parentNode !== parent || origin.data !== leftText.get(origin))) {
      if (tail) parent.removeChild(tail);
      parent.removeChild(mark);
      continue;
    }
    const text = mark.textContent ?? '';
    if (prev && prev.nodeType === 3) {
      (prev as Text).data += text + (tail?.data ?? '');
      leftText.set(prev as Text, (prev as Text).data);
      if (tail) parent.removeChild(tail);
      parent.removeChild(mark);
    } else {
      parent.replaceChild(mark.ownerDocument.createTextNode(text), mark);
    }
  }
}

/** Every mark of ours under `root`, in document order (look-alikes a page planted are not ours). */
export function marksIn(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`${MARK_TAG}.${MARK_CLASS}`)].filter(isOwnMark);
}
