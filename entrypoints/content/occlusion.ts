/**
 * Whether something of the page covers an element of the extension's UI (in
 * its closed shadow root): a point just inside each corner of the element, and
 * its centre, must hit the UI's host, which is what elementFromPoint answers
 * for anything inside the host's shadow root. For browsers without
 * IntersectionObserver v2 (Firefox); like every hit test it does not see a
 * cover the page made `pointer-events: none`. Points outside the viewport are
 * not checked; an element with no box counts as covered.
 */
export function isCovered(element: Element, doc: Document = element.ownerDocument): boolean {
  const root = element.getRootNode();
  const owner = root instanceof ShadowRoot ? root.host : element;
  const r = element.getBoundingClientRect();
  if (!r.width || !r.height) return true;
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
