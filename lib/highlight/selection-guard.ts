/**
 * Keeps highlighting away from what the reader is selecting: while a pointer
 * is down (a drag may be starting a selection) nothing is rewritten, and while
 * a selection is open, nothing that touches it. Rewriting a text node a range
 * starts or ends in would move or collapse the reader's selection.
 */
export interface SelectionGuard {
  /**
   * Whether a rewrite now could disturb the reader: a pointer is down, or a
   * boundary of the selection (the node a range starts or ends in) passes `touches`.
   * Rewrites elsewhere leave a range's boundaries, hence the selection, as they are.
   */
  protects(touches: (boundary: Node) => boolean): boolean;
  /** Whether a pointer is down: then no rewrite at all. */
  readonly dragging: boolean;
}

export function createSelectionGuard(doc: Document, onFree: () => void, signal: AbortSignal): SelectionGuard {
  let dragging = false;
  const view = doc.defaultView;
  /**
   * The nodes the selection starts and ends in, read once per selectionchange:
   * Chromium brings layout up to date to answer isCollapsed, so asking before
   * every wrap would force a layout per run (measured: 23 s of scrolling a 1.6 MB page).
   */
  let boundaries: Node[] = [];
  const readSelection = () => {
    const s = view?.getSelection?.();
    boundaries = [];
    if (!s || s.isCollapsed) return;
    for (let i = 0; i < s.rangeCount; i++) {
      const r = s.getRangeAt(i);
      boundaries.push(r.startContainer, r.endContainer);
    }
  };
  /** Selection work elsewhere may go on once the drag ends; work at the selection waits until it collapses. */
  const release = () => {
    if (!dragging) onFree();
  };
  if (view) {
    readSelection();
    const opts = { capture: true, passive: true, signal };
    view.addEventListener('pointerdown', (e) => e.isPrimary && (dragging = true), opts);
    for (const type of ['pointerup', 'pointercancel', 'blur'] as const) {
      view.addEventListener(type, () => {
        dragging = false;
        release();
      }, opts);
    }
    doc.addEventListener('selectionchange', () => {
      readSelection();
      if (!boundaries.length) release();
    }, opts);
  }
  return {
    get dragging() {
      return dragging;
    },
    protects(touches) {
      return dragging || boundaries.some(touches);
    },
  };
}
