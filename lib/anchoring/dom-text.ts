/**
 * The text of a page as a reader sees it, with a map back to text nodes, so
 * offsets (TextPositionSelector) and DOM ranges convert both ways.
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
