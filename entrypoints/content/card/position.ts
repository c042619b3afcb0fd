/**
 * Keeps the card beside its term (floating-ui) while the page scrolls, resizes
 * or moves the term; hides it while the term is out of view.
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';

/** Tall enough for a pinned card with its notes and More closed; taller cards scroll inside. */
const MAX_CARD_HEIGHT = 600;

export interface FollowEvents {
  /** The term left the page (the highlighter wrapped it again, a new element): find it again. */
  detached(): void;
  /** Where the term was measured last. */
  measured(rect: DOMRect): void;
  /** The term scrolled out of view (the card is hidden until it comes back). */
  offscreen(): void;
}

/** Follows `term` with `card` until the returned function is called. */
export function followTerm(term: HTMLElement, card: HTMLElement, on: FollowEvents): () => void {
  return autoUpdate(term, card, () => {
    // A detached term sits at 0, 0: follow the new one rather than that.
    if (!term.isConnected) return on.detached();
    on.measured(term.getBoundingClientRect());
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
