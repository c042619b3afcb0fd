/**
 * The reader's input on the page (pointer and keys), turned into the card's
 * hover intent. There are no elements of ours in the page to receive events:
 * the term under the pointer is found by hit-testing the highlighter's
 * mentions (once per frame while the pointer moves). Only the reader's own
 * input drives the card: synthetic events from page scripts are ignored.
 */
import type { Mention } from '@/lib/highlight/highlighter';
import type { HoverIntent } from './hover-intent';

export interface CardInputs {
  intent: HoverIntent<Mention>;
  /** The highlighted mention under a viewport point, if any. */
  mentionAt(x: number, y: number): Mention | null;
  /** Whether a node belongs to the extension's layer. */
  isInUi(node: EventTarget | null): boolean;
  /** Whether an open card is pinned. */
  shownPinned(): boolean;
  /** Escape: the card goes, and stays closed while the pointer stays on its term. */
  dismiss(): void;
  /** Enter: pins a card the shortcut opened (the reader reads it, then takes it in hand); whether it did. */
  pinFromKeyboard(): boolean;
}

type Place = { kind: 'none' } | { kind: 'card' } | { kind: 'term'; mention: Mention };

/** A click on a term inside a link follows the link: the card is for terms in running text. */
const inLink = (mention: Mention) => !!mention.range()?.startContainer.parentElement?.closest('a[href]');

/** Listens until `signal` aborts. */
export function routeReaderInput(signal: AbortSignal, card: CardInputs): void {
  const { intent, isInUi } = card;
  const listen = <K extends keyof DocumentEventMap>(type: K, handler: (e: DocumentEventMap[K]) => void) =>
    document.addEventListener(
      type,
      (e) => {
        if (e.isTrusted) handler(e);
      },
      { capture: true, passive: type !== 'keydown', signal },
    );

  let place: Place = { kind: 'none' };
  let pointer: { x: number; y: number; target: EventTarget | null } | null = null;
  let frame = 0;

  function moveTo(next: Place) {
    const was = place;
    place = next;
    if (was.kind === 'term' && !(next.kind === 'term' && next.mention === was.mention)) intent.leaveTerm(was.mention);
    if (next.kind === 'term') {
      if (was.kind !== 'term' || was.mention !== next.mention) intent.enterTerm(next.mention);
    } else if (next.kind === 'card') intent.enterCard();
    else if (was.kind !== 'none') intent.leave();
  }

  /** Where the pointer is, read once per frame: hit-testing asks the browser for layout. */
  function locate() {
    frame = 0;
    if (!pointer) return moveTo({ kind: 'none' });
    if (isInUi(pointer.target)) return moveTo({ kind: 'card' });
    const mention = card.mentionAt(pointer.x, pointer.y);
    moveTo(mention ? { kind: 'term', mention } : { kind: 'none' });
  }

  listen('pointermove', (e) => {
    pointer = { x: e.clientX, y: e.clientY, target: e.composedPath()[0] ?? e.target };
    frame ||= requestAnimationFrame(locate);
  });
  listen('pointerout', (e) => {
    // The pointer left the window.
    if (e.relatedTarget) return;
    pointer = null;
    frame ||= requestAnimationFrame(locate);
  });
  signal.addEventListener('abort', () => cancelAnimationFrame(frame));
  listen('click', (e) => {
    if (isInUi(e.target)) return;
    const mention = card.mentionAt(e.clientX, e.clientY);
    if (mention && !inLink(mention)) {
      intent.show(mention, true);
      return;
    }
    if (card.shownPinned()) intent.hide();
  });
  listen('keydown', (e) => {
    if (e.key === 'Escape') card.dismiss();
    else if (e.key === 'Enter' && !isInUi(e.target) && card.pinFromKeyboard()) e.preventDefault();
  });
}
