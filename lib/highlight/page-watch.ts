/**
 * Watches the page for changes to its text with one MutationObserver (plus one
 * observation per open shadow root, which records do not cross into), and
 * reports them as page changes. What is not the page's own doing is dropped
 * here: the extension's UI host, and changes in places never highlighted
 * (head, inputs, editors, code). The highlighter itself never writes to the
 * page. An element made editable (or hidden) after load reads as added again,
 * so its text stops being highlighted.
 */
import { isOwnUi } from '../own-ui';
import { isInsideForbidden } from './blocks';

export type PageChange =
  /** The document's body or root element was replaced (document.open/write): everything starts again. */
  | { kind: 'document' }
  | { kind: 'nodes'; parent: Node; added: Node[]; removed: Node[]; before: Node | null; after: Node | null }
  | { kind: 'text'; node: Node };

export interface PageWatch {
  observe(root: Node): void;
  /** Delivers the changes recorded so far now, instead of at the observer's next callback. */
  flush(): void;
  disconnect(): void;
}

/** Attributes that make text forbidden or allowed (an editor switched on, a region hidden). */
const FORBIDDING = ['contenteditable', 'hidden'];
const OBSERVED: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: FORBIDDING,
};

/** The extension's UI host (the card, the passage notes, the note button and panel). */
const isOwnHost = (node: Node) => node.nodeType === 1 && isOwnUi(node as Element);

/** Turns mutation records into the page's changes (empty when none of them is the page's). */
function pageChanges(records: MutationRecord[], doc: Document): PageChange[] {
  const changes: PageChange[] = [];
  for (const r of records) {
    const target = r.target;
    if (target === doc || target === doc.documentElement) {
      if ([...r.addedNodes].some((n) => n.nodeName === 'BODY' || n.nodeName === 'HTML')) changes.push({ kind: 'document' });
      continue;
    }
    if (r.type === 'attributes') {
      const el = target as Element;
      if (el.parentNode && !isOwnHost(el))
        changes.push({ kind: 'nodes', parent: el.parentNode, added: [el], removed: [], before: null, after: null });
      continue;
    }
    if (isInsideForbidden(target)) continue;
    if (r.type === 'characterData') {
      // Text since removed from the page: its removal is a change of its own.
      if (!target.isConnected) continue;
      changes.push({ kind: 'text', node: target });
      continue;
    }
    const added = [...r.addedNodes].filter((n) => !isOwnHost(n));
    const removed = [...r.removedNodes].filter((n) => !isOwnHost(n));
    if (added.length || removed.length)
      changes.push({ kind: 'nodes', parent: target, added, removed, before: r.previousSibling, after: r.nextSibling });
  }
  return changes;
}

export function createPageWatch(doc: Document, onChanges: (changes: PageChange[]) => void): PageWatch {
  const deliver = (records: MutationRecord[]) => {
    const changes = pageChanges(records, doc);
    if (changes.length) onChanges(changes);
  };
  const observer = new MutationObserver(deliver);
  return {
    observe: (root) => observer.observe(root, OBSERVED),
    flush: () => deliver(observer.takeRecords()),
    disconnect() {
      observer.takeRecords();
      observer.disconnect();
    },
  };
}
