/**
 * The in-page card: one Preact UI in the extension's layer, opened on the
 * highlighter's mentions by the reader's hover, click or the keyboard
 * shortcut, with a focus ring drawn round its term (the term itself is the
 * page's text, untouched). Its notes section is the extension's notes frame.
 * This file holds the card's state and wires the modules beside it: mention
 * and term (the card's term), reader-input (events → hover intent),
 * position, focus-trap and render-card.
 */
import type { ConceptView } from '@/lib/corpus/concept-view';
import type { FromFrame } from '@/lib/frame-protocol';
import type { ConceptSource } from '@/lib/notes/model';
import { describeMention } from '@/lib/anchoring/anchor';
import { pageUrlOf } from '@/lib/page-url';
import { t } from '@/lib/i18n';
import { onAbort } from '@/lib/abort';
import type { Highlighter, Mention } from '@/lib/highlight/highlighter';
import type { CardView } from '@/components/card/CardApp';
import { HoverIntent } from './hover-intent';
import { mentionRect, mentionText, sameTerm } from './mention';
import { CardTerm } from './term';
import { routeReaderInput } from './reader-input';
import { followTerm } from './position';
import { focusTrap } from './focus-trap';
import { CARD_ID, renderCard } from './render-card';
import type { UiLayer } from '../ui-layer';
import { drawBoxes } from '../boxes';
import { createNotesFrame, type NotesFrame } from '../notes-frame';
import type { OnNotesChanged } from '../notes-changes';

export interface CardDeps {
  layer: UiLayer;
  concept(conceptId: string): Promise<ConceptView>;
  onNotesChanged: OnNotesChanged;
  glossaryUrl(conceptId: string): string;
  /** The card finds its term under the pointer, and again after the page re-renders it. */
  highlighter: Pick<Highlighter, 'onChange' | 'mentions' | 'mentionAt'>;
}

export interface CardController {
  /** Opens the card of a mention: pinned (a dialog, focused), or from the keyboard shortcut (Enter then pins it). */
  open(mention: Mention, opts?: { pin?: boolean; keyboard?: boolean }): void;
  /** While the reader writes a passage note: no hover card opens (and an open one goes). */
  hold(on: boolean): void;
  close(): void;
  /** Whether the card's notes frame holds text the reader has not saved. */
  holdsDraft(): boolean;
}

/** The card until `signal` aborts. */
export function initCard(signal: AbortSignal, deps: CardDeps): CardController {
  const { layer } = deps;
  let frame: NotesFrame | null = null;
  let term: CardTerm | null = null;
  let view: CardView | null = null;
  let concept: ConceptView | null = null;
  let stopFollowing: (() => void) | null = null;
  /** Opened by the next/previous shortcut and not pinned yet: Enter pins it. */
  let fromKeyboard = false;
  /** The page's element that had focus when the card took it: focus goes back there on Escape. */
  let returnTo: Element | null = null;
  /** Whether the notes frame shows its editor: the frame's height follows it. */
  let editing = false;
  /** Where a note written on this card's term was written (worked out once the card is pinned). */
  let source: { of: Mention; value: ConceptSource | undefined } | null = null;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  const cardElement = () => layer.byId(CARD_ID);
  const focus = focusTrap({ element: cardElement, frame: () => frame, active: () => layer.activeElement(), pinned: () => !!view?.pinned });
  layer.keepWhile(() => !!frame?.holdsDraft());

  /** The focus ring round the term: boxes in the layer, never anything in the page. */
  function drawRing(rects: DOMRect[]) {
    if (!rects.length) return layer.clear('ring');
    drawBoxes(layer.slot('ring'), 'term-ring', rects, { x: 2, y: 1 });
  }

  function takeFocus() {
    if (!layer.contains(document.activeElement)) returnTo = document.activeElement;
    focus.focusFirst();
  }

  async function show(target: Mention, pin: boolean) {
    const data = await deps.concept(target.conceptId);
    term = new CardTerm(target);
    view = { conceptId: target.conceptId, pinned: pin, history: [], term: mentionText(target) };
    concept = data;
    layer.raise();
    paint();
    follow();
    watchCover();
    if (pin) takeFocus();
  }

  /**
   * While the card is open, anything the page shows over it (a popover is above any z-index) puts the card on
   * top again; its notes frame takes no input while it is covered. The header is always in view and square
   * inside the card's rounded corners.
   */
  let coverWatch: AbortController | undefined;
  function watchCover() {
    coverWatch?.abort();
    coverWatch = new AbortController();
    layer.watchCover(() => [...(cardElement()?.querySelectorAll('.card-head') ?? [])], coverWatch.signal);
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
    if (!term || !view?.pinned || term.mention.conceptId !== view.conceptId) return undefined;
    if (source?.of !== term.mention) {
      const range = term.mention.range();
      const selectors = range && describeMention(document.body, range);
      source = {
        of: term.mention,
        value: selectors ? { url: pageUrlOf(document), title: document.title.slice(0, 1000), ...selectors } : undefined,
      };
    }
    return source.value;
  }

  function paint() {
    if (!view || !concept) return;
    // A frame left in a host the page removed is gone: a new one opens with its own handshake.
    if (frame?.element.parentNode && !frame.element.isConnected) frame = null;
    frame ??= createNotesFrame(t('card_yourNotes'), layer, onFrameMessage);
    const noteSource = termSource();
    frame.show({
      type: 'concept',
      conceptId: concept.concept.id,
      conceptName: concept.concept.name,
      pinned: view.pinned,
      ...(noteSource && { source: noteSource }),
    });
    renderCard(layer.slot('card'), {
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
    const next =
      id === null
        ? { ...view, conceptId: view.history.at(-1) ?? view.conceptId, history: view.history.slice(0, -1) }
        : { ...view, conceptId: id, history: [...view.history, view.conceptId] };
    const data = await deps.concept(next.conceptId);
    if (!view) return;
    view = next;
    concept = data;
    paint();
  }

  /** The page changed: the card stays with its term, found again where the page now shows it. */
  function reanchor() {
    if (!term || !view || term.present()) return;
    if (term.refind(deps.highlighter.mentions())) {
      follow();
    } else if (view.pinned) {
      // The term is gone; a pinned card (perhaps holding a draft) stays where it is.
      stopFollowing?.();
      stopFollowing = null;
      drawRing([]);
    } else close(false);
  }

  function follow() {
    stopFollowing?.();
    const card = cardElement();
    if (!term || !card) return;
    const followed = term;
    const reference = followed.reference();
    stopFollowing = followTerm(reference, card, {
      present: () => followed.present(),
      detached: reanchor,
      measured(rect) {
        followed.seenAt(rect);
        drawRing(reference.getClientRects());
      },
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
    fromKeyboard = false;
    view = { ...view, pinned: true };
    paint();
    if (focusIt) takeFocus();
  }

  function close(returnFocus: boolean) {
    if (returnFocus && view?.pinned) giveFocusBack();
    coverWatch?.abort();
    stopFollowing?.();
    stopFollowing = null;
    view = null;
    concept = null;
    frame = null;
    editing = false;
    source = null;
    fromKeyboard = false;
    layer.clear('card');
    drawRing([]);
    term = null;
    intent.pinned = false;
  }

  /**
   * Focus goes back to where the reader was before the card took it, before the card goes: the key that
   * closed it (Escape in the notes frame) must not end in a frame that is no longer there.
   */
  function giveFocusBack() {
    const back = returnTo;
    returnTo = null;
    // Out of the notes frame through a control of the card (blurring a frame leaves focus in it), then out of the card.
    if (layer.activeElement()?.localName === 'iframe') cardElement()?.querySelector('button')?.focus({ preventScroll: true });
    (layer.activeElement() as HTMLElement | null)?.blur();
    if (back instanceof HTMLElement && back !== document.body && back.isConnected && !layer.contains(back))
      back.focus({ preventScroll: true });
  }

  /** Escape, or Close in the notes frame: the card goes and focus returns to the page. */
  function dismiss() {
    if (!view) return;
    if (view.pinned) giveFocusBack();
    if (term) dismissedRects.set(term.mention, term.lastRect());
    intent.dismiss();
  }

  /** Where terms were when the reader dismissed their card: the page may render a term anew under a still pointer. */
  const dismissedRects = new WeakMap<Mention, DOMRect>();
  const rectOf = (m: Mention) => mentionRect(m) ?? dismissedRects.get(m);
  const intent = new HoverIntent<Mention>({
    open: (target) => void show(target, intent.pinned),
    close: () => close(false),
    same: (a, b) => sameTerm(a, b, rectOf),
  });
  routeReaderInput(signal, {
    intent,
    mentionAt: deps.highlighter.mentionAt,
    isInUi: (node) => layer.contains(node),
    shownPinned: () => !!view?.pinned,
    dismiss,
    pinFromKeyboard() {
      if (!fromKeyboard || !view || view.pinned) return false;
      pin(true);
      return true;
    },
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
      intent.show(target, !!opts?.pin);
      fromKeyboard = !!opts?.keyboard && !opts.pin;
    },
    hold(on) {
      intent.held = on;
      if (on && view && !view.pinned) intent.hide();
    },
    close() {
      intent.hide();
      close(false);
    },
    holdsDraft: () => !!frame?.holdsDraft(),
  };
}
