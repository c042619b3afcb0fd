/**
 * The text of a page as a reader sees it, with a map back to text nodes, so
 * offsets (TextPositionSelector) and DOM ranges convert both ways.
 * Highlight marks are plain wrappers: their text counts like any other.
 */
import { isOwnUi } from '../own-ui';

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

export interface DomText {
  text: string;
  nodes: { node: Text; start: number }[];
}

export function domText(root: Element): DomText {
  const nodes: DomText['nodes'] = [];
  let text = '';
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === 1) {
        const el = node as Element;
        return SKIPPED.has(el.tagName.toUpperCase()) || isOwnUi(el) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({ node: n as Text, start: text.length });
    text += (n as Text).data;
  }
  return { text, nodes };
}

/** Offset of a DOM boundary point (a text node and offset in it) in the page text. */
export function offsetOf(dt: DomText, node: Node, offset: number): number {
  if (node.nodeType === 3) {
    const entry = dt.nodes.find((n) => n.node === node);
    if (entry) return entry.start + offset;
  }
  // An element boundary: the first text node at or after it.
  const doc = node.ownerDocument ?? (node as Document);
  const probe = doc.createRange();
  probe.setStart(node, offset);
  for (const n of dt.nodes) {
    if (probe.comparePoint(n.node, 0) >= 0) return n.start;
  }
  return dt.text.length;
}

/**
 * The text node and offset for a text offset. At a boundary between two
 * nodes, a range start belongs to the next node and a range end to the previous.
 */
export function pointAt(dt: DomText, offset: number, side: 'start' | 'end'): { node: Text; offset: number } | null {
  for (const n of dt.nodes) {
    const len = n.node.data.length;
    if (offset < n.start + len || (side === 'end' && offset === n.start + len)) return { node: n.node, offset: offset - n.start };
  }
  const last = dt.nodes.at(-1);
  return last ? { node: last.node, offset: last.node.data.length } : null;
}

/** The DOM range covering text offsets [start, end). */
export function rangeOf(dt: DomText, start: number, end: number): Range | null {
  const a = pointAt(dt, start, 'start');
  const b = pointAt(dt, end, 'end');
  if (!a || !b) return null;
  const range = a.node.ownerDocument.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}
