/**
 * Splits a document into runs of text that read as one unit — a paragraph, a
 * list item, a cell — so a name split across inline tags or line breaks is
 * still found, while text in forbidden places is never seen at all.
 */

import { isOwnUi } from '../own-ui';

/** Elements whose text is never highlighted: form fields, code, scripts, media (and the extension's own UI, by identity). */
const FORBIDDEN = new Set([
  'INPUT',
  'TEXTAREA',
  'SELECT',
  'OPTION',
  'BUTTON',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'VAR',
  'SVG',
  'MATH',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
]);

/** Elements that start a new run of text (block-level in HTML, plus <br>). */
const BOUNDARY = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'LEGEND',
  'LI',
  'MAIN',
  'MENU',
  'NAV',
  'OL',
  'P',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'IMG',
  'HTML',
]);

const HEADING = /^H[1-6]$/;

/** Elements that may not contain phrasing content: text directly inside them is never wrapped. */
const NO_INLINE_CHILDREN = new Set(['TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'OL', 'DL', 'COLGROUP', 'MENU', 'HTML', 'HEAD']);

/** The parent element of a node, continuing from a shadow root to its host. */
function composedParent(node: Node): Element | null {
  const parent = node.parentNode;
  if (!parent) return null;
  if (parent.nodeType === 11) return (parent as ShadowRoot).host ?? null;
  return parent.nodeType === 1 ? (parent as Element) : null;
}

/** The open shadow root of an element, if it has one (closed ones are the page's private business). */
function openShadowRoot(el: Element): ShadowRoot | null {
  return el.shadowRoot?.mode === 'open' ? el.shadowRoot : null;
}

export function isForbidden(el: Element): boolean {
  if (FORBIDDEN.has(el.tagName.toUpperCase())) return true;
  if (isOwnUi(el) || el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/** Whether `node` sits inside a place the highlighter must not touch. */
export function isInsideForbidden(node: Node): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : composedParent(node); el; el = composedParent(el)) {
    if (isForbidden(el)) return true;
  }
  return false;
}

export interface TextRun {
  /** The text nodes of the run, in document order. */
  nodes: Text[];
  /** Their concatenated data from `from` on: offsets into it locate mentions in the nodes. */
  text: string;
  /** Where the text starts in the first node: above 0 only for a slice of a very long node. */
  from: number;
  /** A slice of a very long text node (its only node), which holds more text than the run. */
  slice?: true;
  /** The nearest block element containing the run (the unit rescanned when the page changes). */
  block: Element;
  /** Text of the heading of the section the run belongs to (its own text when the run is a heading). */
  heading: string;
}

export function isBoundary(el: Element): boolean {
  return BOUNDARY.has(el.tagName.toUpperCase());
}

/** The nearest block-level ancestor (or self) of a node; a shadow host is the block of its shadow tree. */
export function blockOf(node: Node, root: Element): Element {
  for (let el = node.nodeType === 1 ? (node as Element) : composedParent(node); el && el !== root; el = composedParent(el)) {
    if ((isBoundary(el) && el.tagName !== 'BR') || openShadowRoot(el)) return el;
  }
  return root;
}

const HAS_LETTER = /\p{L}/u;

export interface WalkOptions {
  /** The heading in effect where `root` starts. */
  heading?: string;
  /** Only the runs directly in `root`: nested blocks are skipped (their runs did not change). */
  shallow?: boolean;
  /** Each open shadow root met (so it can be observed and styled). */
  onShadowRoot?: (shadow: ShadowRoot) => void;
  /**
   * A run ends at the first whitespace after this many characters, and a longer text node is read as runs of
   * slices of it (a 10 MB transcript in one node is matched in bounded pieces, in short tasks).
   */
  maxChars?: number;
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6';
const headingText = (el: Element) => (el.textContent ?? '').trim().slice(0, 200);

/** The text of the last heading inside `el`, if any: the section a shallow walk continues in after skipping it. */
function lastHeadingIn(el: Element): string | undefined {
  const all = [...el.querySelectorAll(HEADINGS)].filter((h) => !isInsideForbidden(h));
  return all.length ? headingText(all[all.length - 1]!) : undefined;
}

/** The text of the last heading before `el` in document order (the section `el` belongs to). */
export function precedingHeading(el: Element): string {
  let text = '';
  for (const h of el.ownerDocument.body?.querySelectorAll(HEADINGS) ?? []) {
    if (!(h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
    // The walk never reads inside forbidden places, headings included.
    if (!isInsideForbidden(h)) text = headingText(h);
  }
  return text;
}

/**
 * Collects the runs of text under `root`, in document order, entering open
 * shadow roots. Iterative (no recursion), so a 2,000-level deep page cannot
 * overflow the stack.
 */
export function collectRuns(root: Element, options: WalkOptions = {}): TextRun[] {
  return [...walkRuns(root, options)];
}

/**
 * The same runs, one at a time, so a caller can start on the top of a page
 * before the walk reaches its end. A run is yielded once all its nodes have
 * been read; wrapping it does not disturb the rest of the walk.
 */
export function* walkRuns(root: Element, options: WalkOptions = {}): Generator<TextRun> {
  const { shallow = false, onShadowRoot, maxChars = Infinity } = options;
  let heading = options.heading ?? '';
  let nodes: Text[] = [];
  let text = '';
  const blocks: Element[] = [root];
  /** Ends the current run: the run, if it holds any letter (for `yield*`). */
  const flush = (): TextRun[] => {
    const runs = nodes.length && HAS_LETTER.test(text) ? [{ nodes, text, from: 0, block: blocks[blocks.length - 1]!, heading }] : [];
    nodes = [];
    text = '';
    return runs;
  };
  // Each stack entry is a node to enter, a marker to leave an element, or a marker that ends the current run.
  const endRun = { endRun: true } as const;
  const stack: (Node | { leave: Element } | typeof endRun)[] = [];
  const enter = (el: Element, shadow: ShadowRoot | null) => {
    for (let c = el.lastChild; c; c = c.previousSibling) stack.push(c);
    if (!shadow) return;
    onShadowRoot?.(shadow);
    // The shadow tree is read before the light children it slots in, and never joins their text.
    stack.push(endRun);
    for (let c = shadow.lastChild; c; c = c.previousSibling) stack.push(c);
  };
  enter(root, openShadowRoot(root));
  while (stack.length) {
    const item = stack.pop()!;
    if ('endRun' in item) {
      yield* flush();
      continue;
    }
    if ('leave' in item) {
      const el = item.leave;
      yield* flush();
      if (blocks[blocks.length - 1] === el) blocks.pop();
      continue;
    }
    if (item.nodeType === 3) {
      const parent = item.parentNode as Element | null;
      if (parent && NO_INLINE_CHILDREN.has(parent.nodeName.toUpperCase())) {
        yield* flush();
        continue;
      }
      const data = (item as Text).data;
      if (data.length > maxChars) {
        yield* flush();
        for (let from = 0; from < data.length; ) {
          const space = data.indexOf(' ', from + maxChars);
          const to = space < 0 ? data.length : space + 1;
          const slice = data.slice(from, to);
          if (HAS_LETTER.test(slice))
            yield { nodes: [item as Text], text: slice, from, slice: true, block: blocks[blocks.length - 1]!, heading };
          from = to;
        }
        continue;
      }
      nodes.push(item as Text);
      text += data;
      if (text.length >= maxChars && /\s$/.test(text)) yield* flush();
      continue;
    }
    if (item.nodeType !== 1) continue;
    const el = item as Element;
    if (isForbidden(el)) {
      // Text on either side of a forbidden element never joins into one name.
      yield* flush();
      continue;
    }
    const shadow = openShadowRoot(el);
    if (isBoundary(el) || shadow) {
      yield* flush();
      if (el.tagName === 'BR' || el.tagName === 'HR' || el.tagName === 'IMG') continue;
      // A heading opens its section: its own text belongs to the section it names.
      if (HEADING.test(el.tagName)) heading = headingText(el);
      if (shallow) {
        heading = lastHeadingIn(el) ?? heading;
        continue;
      }
      blocks.push(el);
      stack.push({ leave: el });
    }
    enter(el, shadow);
  }
  yield* flush();
}
