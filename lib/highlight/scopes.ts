/**
 * Which text a set of page changes can have changed: the scopes to read
 * again. An added block is read on its own (deep); text or inline elements
 * added, removed or edited inside a block change only the runs directly in
 * that block (shallow: nested blocks are untouched). Headings start sections
 * that the evidence reads, so a heading change rereads the whole page.
 */
import { blockOf, isBoundary, isForbidden } from './blocks';
import type { PageChange } from './page-watch';

export interface Scope {
  root: Element;
  /** Read everything under root (an added subtree) or only the runs directly in it. */
  deep: boolean;
}

export interface ChangeScopes {
  /** The page was replaced or a heading changed: read the whole page again. */
  whole: boolean;
  scopes: Scope[];
  /** Elements removed from the page: the runs inside them are gone (unless they were moved back). */
  removed: Element[];
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6';

const touchesHeading = (node: Node) =>
  node.nodeType === 1
    ? /^H[1-6]$/.test((node as Element).tagName) || !!(node as Element).querySelector(HEADINGS)
    : !!node.parentElement?.closest(HEADINGS);

/** An element that starts runs of its own (a block, or a shadow host whose tree reads apart). */
const startsRuns = (el: Element) => (isBoundary(el) && el.tagName !== 'BR') || el.shadowRoot?.mode === 'open';

/** Whether `node` could join the text of an inline run beside it. */
const inline = (node: Node | null) =>
  !!node &&
  (node.nodeType === 3
    ? /\S/.test((node as Text).data)
    : node.nodeType === 1 && !startsRuns(node as Element) && !isForbidden(node as Element));

/** The outermost elements under an inline `node` that start runs of their own (read deep). */
function blocksInside(node: Node, out: Element[]) {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    if (startsRuns(c as Element)) out.push(c as Element);
    else if (!isForbidden(c as Element)) blocksInside(c, out);
  }
}

/** The block whose direct runs contain the children of `parent` (a shadow root reads as its host). */
function blockAround(parent: Node, body: Element): Element {
  if (parent.nodeType === 11) return (parent as ShadowRoot).host ?? body;
  return blockOf(parent, body);
}

export function scopesOf(changes: PageChange[], body: Element): ChangeScopes {
  const result: ChangeScopes = { whole: false, scopes: [], removed: [] };
  const shallow = new Set<Element>();
  const deep = new Set<Element>();
  for (const change of changes) {
    if (change.kind === 'document') return { whole: true, scopes: [], removed: [] };
    if (change.kind === 'text') {
      if (touchesHeading(change.node)) result.whole = true;
      shallow.add(blockAround(change.node.parentNode ?? change.node, body));
      continue;
    }
    const around = blockAround(change.parent, body);
    // Inside an inline element, a block added or removed splits or joins the text around that element, whatever its siblings.
    let joinsNeighbours = inline(change.before) || inline(change.after) || (change.parent.nodeType === 1 && change.parent !== around);
    for (const node of [...change.added, ...change.removed]) if (touchesHeading(node)) result.whole = true;
    for (const node of change.added) {
      if (node.nodeType === 1 && startsRuns(node as Element)) deep.add(node as Element);
      else {
        joinsNeighbours = true;
        const inner: Element[] = [];
        blocksInside(node, inner);
        for (const el of inner) deep.add(el);
      }
    }
    for (const node of change.removed) {
      if (node.nodeType === 1) result.removed.push(node as Element);
      if (!(node.nodeType === 1 && startsRuns(node as Element))) joinsNeighbours = true;
    }
    if (joinsNeighbours && (change.added.length || change.removed.length)) shallow.add(around);
  }
  // A deep scope covers every scope inside it.
  const deepRoots = [...deep].filter((el) => el.isConnected && ![...deep].some((o) => o !== el && o.contains(el)));
  const covered = (el: Element) => deepRoots.some((d) => d.contains(el));
  result.scopes = [
    ...deepRoots.map((root) => ({ root, deep: true })),
    ...[...shallow].filter((el) => !covered(el)).map((root) => ({ root, deep: false })),
  ];
  return result;
}
