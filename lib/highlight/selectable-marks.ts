/**
 * Lets a drag that starts on a highlight select text. Chromium starts no
 * selection from a focusable element (our marks have tabindex 0, for the
 * keyboard), so while the pointer is down on one of our marks it is not
 * focusable; it is again once the pointer is up. Only an attribute changes
 * (the page watch observes no attributes): no text, so no selection, moves.
 */
import { isOwnMark, MARK_TAG } from './wrap';

export function keepMarksSelectable(view: Window, signal: AbortSignal): void {
  const opts = { capture: true, passive: true, signal };
  view.addEventListener('pointerdown', (e) => {
    if (!e.isPrimary || e.button !== 0) return;
    const start = e.composedPath()[0];
    const mark = start instanceof Node ? (start instanceof Element ? start : start.parentElement)?.closest(MARK_TAG) : null;
    if (!mark || !isOwnMark(mark) || !mark.hasAttribute('tabindex')) return;
    mark.removeAttribute('tabindex');
    const restore = new AbortController();
    const back = () => {
      restore.abort();
      (mark as HTMLElement).tabIndex = 0;
    };
    for (const type of ['pointerup', 'pointercancel', 'blur'] as const) view.addEventListener(type, back, { ...opts, signal: AbortSignal.any([signal, restore.signal]) });
  }, opts);
}
