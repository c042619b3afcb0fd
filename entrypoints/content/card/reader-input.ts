/**
 * The reader's input on the page (pointer, focus, keys), turned into the
 * card's hover intent. Only the reader's own input drives the card: synthetic
 * events from page scripts are ignored, and focus opens a card only right after
 * the reader pressed Tab (focus() from a script does not).
 */
import type { HoverIntent } from './hover-intent';
import { markOf, markOfEvent, mentionStart } from './mention';

/** Focus moved by a Tab press follows it within a frame or two. */
const TAB_FOCUS_MS = 250;

export interface CardInputs {
  intent: HoverIntent<HTMLElement>;
  /** Whether a node belongs to the card's layer. */
  isInUi(node: EventTarget | null): boolean;
  /** The first piece of the term whose card is open, if any. */
  shownTerm(): HTMLElement | null;
  /** Whether an open card is pinned. */
  shownPinned(): boolean;
  /** Escape: the card goes, and stays closed while the pointer stays on its term. */
  dismiss(): void;
}

/** Listens until `signal` aborts. `forgetTab` makes the next focus not the reader's (focus given back by script). */
export function routeReaderInput(signal: AbortSignal, card: CardInputs): { forgetTab(): void } {
  const { intent, isInUi } = card;
  /** When the reader last pressed Tab here. */
  let tabbedAt = -Infinity;
  const listen = <K extends keyof DocumentEventMap>(type: K, handler: (e: DocumentEventMap[K]) => void) =>
    document.addEventListener(type, (e) => {
      if (e.isTrusted) handler(e);
    }, { capture: true, signal });

  listen('pointerover', (e) => {
    if (isInUi(e.target)) return intent.enterCard();
    const m = markOfEvent(e);
    if (m) intent.enterTerm(mentionStart(m));
  });
  listen('pointerout', (e) => {
    const fromMark = markOfEvent(e);
    const to = e.relatedTarget;
    const toMark = markOf(to);
    if (fromMark && !(toMark && mentionStart(toMark) === mentionStart(fromMark))) intent.leaveTerm(mentionStart(fromMark));
    const from = fromMark ?? (isInUi(e.target) ? (e.target as Element) : null);
    if (!from) return;
    if (isInUi(to) || (toMark && mentionStart(toMark) === card.shownTerm())) return;
    intent.leave();
  });
  listen('focusin', (e) => {
    // One Tab press moves focus once: a later focus (maybe from script) is not the reader's.
    const viaTab = performance.now() - tabbedAt < TAB_FOCUS_MS;
    tabbedAt = -Infinity;
    const m = markOfEvent(e);
    if (m && viaTab && !intent.pinned) intent.show(mentionStart(m));
  });
  listen('pointerdown', () => {
    tabbedAt = -Infinity;
  });
  listen('focusout', (e) => {
    // Tab into the card or its notes frame: the keys that follow are the frame's, not the page's.
    if (isInUi(e.relatedTarget)) tabbedAt = -Infinity;
    if (!markOfEvent(e) || intent.pinned || isInUi(e.relatedTarget)) return;
    intent.hide();
  });
  listen('click', (e) => {
    const m = markOfEvent(e);
    if (m && !m.closest('a[href]')) {
      intent.show(mentionStart(m), true);
      return;
    }
    if (card.shownPinned() && !isInUi(e.target)) intent.hide();
  });
  listen('keydown', (e) => {
    tabbedAt = e.key === 'Tab' ? performance.now() : -Infinity;
    if (e.key === 'Escape') card.dismiss();
    // Enter (or Space) on a highlight the reader tabbed to pins its card, as a click does.
    const m = (e.key === 'Enter' || e.key === ' ') && markOfEvent(e);
    if (m && !m.closest('a[href]')) {
      e.preventDefault();
      intent.show(mentionStart(m), true);
    }
  });

  return {
    forgetTab() {
      tabbedAt = -Infinity;
    },
  };
}
