/**
 * Where an anchored passage is on the page, for drawing it: one live range
 * per text node it covers (never inside inputs, editors or code), whose
 * client rects are the boxes to draw. Reads only: nothing is written to the
 * page, and a passage's range never goes into `CSS.highlights`, which page
 * scripts can enumerate.
 */
import { isInsideForbidden } from '../highlight/blocks';
import type { Anchored } from './anchor';

export function passageRanges({ text, start, end }: Anchored): Range[] {
  const ranges: Range[] = [];
  for (const { node, start: at } of text.nodes) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + node.data.length);
    if (from >= to || isInsideForbidden(node) || !node.data.slice(from - at, to - at).trim()) continue;
    const range = node.ownerDocument.createRange();
    range.setStart(node, from - at);
    range.setEnd(node, to - at);
    ranges.push(range);
  }
  return ranges;
}
