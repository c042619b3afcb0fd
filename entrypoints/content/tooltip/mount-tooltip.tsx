/**
 * The in-page card: one Preact UI in a closed shadow root, opened from the
 * extension's own highlighted terms by the reader's hover, Tab focus, click
 * or the keyboard shortcut, positioned with floating-ui. Its notes section is
 * the extension's notes frame. The shadow host exists only while a card is
 * open, so a page without an open card carries no trace of it.
 */
import { render } from 'preact';
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ConceptView } from '@/lib/corpus/concept-view';
import { isOwnMark } from '@/lib/highlight/wrap';
import type { FromFrame } from '@/lib/frame-protocol';
import { t } from '@/lib/i18n';
import cardCss from '@/components/card/card.css?inline';
import { CARD_HEADING_ID, TooltipApp, type TooltipView } from './TooltipApp';
import { HoverIntent } from './hover-intent';
import { createUiLayer } from '../ui-layer';
import { createNotesFrame, FrameSlot, type NotesFrame } from '../notes-frame';

export interface TooltipDeps {
  concept(conceptId: string): Promise<ConceptView>;
  onNotesChanged(listener: (conceptIds: string[]) => void): () => void;
  glossaryUrl(conceptId: string): string;
}

export interface TooltipController {
  open(mark: HTMLElement, opts?: { pin?: boolean }): void;
  /** Finds the card's term again after the highlighter re-wrapped it (call when highlights change). */
  reanchor(): void;
  /** While the reader writes a passage note: no hover card opens (and an open one goes). */
  hold(on: boolean): void;
  close(): void;
  destroy(): void;
}

const MARK_SELECTOR = 'al-mark[data-concept-id]';
const CARD_ID = 'alliance-lens-card';
const FOCUSABLE = 'button, [href], input, textarea, select, summary, iframe, [tabindex]:not([tabindex="-1"])';
/**
 * The notes frame's height: fixed for each state of the card (a hover card's
 * compact strip, a pinned card's list and editor), never from the notes, so
 * nothing about them shows in the card's size.
 */
const NOTES_HEIGHT = { hover: 64, pinned: 250 } as const;

/** The extension's own mark an element is (or is in): look-alikes a page planted never open a card. */
function ownMarkOf(el: Element | null): HTMLElement | null {
  const mark = el?.closest<HTMLElement>(MARK_SELECTOR) ?? null;
  return mark && isOwnMark(mark) ? mark : null;
}

/** The first piece of the mention a mark belongs to (a mention split by inline tags has several). */
function mentionStart(mark: HTMLElement): HTMLElement {
  return mentionPieces(mark)[0] ?? mark;
}

/** Our marks of the mention a mark belongs to, in document order. */
function mentionPieces(mark: HTMLElement): HTMLElement[] {
  const id = mark.dataset.alMention;
  const root = mark.getRootNode() as Document | ShadowRoot;
  const pieces = id ? [...root.querySelectorAll<HTMLElement>(`${MARK_SELECTOR}[data-al-mention="${CSS.escape(id)}"]`)] : [];
  return pieces.filter(isOwnMark);
}

/** The mention's text as the page writes it, its pieces joined ("NCG", "핵협의그룹"). */
function mentionText(start: HTMLElement): string {
  const pieces = mentionPieces(start);
  return (pieces.length ? pieces : [start]).map((p) => p.textContent ?? '').join('').replace(/\s+/g, ' ').trim();
}

/** How far (px) a term may have moved when its text is wrapped again and still be taken for the same term. */
const REWRAP_TOLERANCE = 48;

/**
 * The mark that now shows the term `mark` showed: the highlighter wraps a
 * paragraph again when the page changes it, and the old element leaves the
 * page. The same concept's mark nearest to where the term was is the term.
 */
function rewrapped(mark: HTMLElement, root: Document | ShadowRoot, lastRect: DOMRect): HTMLElement | null {
  let best: HTMLElement | null = null;
  let bestDistance = REWRAP_TOLERANCE;
  for (const candidate of root.querySelectorAll<HTMLElement>(`${MARK_SELECTOR}[data-concept-id="${CSS.escape(mark.dataset.conceptId ?? '')}"]`)) {
    if (!isOwnMark(candidate)) continue;
    const rect = candidate.getBoundingClientRect();
    const distance = Math.hypot(rect.left - lastRect.left, rect.top - lastRect.top);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best && mentionStart(best);
}

function markOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? ownMarkOf(target) : null;
}

/** The mark an event happened on, also inside a page's open shadow root (where `target` is the host). */
const markOfEvent = (e: Event) => markOf(e.composedPath()[0] ?? e.target);

export async function mountTooltip(ctx: ContentScriptContext, deps: TooltipDeps): Promise<TooltipController> {
  let frame: NotesFrame | null = null;
  const layer = createUiLayer(ctx, cardCss, () => !!frame?.holdsDraft());
  let mark: HTMLElement | null = null;
  /** The document or shadow root the card's term is in, and where the term was last seen. */
  let markRoot: Document | ShadowRoot | null = null;
  let markRect: DOMRect | null = null;
  let view: TooltipView | null = null;
  let concept: ConceptView | null = null;
  let stopAutoUpdate: (() => void) | null = null;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  const isInUi = (node: EventTarget | null) => layer.contains(node);

  function setDescribedBy(on: boolean) {
    if (!mark) return;
    if (on) mark.setAttribute('aria-describedby', CARD_ID);
    else mark.removeAttribute('aria-describedby');
  }

  async function show(target: HTMLElement, pin: boolean) {
    const start = mentionStart(target);
    const conceptId = start.dataset.conceptId;
    if (!conceptId) return;
    if (mark && mark !== start) setDescribedBy(false);
    const data = await deps.concept(conceptId);
    mark = start;
    markRoot = start.getRootNode() as Document | ShadowRoot;
    markRect = start.getBoundingClientRect();
    view = { conceptId, pinned: pin, history: [], term: mentionText(start) };
    concept = data;
    paint();
    setDescribedBy(!pin);
    position();
    if (pin) focusCard();
  }

  function onFrameMessage(message: FromFrame) {
    if (message.type === 'pin') pin(false);
    else if (message.type === 'close') closeAndReturn();
    else if (message.type === 'tab-out') {
      const items = cardItems().filter((el) => el !== frame?.element);
      (message.backwards ? items.at(-1) : items[0])?.focus();
    }
  }

  function paint() {
    if (!view || !concept) return;
    const root = layer.open();
    frame ??= createNotesFrame(t('card_yourNotes'), onFrameMessage);
    frame.show({ type: 'concept', conceptId: concept.concept.id, conceptName: concept.concept.name, pinned: view.pinned });
    const pinned = view.pinned;
    render(
      <div
        id={CARD_ID}
        class="floating"
        role={pinned ? 'dialog' : 'tooltip'}
        aria-modal={pinned ? 'false' : undefined}
        aria-labelledby={CARD_HEADING_ID}
        onPointerEnter={() => intent.enterCard()}
        onPointerLeave={() => intent.leave()}
        onKeyDown={onCardKeyDown}
      >
        <TooltipApp
          view={view}
          concept={concept}
          dark={dark}
          notes={<FrameSlot frame={frame} height={pinned ? NOTES_HEIGHT.pinned : NOTES_HEIGHT.hover} />}
          glossaryUrl={deps.glossaryUrl}
          onNavigate={(id) => void navigate(id)}
          onClose={() => close(true)}
          onPin={() => pin(true)}
        />
      </div>,
      root,
    );
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
    if (!mark || mark.isConnected || !view) return;
    const again = markRoot && markRect && rewrapped(mark, markRoot, markRect);
    if (again) {
      mark = again;
      setDescribedBy(!view.pinned);
      position();
    } else if (view.pinned) {
      // The term is gone; a pinned card (perhaps holding a draft) stays where it is.
      stopAutoUpdate?.();
      stopAutoUpdate = null;
    } else close(false);
  }

  function floatingEl(): HTMLElement | null {
    return layer.byId(CARD_ID);
  }

  function cardItems(): HTMLElement[] {
    return [...(floatingEl()?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => !(el as HTMLButtonElement).disabled);
  }

  function position() {
    stopAutoUpdate?.();
    const floating = floatingEl();
    if (!mark || !floating) return;
    const reference = mark;
    stopAutoUpdate = autoUpdate(reference, floating, () => {
      // A term wrapped again is a new element: follow it rather than the detached one (which sits at 0, 0).
      if (!reference.isConnected) return reanchor();
      markRect = reference.getBoundingClientRect();
      void computePosition(reference, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          flip({ fallbackPlacements: ['top-start', 'bottom-end', 'top-end'] }),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply({ availableHeight, elements }) {
              elements.floating.style.setProperty('max-height', `${Math.max(160, Math.min(480, availableHeight))}px`);
            },
          }),
        ],
      }).then(({ x, y }) => {
        floating.style.setProperty('left', `${x}px`);
        floating.style.setProperty('top', `${y}px`);
        // Scrolled away: a hover card goes; a pinned card waits out of sight.
        const rect = reference.getBoundingClientRect();
        if (rect.bottom < 0 || rect.top > window.innerHeight) {
          if (view && !view.pinned) close(false);
          else floating.style.setProperty('visibility', 'hidden');
        } else floating.style.removeProperty('visibility');
      });
    });
  }

  function focusCard() {
    requestAnimationFrame(() => {
      const first = floatingEl()?.querySelector<HTMLElement>(FOCUSABLE);
      first?.focus();
    });
  }

  /** Pins the card; `focus` moves focus to it (not when the reader is already at work in the notes frame). */
  function pin(focus: boolean) {
    if (!view) return;
    intent.pinned = true;
    view = { ...view, pinned: true };
    setDescribedBy(false);
    paint();
    if (focus) focusCard();
  }

  function close(returnFocus: boolean) {
    stopAutoUpdate?.();
    stopAutoUpdate = null;
    const wasPinned = view?.pinned;
    setDescribedBy(false);
    view = null;
    concept = null;
    frame = null;
    layer.remove();
    const previous = mark;
    mark = null;
    intent.pinned = false;
    if (returnFocus && wasPinned) returnFocusTo(previous);
  }

  /** Gives focus back to the term (focus from script never opens a card). */
  function returnFocusTo(target: HTMLElement | null) {
    tabbedAt = -Infinity;
    if (target?.isConnected) target.focus({ preventScroll: true });
  }

  /** Escape, or Close in the notes frame: the card goes and focus returns to its term. */
  function closeAndReturn() {
    if (!view) return;
    const previous = mark;
    const wasPinned = view.pinned;
    if (previous) dismissedRects.set(previous, previous.getBoundingClientRect());
    intent.dismiss();
    if (wasPinned) returnFocusTo(previous);
  }

  function onCardKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Tab' || !view?.pinned) return;
    // The pinned card is a dialog: Tab cycles through its controls and the notes frame (which hands Tab back at its ends).
    const items = cardItems();
    if (!items.length) return;
    const index = items.indexOf(layer.activeElement() as HTMLElement);
    const into = (el: HTMLElement, at: 'first' | 'last') => (el === frame?.element ? frame.focus(at) : el.focus());
    if (e.shiftKey && index <= 0) {
      e.preventDefault();
      into(items.at(-1)!, 'last');
    } else if (!e.shiftKey && index === items.length - 1) {
      e.preventDefault();
      into(items[0]!, 'first');
    }
  }

  /** Where terms were when the reader dismissed their card: the page may wrap a term again (a new element) under a still pointer. */
  const dismissedRects = new WeakMap<HTMLElement, DOMRect>();
  const rectOf = (el: HTMLElement) => (el.isConnected ? el.getBoundingClientRect() : dismissedRects.get(el));
  const intent = new HoverIntent<HTMLElement>({
    open: (target) => void show(target, intent.pinned),
    close: () => close(false),
    same(a, b) {
      const [ra, rb] = [rectOf(a), rectOf(b)];
      return a.dataset.conceptId === b.dataset.conceptId && !!ra && !!rb && Math.hypot(ra.left - rb.left, ra.top - rb.top) < REWRAP_TOLERANCE;
    },
  });

  // Only the reader's own input drives the card: synthetic events from page scripts are ignored,
  // and focus opens a card only right after the reader pressed Tab (focus() from a script does not).
  /** When the reader last pressed Tab here; focus moved by that press follows within a frame or two. */
  let tabbedAt = -Infinity;
  const TAB_FOCUS_MS = 250;
  const listen = <K extends keyof DocumentEventMap>(type: K, handler: (e: DocumentEventMap[K]) => void) =>
    ctx.addEventListener(document, type, (e) => {
      if (e.isTrusted) handler(e);
    }, { capture: true });

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
    if (isInUi(to) || (markOf(to) && mentionStart(markOf(to)!) === mark)) return;
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
    if (view?.pinned && !isInUi(e.target)) {
      intent.hide();
    }
  });
  listen('keydown', (e) => {
    tabbedAt = e.key === 'Tab' ? performance.now() : -Infinity;
    if (e.key === 'Escape') closeAndReturn();
    // Enter (or Space) on a highlight the reader tabbed to pins its card, as a click does.
    const m = (e.key === 'Enter' || e.key === ' ') && markOfEvent(e);
    if (m && !m.closest('a[href]')) {
      e.preventDefault();
      intent.show(mentionStart(m), true);
    }
  });

  const stopNotes = deps.onNotesChanged((conceptIds) => frame?.notesChanged(conceptIds));

  return {
    open(target, opts) {
      intent.show(mentionStart(target), !!opts?.pin);
    },
    reanchor,
    hold(on) {
      intent.held = on;
      if (on && view && !view.pinned) intent.hide();
    },
    close() {
      intent.hide();
      close(false);
    },
    destroy() {
      stopNotes();
      // An unsent draft outlives the script: the card stays, anchored where it is, until the reader closes it.
      if (frame?.holdsDraft()) {
        stopAutoUpdate?.();
        return;
      }
      intent.hide();
      close(false);
    },
  };
}
