/**
 * Keeps the card beside its term (floating-ui) while the page scrolls, resizes
 * or moves the term; hides it while the term is out of view.
 */
import { autoUpdate, computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';

/** Tall enough for a pinned card with its notes and More closed; taller cards scroll inside. */
const MAX_CARD_HEIGHT = 600;

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

/** Follows `term` with `card` until the returned function is called. */
export function followTerm(term: VirtualElement, card: HTMLElement, on: FollowEvents): () => void {
  return autoUpdate(term, card, () => {
    // A term whose text is gone has no place: follow the new one rather than that.
    if (!on.present()) return on.detached();
    on.measured(DOMRect.fromRect(term.getBoundingClientRect()));
    void computePosition(term, card, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ fallbackPlacements: ['top-start', 'bottom-end', 'top-end'] }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight, elements }) {
            elements.floating.style.setProperty('max-height', `${Math.max(160, Math.min(MAX_CARD_HEIGHT, availableHeight))}px`);
          },
        }),
      ],
    }).then(({ x, y }) => {
      card.style.setProperty('left', `${x}px`);
      card.style.setProperty('top', `${y}px`);
      const rect = term.getBoundingClientRect();
      if (rect.bottom < 0 || rect.top > window.innerHeight) {
        card.style.setProperty('visibility', 'hidden');
        on.offscreen();
      } else card.style.removeProperty('visibility');
    });
  });
}
