/**
 * The notes frame takes the reader's clicks only while it is visible and
 * uncovered, so a page cannot draw its own content over the card (or make it
 * transparent) and have the reader click into it unseen: no editor opens and
 * no note is saved (a key that presses a button is a click, and a form's
 * submit is refused too). Typed text is not refused: it stays in the frame,
 * and a reader's keys lost to a passing cover would be worse. Where the
 * browser has IntersectionObserver v2 (Chromium), the frame tracks its own
 * visibility: occlusion by anything the page draws, opacity, transforms,
 * filters. Elsewhere (Firefox) the content script checks the frame's corners
 * with elementFromPoint (entrypoints/content/occlusion.ts) and says so.
 * Each time the frame is shown the question is asked afresh; until the
 * observer answers clicks are taken, so the reader's first click is not lost
 * to its throttle or to a frame not painted yet.
 */
declare global {
  interface IntersectionObserverInit {
    trackVisibility?: boolean;
    delay?: number;
  }
  interface IntersectionObserverEntry {
    readonly isVisible?: boolean;
  }
}

export const OBSERVES_VISIBILITY = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/**
 * How long the observer must find the frame not visible before it counts as covered: a frame just shown, or
 * still painting, is briefly reported not visible, and the reader's click then must not be lost.
 */
const SETTLE_MS = 250;

/** What a covered frame drops: whatever opens, presses or submits. */
const GATED = ['pointerdown', 'mousedown', 'click', 'dblclick', 'drop', 'submit'] as const;

export interface InputGate {
  /** The frame is shown (again): the observer is asked afresh (the content script asks again by itself). */
  rearm(): void;
  /** What the content script found (used only where the frame cannot observe itself). */
  setCovered(covered: boolean): void;
  /** Hears the frame found covered (true) and uncovered or shown afresh (false); returns how to stop. */
  onCovered(listener: (covered: boolean) => void): () => void;
}

export function createInputGate(): InputGate {
  let visible: boolean | undefined;
  const listeners = new Set<(covered: boolean) => void>();
  const setVisible = (next: boolean | undefined) => {
    const was = visible === false;
    visible = next;
    if (was !== (next === false)) for (const listener of listeners) listener(next === false);
  };
  // The whole frame, whatever its content's height.
  const sentinel = document.createElement('div');
  for (const [prop, value] of [
    ['position', 'fixed'],
    ['inset', '0'],
    ['pointer-events', 'none'],
  ] as const)
    sentinel.style.setProperty(prop, value);
  document.documentElement.append(sentinel);
  let settling: ReturnType<typeof setTimeout> | undefined;
  const observer = OBSERVES_VISIBILITY
    ? new IntersectionObserver(
        (entries) => {
          clearTimeout(settling);
          if (entries.at(-1)!.isVisible) setVisible(true);
          else settling = setTimeout(() => setVisible(false), SETTLE_MS);
        },
        { trackVisibility: true, delay: 100, threshold: [0] },
      )
    : null;
  observer?.observe(sentinel);
  for (const type of GATED) {
    addEventListener(
      type,
      (e) => {
        if (visible !== false) return;
        e.preventDefault();
        e.stopImmediatePropagation();
      },
      { capture: true },
    );
  }
  return {
    rearm() {
      // Where the content script answers, it checks again itself at each showing.
      if (!observer) return;
      clearTimeout(settling);
      setVisible(undefined);
      observer.unobserve(sentinel);
      observer.observe(sentinel);
    },
    setCovered(covered) {
      if (!OBSERVES_VISIBILITY) setVisible(!covered);
    },
    onCovered(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
