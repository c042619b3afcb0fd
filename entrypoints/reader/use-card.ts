/**
 * When the reader's concept card opens and closes: on hover (after a short
 * delay), on focus, pinned by a click or Enter; closed by Escape wherever
 * focus is, and when the pointer leaves an unpinned card.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { onAbort } from '@/lib/abort';
import { describePdfMention } from '@/lib/pdf/note-context';
import type { CardState } from './ReaderCard';
import type { OpenDoc, ReaderDocument } from './use-document';
import { HOVER_CLOSE_MS, HOVER_OPEN_MS } from '@/lib/placement';

export function useCard(pages: RefObject<HTMLElement | null>, doc: OpenDoc | null) {
  const [card, setCard] = useState<CardState | null>(null);
  const cardRef = useRef(card);
  cardRef.current = card;
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The mark focus is being returned to: that focus must not reopen the card just closed. */
  const refocusing = useRef<HTMLElement | null>(null);

  /** The mention's first mark (the one that takes focus) for an event on any piece of it. */
  function mentionAt(target: EventTarget | null): HTMLElement | null {
    const mark = (target as Element | null)?.closest?.<HTMLElement>('.al-pdf-mark');
    if (!mark) return null;
    return pages.current?.querySelector<HTMLElement>(`.al-pdf-mark[data-al-mention="${mark.dataset.alMention}"][tabindex]`) ?? mark;
  }
  const show = (mark: HTMLElement, pinned: boolean) => setCard({ mark, view: { conceptId: mark.dataset.conceptId!, pinned, history: [] } });
  const close = (refocus?: boolean) => {
    const mark = cardRef.current?.mark;
    setCard(null);
    if (refocus && mark) {
      refocusing.current = mark;
      mark.focus();
    }
  };
  const scheduleClose = () => {
    clearTimeout(hoverTimer.current);
    hoverTimer.current = setTimeout(() => {
      if (!cardRef.current?.view.pinned) setCard(null);
    }, HOVER_CLOSE_MS);
  };

  /** What a concept note written on the pinned card's own mention records of where it was written (as on web pages). */
  const source = useMemo(() => {
    if (!card || !doc || !card.view.pinned || card.mark.dataset.conceptId !== card.view.conceptId) return undefined;
    const pageIndex = Number(card.mark.closest<HTMLElement>('.pdf-page')?.dataset.pageIndex);
    const mention = doc.text.mentions(pageIndex).find((m) => m.start === Number(card.mark.dataset.start));
    return mention && describePdfMention(doc.text, doc.fingerprint, doc.title, pageIndex, mention, doc.origin);
  }, [card, doc]);

  return {
    card,
    source,
    setCard,
    show,
    close,
    /** The card's own pointer: inside it, an unpinned card stays; leaving it, the card goes after a grace period. */
    onEnter: () => clearTimeout(hoverTimer.current),
    onLeave: () => !cardRef.current?.view.pinned && scheduleClose(),
    /**
     * Escape closes the card wherever focus is (the card handles it itself when focus is inside);
     * so does a new document.
     */
    start(signal: AbortSignal, reading: ReaderDocument) {
      reading.onOpen(signal, () => setCard(null));
      const onEscape = (e: KeyboardEvent) => {
        if (e.key === 'Escape' && cardRef.current) close(true);
      };
      document.addEventListener('keydown', onEscape);
      onAbort(signal, () => {
        document.removeEventListener('keydown', onEscape);
        clearTimeout(hoverTimer.current);
      });
    },
    /** Handlers for the pages' element: hover, focus, click and Enter on a mention. */
    mentionEvents: {
      onPointerOver(e: PointerEvent) {
        const mark = mentionAt(e.target);
        if (!mark) return;
        clearTimeout(hoverTimer.current);
        if (cardRef.current?.view.pinned) return;
        hoverTimer.current = setTimeout(() => !cardRef.current?.view.pinned && show(mark, false), HOVER_OPEN_MS);
      },
      onPointerOut: (e: PointerEvent) => mentionAt(e.target) && !cardRef.current?.view.pinned && scheduleClose(),
      onFocusIn(e: FocusEvent) {
        const mark = mentionAt(e.target);
        if (mark === refocusing.current) refocusing.current = null;
        else if (mark && !cardRef.current?.view.pinned) show(mark, false);
      },
      onClick(e: MouseEvent) {
        const mark = mentionAt(e.target);
        if (!mark || getSelection()?.isCollapsed === false) return;
        clearTimeout(hoverTimer.current);
        show(mark, true);
      },
      onKeyDown(e: KeyboardEvent) {
        const mark = mentionAt(e.target);
        if (mark && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          show(mark, true);
        }
      },
    },
  };
}

export type ReaderCardControl = ReturnType<typeof useCard>;
