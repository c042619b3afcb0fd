// Test-only: maps text offsets back to DOM points, to check that anchoring found the right text.
import type { DomText } from '@/lib/anchoring/dom-text';

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
