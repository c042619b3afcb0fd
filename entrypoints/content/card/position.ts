/**
 * Keeps the card beside its term (lib/placement: never over the term's line
 * nor the next, always whole in the viewport) while the page scrolls,
 * resizes or moves the term; hides it while the term is out of view.
 */
import { followReference, type VirtualReference } from '@/lib/placement';

export interface FollowEvents {
  /** Whether the term's text is still on the page (else it is looked for again). */
  present(): boolean;
  /** The term's text changed (the page rendered it anew): find it again. */
  detached(): void;
  /** Where the term was measured last. */
  measured(rect: DOMRect): void;
  /** The term scrolled out of view (the card is hidden until it comes back). */
  offscreen(): void;
}

/** Follows `term` (a virtual element: its range's rects, the element it sits in) with `card` until the returned function is called. */
export function followTerm(term: VirtualReference, card: HTMLElement, on: FollowEvents): () => void {
  return followReference(term, card, () => {
    // A term whose text is gone has no place: follow the new one rather than that.
    if (!on.present()) {
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
