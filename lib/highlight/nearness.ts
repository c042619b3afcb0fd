/**
 * Tells which blocks of text are near the reader's view (about one and a half
 * viewports above and below), so only those are painted; the rest are painted
 * as they approach. Without layout (no IntersectionObserver, or a document
 * that is not its window's, such as a parsed one) every block counts as near.
 */
export interface Nearness {
  /** Starts watching `el`; `onNear` is called (once) when it comes near the view. */
  watch(el: Element): void;
  unwatch(el: Element): void;
  /** Whether watching is real (false: everything is reported near at once). */
  readonly lazy: boolean;
  disconnect(): void;
}

const MARGIN = '150% 0px 150% 0px';

export function createNearness(doc: Document, onNear: (els: Element[]) => void, eager = false): Nearness {
  const view = doc.defaultView;
  const IO = view?.document === doc ? view.IntersectionObserver : undefined;
  if (eager || !IO) {
    return { lazy: false, watch: (el) => onNear([el]), unwatch() {}, disconnect() {} };
  }
  const io = new IO(
    (entries) => {
      const near = entries.filter((e) => e.isIntersecting).map((e) => e.target);
      for (const el of near) io.unobserve(el);
      if (near.length) onNear(near);
    },
    { rootMargin: MARGIN },
  );
  return {
    lazy: true,
    watch: (el) => io.observe(el),
    unwatch: (el) => io.unobserve(el),
    disconnect: () => io.disconnect(),
  };
}
