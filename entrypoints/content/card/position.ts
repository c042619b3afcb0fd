/**
 * Keeps the card beside its term (lib/placement: never over the term's line
 * nor the next, always whole in the viewport) while the page scrolls,
 * resizes or moves the term; hides it while the term is out of view.
 */
import { followReference, type VirtualReference } from '@/lib/placement';

export interface FollowEvents {
  /** The term left the page (the highlighter wrapped it again, a new element): find it again. */
  detached(): void;
  /** Where the term was measured last. */
  measured(rect: DOMRect): void;
  /** The term scrolled out of view (the card is hidden until it comes back). */
  offscreen(): void;
}

/** Follows `term` (a virtual element: its range's rects, the element it sits in) with `card` until the returned function is called. */
export function followTerm(term: VirtualReference, card: HTMLElement, on: FollowEvents): () => void {
  return followReference(term, card, () => {
    // A detached term sits at 0, 0: follow the new one rather than that.
    if (term.contextElement && !term.contextElement.isConnected) {
      on.detached();
      return false;
    }
    const rect = term.getBoundingClientRect();
    on.measured(rect);
    if (rect.bottom < 0 || rect.top > window.innerHeight) {
      card.style.setProperty('visibility', 'hidden');
      on.offscreen();
      return false;
    }
    card.style.removeProperty('visibility');
  });
}
