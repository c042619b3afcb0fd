/**
 * The in-page card: one Preact UI in a shadow root, opened from highlighted
 * terms by hover, focus, click or the keyboard shortcut, positioned with
 * floating-ui. The shadow host exists only while a card is open, so a page
 * without an open card carries no trace of it.
 */
import { render } from 'preact';
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ConceptNotes, ConceptView } from '@/lib/messages';
import type { Note, NoteDraft } from '@/lib/notes/model';
import cardCss from '@/components/card/card.css?inline';
import { CARD_HEADING_ID, TooltipApp, type TooltipView } from './TooltipApp';
import { HoverIntent } from './hover-intent';
import { createUiLayer } from '../ui-layer';

export interface TooltipDeps {
  concept(conceptId: string): Promise<ConceptView>;
  notes: { forConcept(conceptId: string): Promise<ConceptNotes>; save(draft: NoteDraft): Promise<Note> };
  onNotesChanged(listener: (conceptIds: string[]) => void): () => void;
  glossaryUrl(conceptId: string): string;
}

export interface TooltipController {
  open(mark: HTMLElement, opts?: { pin?: boolean }): void;
  /** Finds the card's term again after the highlighter re-wrapped it (call when highlights change). */
  reanchor(): void;
  close(): void;
  destroy(): void;
}

const MARK_SELECTOR = 'al-mark[data-concept-id]';
const CARD_ID = 'alliance-lens-card';
const FOCUSABLE = 'button, [href], input, textarea, select, summary, [tabindex]:not([tabindex="-1"])';

/** The first piece of the mention a mark belongs to (a mention split by inline tags has several). */
function mentionStart(mark: HTMLElement): HTMLElement {
  const id = mark.dataset.alMention;
  const root = mark.getRootNode() as Document | ShadowRoot;
  return (id && root.querySelector<HTMLElement>(`${MARK_SELECTOR}[data-al-mention="${CSS.escape(id)}"]`)) || mark;
}

/** The mention's text as the page writes it, its pieces joined ("NCG", "핵협의그룹"). */
function mentionText(start: HTMLElement): string {
  const id = start.dataset.alMention;
  const root = start.getRootNode() as Document | ShadowRoot;
  const pieces = id ? [...root.querySelectorAll<HTMLElement>(`${MARK_SELECTOR}[data-al-mention="${CSS.escape(id)}"]`)] : [start];
  return pieces.map((p) => p.textContent ?? '').join('').replace(/\s+/g, ' ').trim();
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
    const rect = candidate.getBoundingClientRect();
    const distance = Math.hypot(rect.left - lastRect.left, rect.top - lastRect.top);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best && mentionStart(best);
}

function markOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>(MARK_SELECTOR) : null;
}

/** The mark an event happened on, also inside a page's open shadow root (where `target` is the host). */
const markOfEvent = (e: Event) => markOf(e.composedPath()[0] ?? e.target);

export async function mountTooltip(ctx: ContentScriptContext, deps: TooltipDeps): Promise<TooltipController> {
  const layer = createUiLayer(ctx, cardCss);
  let mark: HTMLElement | null = null;
  /** The document or shadow root the card's term is in, and where the term was last seen. */
  let markRoot: Document | ShadowRoot | null = null;
  let markRect: DOMRect | null = null;
  let view: TooltipView | null = null;
  let initialConcept: ConceptView | null = null;
  let notesVersion = 0;
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
    initialConcept = data;
    await paint();
    setDescribedBy(!pin);
    position();
    if (pin) focusCard();
  }

  async function paint() {
    if (!view) return;
    const root = await layer.open();
    if (!view) return;
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
          loadConcept={deps.concept}
          initialConcept={initialConcept}
          dark={dark}
          notesVersion={notesVersion}
          loadNotes={deps.notes.forConcept}
          saveNote={deps.notes.save}
          glossaryUrl={deps.glossaryUrl}
          onNavigate={(id) => {
            if (!view) return;
            view = id === null ? { ...view, conceptId: view.history.at(-1) ?? view.conceptId, history: view.history.slice(0, -1) } : { ...view, conceptId: id, history: [...view.history, view.conceptId] };
            void paint();
          }}
          onClose={() => close(true)}
          onPin={() => pin()}
        />
      </div>,
      root,
    );
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
    return layer.shadow()?.getElementById(CARD_ID) ?? null;
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

  function pin() {
    if (!view) return;
    intent.pinned = true;
    view = { ...view, pinned: true };
    setDescribedBy(false);
    void paint();
    focusCard();
  }

  function close(returnFocus: boolean) {
    stopAutoUpdate?.();
    stopAutoUpdate = null;
    const wasPinned = view?.pinned;
    setDescribedBy(false);
    view = null;
    layer.remove();
    const previous = mark;
    mark = null;
    intent.pinned = false;
    if (returnFocus && wasPinned) returnFocusTo(previous);
  }

  /** Gives focus back to the term without re-opening its card. */
  let returningFocus = false;
  function returnFocusTo(target: HTMLElement | null) {
    if (!target?.isConnected) return;
    returningFocus = true;
    target.focus({ preventScroll: true });
    returningFocus = false;
  }

  function onCardKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Tab' || !view?.pinned) return;
    // The pinned card is a dialog: Tab cycles through its controls.
    const items = [...(floatingEl()?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => !(el as HTMLButtonElement).disabled);
    if (!items.length) return;
    const active = layer.shadow()?.activeElement;
    const index = items.indexOf(active as HTMLElement);
    if (e.shiftKey && index <= 0) {
      e.preventDefault();
      items.at(-1)!.focus();
    } else if (!e.shiftKey && index === items.length - 1) {
      e.preventDefault();
      items[0]!.focus();
    }
  }

  const intent = new HoverIntent<HTMLElement>({
    open: (target) => void show(target, intent.pinned),
    close: () => close(false),
  });

  // Only the reader's own input drives the card: synthetic events from page scripts are ignored.
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
    const from = markOfEvent(e) ?? (isInUi(e.target) ? (e.target as Element) : null);
    if (!from) return;
    const to = e.relatedTarget;
    if (isInUi(to) || (markOf(to) && mentionStart(markOf(to)!) === mark)) return;
    intent.leave();
  });
  listen('focusin', (e) => {
    const m = markOfEvent(e);
    if (m && !intent.pinned && !returningFocus) intent.show(mentionStart(m));
  });
  listen('focusout', (e) => {
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
    if (e.key === 'Escape' && view) {
      const previous = mark;
      const wasPinned = view.pinned;
      intent.hide();
      if (wasPinned) returnFocusTo(previous);
    }
  });

  const stopNotes = deps.onNotesChanged((conceptIds) => {
    notesVersion++;
    if (view && (conceptIds.length === 0 || conceptIds.includes(view.conceptId))) void paint();
  });

  return {
    open(target, opts) {
      intent.show(mentionStart(target), !!opts?.pin);
    },
    reanchor,
    close() {
      intent.hide();
      close(false);
    },
    destroy() {
      stopNotes();
      // An unsent draft outlives the script: the card stays, anchored where it is, until the reader closes it.
      if (layer.holdsDraft()) {
        stopAutoUpdate?.();
        return;
      }
      intent.hide();
      close(false);
    },
  };
}
