/**
 * The reader's text layer in the DOM: one span per PDF.js text item (tagged
 * with its index), concept marks inside the spans, and conversions between a
 * DOM selection and offsets in the page's text. The text layer is the
 * extension's own, so spans are rebuilt from their item text rather than unwrapped.
 */
import { itemPieces, pageOffset, type PageText } from './page-text';
import type { PdfMention } from './document-text';

const ITEM_ATTR = 'data-item';
export const PDF_MARK_CLASS = 'al-pdf-mark';
/** The text around marks in a span laid out at the glyphs' positions (a <data> element: no role, no style of its own, not a span PDF.js's rules place). */
export const PDF_RUN_CLASS = 'al-pdf-run';

/** Where each character boundary of an item lies along its span, in the span's own (unscaled) px; undefined: as the browser lays it out. */
export type Boundaries = (item: number, span: HTMLElement) => number[] | undefined;

export interface MarkStyle {
  colour(conceptId: string): string;
  label(conceptId: string): string;
}

/** Tags each span with its item index, so offsets can be read back from the DOM. */
export function tagItems(spans: HTMLElement[]) {
  spans.forEach((span, i) => span.setAttribute(ITEM_ATTR, String(i)));
}

/**
 * Puts marks for `mentions` into the spans, replacing any from before. A
 * mention over several spans (a name broken across lines) is one mention:
 * its pieces share data-al-mention and only the first is focusable. With
 * `boundaries`, each mark and the text between them are boxes as wide as
 * their glyphs on the page (the browser's font has other proportions).
 */
export function applyMarks(
  spans: HTMLElement[],
  items: string[],
  page: PageText,
  mentions: PdfMention[],
  style: MarkStyle,
  firstMentionId: number,
  boundaries?: Boundaries,
): HTMLElement[] {
  for (const span of spans)
    if (span.querySelector(`.${PDF_MARK_CLASS}`))
      span.replaceChildren(span.ownerDocument.createTextNode(items[Number(span.getAttribute(ITEM_ATTR))] ?? ''));
  const bySpan = new Map<number, { offset: number; length: number; mention: PdfMention; id: number; first: boolean }[]>();
  mentions.forEach((m, n) => {
    itemPieces(page, m.start, m.end).forEach(([item, offset, length], p) => {
      const list = bySpan.get(item) ?? [];
      list.push({ offset, length, mention: m, id: firstMentionId + n, first: p === 0 });
      bySpan.set(item, list);
    });
  });
  const marks: HTMLElement[] = [];
  for (const [item, pieces] of bySpan) {
    const span = spans[item];
    const text = items[item];
    if (!span || text === undefined) continue;
    const doc = span.ownerDocument;
    const edges = boundaries?.(item, span);
    const widthOf = (from: number, to: number) => `${(edges![to] ?? 0) - (edges![from] ?? 0)}px`;
    /** Plain text from `from` to `to`: a text node, or a box of its glyphs' width. */
    const run = (from: number, to: number): Node => {
      const plain = doc.createTextNode(text.slice(from, to));
      if (!edges) return plain;
      const box = doc.createElement('data');
      box.className = PDF_RUN_CLASS;
      box.style.width = widthOf(from, to);
      box.append(plain);
      return box;
    };
    const parts: Node[] = [];
    let at = 0;
    for (const piece of pieces.sort((a, b) => a.offset - b.offset)) {
      if (piece.offset < at) continue;
      if (piece.offset > at) parts.push(run(at, piece.offset));
      const mark = doc.createElement('mark');
      mark.className = PDF_MARK_CLASS;
      mark.dataset.conceptId = piece.mention.conceptId;
      mark.dataset.alMention = String(piece.id);
      mark.style.setProperty('--al-colour', style.colour(piece.mention.conceptId));
      if (edges) mark.style.width = widthOf(piece.offset, piece.offset + piece.length);
      if (piece.first) {
        // Where the mention starts in the page text (how the reader finds a mention's mark), and the
        // mention as read, its line breaks as spaces (its pieces alone do not say where the breaks were).
        mark.dataset.start = String(piece.mention.start);
        mark.dataset.text = piece.mention.text;
        mark.tabIndex = 0;
        mark.setAttribute('role', 'button');
        mark.setAttribute('aria-label', style.label(piece.mention.conceptId));
      }
      mark.textContent = text.slice(piece.offset, piece.offset + piece.length);
      parts.push(mark);
      marks.push(mark);
      at = piece.offset + piece.length;
    }
    if (at < text.length) parts.push(run(at, text.length));
    span.replaceChildren(...parts);
  }
  return marks;
}

/** The offset in its span's item of a DOM point inside the span (marks included). */
function offsetInSpan(span: Element, node: Node, offset: number): number {
  if (node.nodeType !== Node.TEXT_NODE) {
    // A point between children: count the text of the children before it.
    const before = [...node.childNodes].slice(0, offset);
    const prefix = before.reduce((n, c) => n + (c.textContent?.length ?? 0), 0);
    return node === span
      ? prefix
      : offsetInSpan(span, node.parentNode!, [...node.parentNode!.childNodes].indexOf(node as ChildNode)) + prefix;
  }
  let total = 0;
  const walker = span.ownerDocument.createTreeWalker(span, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n === node) return total + offset;
    total += (n as Text).data.length;
  }
  return total;
}

/** The item span at or after a DOM point that is not inside a span (on a <br> or the layer itself). */
function spanNear(layer: Element, node: Node, offset: number, forward: boolean): Element | null {
  const spans = [...layer.querySelectorAll(`[${ITEM_ATTR}]`)];
  const probe = node.nodeType === Node.TEXT_NODE ? node : (node.childNodes[offset] ?? node);
  if (forward) return spans.find((s) => s === probe || !!(probe.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING)) ?? null;
  return spans.reverse().find((s) => s === probe || !!(probe.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_PRECEDING)) ?? null;
}

/** [start, end) in the page's text of a range inside one page's text layer; undefined when it selects no text there. */
export function rangeToOffsets(layer: Element, page: PageText, range: Range): [number, number] | undefined {
  const point = (node: Node, offset: number, isStart: boolean): number | undefined => {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
    const inSpan = el?.closest(`[${ITEM_ATTR}]`);
    if (inSpan && layer.contains(inSpan))
      return pageOffset(page, Number(inSpan.getAttribute(ITEM_ATTR)), offsetInSpan(inSpan, node, offset));
    const near = spanNear(layer, node, offset, isStart);
    if (!near) return undefined;
    const index = Number(near.getAttribute(ITEM_ATTR));
    return pageOffset(page, index, isStart ? 0 : (page.lengths[index] ?? 0));
  };
  const start = point(range.startContainer, range.startOffset, true);
  const end = point(range.endContainer, range.endOffset, false);
  if (start === undefined || end === undefined || end <= start) return undefined;
  // Trim the whitespace a drag picks up at either end.
  const text = page.text.slice(start, end);
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  return end - trail > start + lead ? [start + lead, end - trail] : undefined;
}

/** A DOM range over [start, end) of the page's text, for drawing it (note or search highlights). */
export function offsetsToRange(layer: Element, page: PageText, start: number, end: number): Range | undefined {
  const pieces = itemPieces(page, start, end);
  if (!pieces.length) return undefined;
  const at = (item: number, offset: number): [Node, number] | undefined => {
    const span = layer.querySelector(`[${ITEM_ATTR}="${item}"]`);
    if (!span) return undefined;
    const walker = span.ownerDocument.createTreeWalker(span, NodeFilter.SHOW_TEXT);
    let left = offset;
    let last: Text | null = null;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (left <= n.data.length) return [n, left];
      left -= n.data.length;
      last = n;
    }
    return last ? [last, last.data.length] : undefined;
  };
  const [firstItem, firstOffset] = pieces[0]!;
  const [lastItem, lastOffset, lastLength] = pieces.at(-1)!;
  const from = at(firstItem, firstOffset);
  const to = at(lastItem, lastOffset + lastLength);
  if (!from || !to) return undefined;
  const range = layer.ownerDocument.createRange();
  range.setStart(...from);
  range.setEnd(...to);
  return range;
}
