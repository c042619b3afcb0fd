/**
 * The in-page card: one Preact UI in a closed shadow root, opened from the
 * extension's own highlighted terms by the reader's hover, Tab focus, click
 * or the keyboard shortcut. Its notes section is the extension's notes frame.
 * The shadow host exists only while a card is open, so a page without an open
 * card carries no trace of it. This file holds the card's state and wires the
 * modules beside it: mention and term (the card's term), reader-input (events → hover intent),
 * position, focus-trap and render-card.
 */
import type { ConceptView } from '@/lib/corpus/concept-view';
import type { FromFrame } from '@/lib/frame-protocol';
import type { ConceptSource } from '@/lib/notes/model';
import { describeMention } from '@/lib/anchoring/anchor';
import { pageUrlOf } from '@/lib/page-url';
import { t } from '@/lib/i18n';
import { onAbort } from '@/lib/abort';
import type { Highlighter } from '@/lib/highlight/highlighter';
import cardCss from '@/components/card/card.css?inline';
import type { CardView } from '@/components/card/CardApp';
import { HoverIntent } from './hover-intent';
import { mentionPieces, mentionStart, mentionText, sameTerm } from './mention';
import { CardTerm } from './term';
import { routeReaderInput } from './reader-input';
import { followTerm } from './position';
import { elementReference } from '@/lib/placement';
import { focusTrap } from './focus-trap';
import { CARD_ID, renderCard } from './render-card';
import { createUiLayer } from '../ui-layer';
import { createNotesFrame, type NotesFrame } from '../notes-frame';
import type { OnNotesChanged } from '../notes-changes';

export interface CardDeps {
  concept(conceptId: string): Promise<ConceptView>;
  onNotesChanged: OnNotesChanged;
  glossaryUrl(conceptId: string): string;
  /** The card follows its term when the highlighter wraps it again. */
  highlighter: Pick<Highlighter, 'onChange'>;
}

export interface CardController {
  open(mark: HTMLElement, opts?: { pin?: boolean }): void;
  /** While the reader writes a passage note: no hover card opens (and an open one goes). */
  hold(on: boolean): void;
  close(): void;
}

/** The card until `signal` aborts. */
export function initCard(signal: AbortSignal, deps: CardDeps): CardController {
  let frame: NotesFrame | null = null;
  const layer = createUiLayer(signal, cardCss, () => !!frame?.holdsDraft());
  let term: CardTerm | null = null;
  let view: CardView | null = null;
  let concept: ConceptView | null = null;
  let stopFollowing: (() => void) | null = null;
  /** Whether the notes frame shows its editor: the frame's height follows it. */
  let editing = false;
  /** Where a note written on this card's term was written (worked out once the card is pinned). */
  let source: { of: CardTerm; value: ConceptSource | undefined } | null = null;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  const cardElement = () => layer.byId(CARD_ID);
  const focus = focusTrap({ element: cardElement, frame: () => frame, active: () => layer.activeElement(), pinned: () => !!view?.pinned });

  async function show(target: HTMLElement, pin: boolean) {
    const start = mentionStart(target);
    const conceptId = start.dataset.conceptId;
    if (!conceptId) return;
    if (term && term.mark !== start) term.describedByCard(false);
    const data = await deps.concept(conceptId);
    term = new CardTerm(start, CARD_ID);
    view = { conceptId, pinned: pin, history: [], term: mentionText(start) };
    concept = data;
    paint();
    term.describedByCard(!pin);
    follow();
    if (pin) focus.focusFirst();
  }

  function onFrameMessage(message: FromFrame) {
    if (message.type === 'pin') pin(false);
    else if (message.type === 'close') dismiss();
    else if (message.type === 'tab-out') focus.leaveFrame(message.backwards);
    else if (message.type === 'editing' && message.open !== editing) {
      editing = message.open;
      paint();
    }
  }

  /**
   * The page and the sentence around the term, recorded with a note on the term's own concept
   * (none of it is a secret from the page); read once per pinned term, as it reads the page's text.
   */
  function termSource(): ConceptSource | undefined {
    if (!term || !view?.pinned || term.mark.dataset.conceptId !== view.conceptId) return undefined;
    if (source?.of !== term) {
      const pieces = mentionPieces(term.mark);
      const selectors = describeMention(document.body, pieces[0] ?? term.mark, pieces.at(-1) ?? term.mark);
      source = { of: term, value: selectors ? { url: pageUrlOf(document), title: document.title.slice(0, 1000), ...selectors } : undefined };
    }
    return source.value;
  }

  function paint() {
    if (!view || !concept) return;
    const root = layer.open();
    frame ??= createNotesFrame(t('card_yourNotes'), onFrameMessage);
    const noteSource = termSource();
    frame.show({ type: 'concept', conceptId: concept.concept.id, conceptName: concept.concept.name, pinned: view.pinned, ...(noteSource && { source: noteSource }) });
    renderCard(root, {
      view,
      concept,
      dark,
      frame,
      editing,
      glossaryUrl: deps.glossaryUrl,
      onPointerEnter: () => intent.enterCard(),
      onPointerLeave: () => intent.leave(),
      onKeyDown: focus.onKeyDown,
      onNavigate: (id) => void navigate(id),
      onClose: () => close(true),
      onPin: () => pin(true),
    });
  }

  /** A related concept (or back): loaded first, so the card (and its notes frame) is never painted empty. */
  async function navigate(id: string | null) {
    if (!view) return;
    const next = id === null ? { ...view, conceptId: view.history.at(-1) ?? view.conceptId, history: view.history.slice(0, -1) } : { ...view, conceptId: id, history: [...view.history, view.conceptId] };
    const data = await deps.concept(next.conceptId);
    if (!view) return;
    view = next;
    concept = data;
    paint();
  }

  function reanchor() {
    if (!term || term.mark.isConnected || !view) return;
    if (term.refind()) {
      term.describedByCard(!view.pinned);
      follow();
    } else if (view.pinned) {
      // The term is gone; a pinned card (perhaps holding a draft) stays where it is.
      stopFollowing?.();
      stopFollowing = null;
    } else close(false);
  }

  function follow() {
    stopFollowing?.();
    const card = cardElement();
    if (!term || !card) return;
    const followed = term;
    stopFollowing = followTerm(elementReference(followed.mark), card, {
      detached: reanchor,
      measured: (rect) => followed.seenAt(rect),
      // Scrolled away: a hover card goes; a pinned card waits out of sight.
      offscreen() {
        if (view && !view.pinned) close(false);
      },
    });
  }

  /** Pins the card; `focusIt` moves focus to it (not when the reader is already at work in the notes frame). */
  function pin(focusIt: boolean) {
    if (!view) return;
    intent.pinned = true;
    view = { ...view, pinned: true };
    term?.describedByCard(false);
    paint();
    if (focusIt) focus.focusFirst();
  }

  function close(returnFocus: boolean) {
    stopFollowing?.();
    stopFollowing = null;
    const wasPinned = view?.pinned;
    term?.describedByCard(false);
    view = null;
    concept = null;
    frame = null;
    editing = false;
    source = null;
    layer.remove();
    const previous = term?.mark ?? null;
    term = null;
    intent.pinned = false;
    if (returnFocus && wasPinned) returnFocusTo(previous);
  }

  /** Gives focus back to the term (focus from script never opens a card). */
  function returnFocusTo(target: HTMLElement | null) {
    input.forgetTab();
    if (target?.isConnected) target.focus({ preventScroll: true });
  }

  /** Escape, or Close in the notes frame: the card goes and focus returns to its term. */
  function dismiss() {
    if (!view) return;
    const previous = term?.mark ?? null;
    const wasPinned = view.pinned;
    if (previous) dismissedRects.set(previous, previous.getBoundingClientRect());
    intent.dismiss();
    if (wasPinned) returnFocusTo(previous);
  }

  /** Where terms were when the reader dismissed their card: the page may wrap a term again (a new element) under a still pointer. */
  const dismissedRects = new WeakMap<HTMLElement, DOMRect>();
  const rectOf = (el: HTMLElement) => (el.isConnected ? el.getBoundingClientRect() : dismissedRects.get(el));
  const intent = new HoverIntent<HTMLElement>({
    open: (target) => void show(target, intent.pinned),
    close: () => close(false),
    same: (a, b) => sameTerm(a, b, rectOf),
  });
  const input = routeReaderInput(signal, {
    intent,
    isInUi: (node) => layer.contains(node),
    shownTerm: () => term?.mark ?? null,
    shownPinned: () => !!view?.pinned,
    dismiss,
  });

  deps.onNotesChanged(signal, (change) => frame?.notesChanged(change.conceptIds, change.noteId));
  onAbort(signal, deps.highlighter.onChange(reanchor));
  onAbort(signal, () => {
    // An unsent draft outlives the script: the card stays, anchored where it is, until the reader closes it.
    if (frame?.holdsDraft()) return stopFollowing?.();
    intent.hide();
    close(false);
  });

  return {
    open(target, opts) {
      intent.show(mentionStart(target), !!opts?.pin);
    },
    hold(on) {
      intent.held = on;
      if (on && view && !view.pinned) intent.hide();
    },
    close() {
      intent.hide();
      close(false);
    },
  };
}
