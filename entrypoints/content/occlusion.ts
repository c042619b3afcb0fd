/**
 * Whether something of the page covers an element of the extension's UI (in
 * its closed shadow root): a point just inside each corner of the element's
 * visible box, and its centre, must hit the UI's host, which is what
 * elementFromPoint answers for anything inside the host's shadow root. Used
 * to raise the UI above a cover, and, where the browser has no
 * IntersectionObserver v2 (Firefox), to keep a covered notes frame from
 * taking input; like every hit test it does not see a cover the page made
 * `pointer-events: none`. Points outside the viewport are not checked; an
 * element with no visible box counts as covered.
 */
export function isCovered(element: Element, doc: Document = element.ownerDocument): boolean {
  const root = element.getRootNode();
  const owner = root instanceof ShadowRoot ? root.host : element;
  const r = visibleBox(element);
  if (!r) return true;
  const inset = Math.min(2, r.width / 2, r.height / 2);
  const points = [
    [r.left + inset, r.top + inset],
    [r.right - inset, r.top + inset],
    [r.left + inset, r.bottom - inset],
    [r.right - inset, r.bottom - inset],
    [r.left + r.width / 2, r.top + r.height / 2],
  ] as const;
  const view = doc.defaultView!;
  return points.some(([x, y]) => x >= 0 && y >= 0 && x < view.innerWidth && y < view.innerHeight && doc.elementFromPoint(x, y) !== owner);
}

/** The overflow values with which an element clips its content. */
const CLIPS = /hidden|clip|auto|scroll/;

/**
 * The part of an element's box that its clipping ancestors in our UI leave in view, or null if none: a notes
 * frame scrolled inside the card is clipped by the card, which is no cover.
 */
export function visibleBox(element: Element): DOMRect | null {
  let { left, top, right, bottom } = element.getBoundingClientRect();
  // parentElement stops at the shadow root: only our own elements clip.
  for (let el = element.parentElement; el; el = el.parentElement) {
    if (!CLIPS.test(getComputedStyle(el).overflow)) continue;
    const clip = el.getBoundingClientRect();
    left = Math.max(left, clip.left);
    top = Math.max(top, clip.top);
    right = Math.min(right, clip.right);
    bottom = Math.min(bottom, clip.bottom);
  }
  return right > left && bottom > top ? DOMRect.fromRect({ x: left, y: top, width: right - left, height: bottom - top }) : null;
}
