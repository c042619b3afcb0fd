/**
 * The in-page card: one Preact UI in a shadow root, opened from highlighted
 * terms by hover, focus, click or the keyboard shortcut, positioned with
 * floating-ui. The shadow host exists only while a card is open, so a page
 * without an open card carries no trace of it.
 */
import { render } from 'preact';
import { autoUpdate, computePosition, flip, offset, shift, size, hide } from '@floating-ui/dom';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { Corpus } from '@/lib/corpus/schema';
import type { ConceptNotes } from '@/lib/messages';
import type { Note, NoteDraft } from '@/lib/notes/model';
import { t } from '@/lib/i18n';
import cardCss from '@/components/card/card.css?inline';
import { CARD_HEADING_ID, TooltipApp, type TooltipView } from './TooltipApp';
import { HoverIntent } from './hover-intent';

export interface TooltipDeps {
  corpus: Corpus;
  notes: { forConcept(conceptId: string): Promise<ConceptNotes>; save(draft: NoteDraft): Promise<Note> };
  onNotesChanged(listener: (conceptIds: string[]) => void): () => void;
  glossaryUrl(conceptId: string): string;
}

export interface TooltipController {
  open(mark: HTMLElement, opts?: { pin?: boolean }): void;
  close(): void;
  destroy(): void;
}

export const UI_TAG = 'alliance-lens-ui';
const MARK_SELECTOR = 'al-mark[data-concept-id]';
const CARD_ID = 'alliance-lens-card';
const FOCUSABLE = 'button, [href], input, textarea, select, summary, [tabindex]:not([tabindex="-1"])';

/** The first piece of the mention a mark belongs to (a mention split by inline tags has several). */
function mentionStart(mark: HTMLElement): HTMLElement {
  const id = mark.dataset.alMention;
  return (id && mark.ownerDocument.querySelector<HTMLElement>(`${MARK_SELECTOR}[data-al-mention="${CSS.escape(id)}"]`)) || mark;
}

function markOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>(MARK_SELECTOR) : null;
}

export async function mountTooltip(ctx: ContentScriptContext, deps: TooltipDeps): Promise<TooltipController> {
  let ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  let mark: HTMLElement | null = null;
  let view: TooltipView | null = null;
  let notesVersion = 0;
  let stopAutoUpdate: (() => void) | null = null;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cardCss);

  const isInUi = (node: EventTarget | null) => node instanceof Node && !!ui && (node === ui.shadowHost || ui.shadowHost.contains(node));

  async function ensureUi() {
    if (ui) return ui;
    const created = await createShadowRootUi<HTMLElement>(ctx, {
      name: UI_TAG,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      mode: 'open',
      // Keys typed in the note editor must not reach the page's own shortcuts.
      isolateEvents: ['keydown', 'keyup', 'keypress', 'input'],
      onMount(container, shadow, host) {
        // A constructed stylesheet is not subject to the page's CSP (a <style> element can be).
        shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
        host.setAttribute('data-alliance-lens-ui', '');
        host.style.setProperty('position', 'fixed', 'important');
        host.style.setProperty('inset', '0 auto auto 0', 'important');
        host.style.setProperty('width', '0', 'important');
        host.style.setProperty('height', '0', 'important');
        host.style.setProperty('z-index', '2147483647', 'important');
        const layer = document.createElement('div');
        layer.className = 'layer';
        container.append(layer);
        return layer;
      },
      onRemove(layer) {
        if (layer) render(null, layer);
      },
    });
    created.mount();
    ui = created;
    return created;
  }

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
    mark = start;
    view = { conceptId, pinned: pin, history: [] };
    const current = await ensureUi();
    paint(current);
    if (!pin) setDescribedBy(true);
    else setDescribedBy(false);
    position(current);
    if (pin) focusCard();
  }

  function paint(current: ShadowRootContentScriptUi<HTMLElement>) {
    const layer = current.mounted;
    if (!layer || !view) return;
    const pinned = view.pinned;
    render(
      <div
        id={CARD_ID}
        class="floating"
        role={pinned ? 'dialog' : 'tooltip'}
        aria-modal={pinned ? 'false' : undefined}
        aria-labelledby={CARD_HEADING_ID}
        aria-label={pinned ? undefined : t('card_dialogLabel', deps.corpus.concepts.find((c) => c.id === view!.conceptId)?.name ?? '')}
        onPointerEnter={() => intent.enterCard()}
        onPointerLeave={() => intent.leave()}
        onKeyDown={onCardKeyDown}
      >
        <TooltipApp
          corpus={deps.corpus}
          view={view}
          dark={dark}
          notesVersion={notesVersion}
          loadNotes={deps.notes.forConcept}
          saveNote={deps.notes.save}
          glossaryUrl={deps.glossaryUrl}
          onNavigate={(id) => {
            if (!view) return;
            view = id === null ? { ...view, conceptId: view.history.at(-1) ?? view.conceptId, history: view.history.slice(0, -1) } : { ...view, conceptId: id, history: [...view.history, view.conceptId] };
            paint(current);
          }}
          onClose={() => close(true)}
          onPin={() => pin()}
        />
      </div>,
      layer,
    );
  }

  function floatingEl(): HTMLElement | null {
    return ui?.shadow.getElementById(CARD_ID) ?? null;
  }

  function position(current: ShadowRootContentScriptUi<HTMLElement>) {
    stopAutoUpdate?.();
    const floating = floatingEl();
    if (!mark || !floating) return;
    const reference = mark;
    stopAutoUpdate = autoUpdate(reference, floating, () => {
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
          hide(),
        ],
      }).then(({ x, y, middlewareData }) => {
        floating.style.setProperty('left', `${x}px`);
        floating.style.setProperty('top', `${y}px`);
        // Scrolled away: a hover card goes; a pinned card waits out of sight.
        if (middlewareData.hide?.referenceHidden) {
          if (view && !view.pinned) close(false);
          else floating.style.setProperty('visibility', 'hidden');
        } else floating.style.removeProperty('visibility');
      });
    });
    void current;
  }

  function focusCard() {
    requestAnimationFrame(() => {
      const first = floatingEl()?.querySelector<HTMLElement>(FOCUSABLE);
      first?.focus();
    });
  }

  function pin() {
    if (!view || !ui) return;
    intent.pinned = true;
    view = { ...view, pinned: true };
    setDescribedBy(false);
    paint(ui);
    focusCard();
  }

  function close(returnFocus: boolean) {
    stopAutoUpdate?.();
    stopAutoUpdate = null;
    const wasPinned = view?.pinned;
    setDescribedBy(false);
    view = null;
    ui?.remove();
    ui = null;
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
    const active = ui?.shadow.activeElement;
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
    const m = markOf(e.target);
    if (m) intent.enterTerm(mentionStart(m));
  });
  listen('pointerout', (e) => {
    const from = markOf(e.target) ?? (isInUi(e.target) ? (e.target as Element) : null);
    if (!from) return;
    const to = e.relatedTarget;
    if (isInUi(to) || (markOf(to) && mentionStart(markOf(to)!) === mark)) return;
    intent.leave();
  });
  listen('focusin', (e) => {
    const m = markOf(e.target);
    if (m && !intent.pinned && !returningFocus) intent.show(mentionStart(m));
  });
  listen('focusout', (e) => {
    if (!markOf(e.target) || intent.pinned || isInUi(e.relatedTarget)) return;
    intent.hide();
  });
  listen('click', (e) => {
    const m = markOf(e.target);
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
    if (ui && view && (conceptIds.length === 0 || conceptIds.includes(view.conceptId))) paint(ui);
  });

  return {
    open(target, opts) {
      intent.show(mentionStart(target), !!opts?.pin);
    },
    close() {
      intent.hide();
      close(false);
    },
    destroy() {
      stopNotes();
      intent.hide();
      close(false);
    },
  };
}
