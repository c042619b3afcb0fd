/**
 * Passage notes on the page: re-anchors the reader's notes for this URL and
 * marks their passages; offers "Add note" for a text selection. This script
 * knows where the notes are, never what they say: the note panel is the
 * extension's notes frame, in a closed shadow root. Markers carry no note id
 * (the marker → note map stays in this script).
 */
import { render } from 'preact';
import { computePosition, flip, offset, shift } from '@floating-ui/dom';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { askBackground } from '@/lib/ask-background';
import type { PassageAnchor } from '@/lib/notes/queries';
import { domText, offsetOf, type DomText } from '@/lib/anchoring/dom-text';
import { describeQuote, matchQuote } from '@/lib/anchoring/text-quote';
import { normalisePageUrl } from '@/lib/page-url';
import { isInsideForbidden } from '@/lib/highlight/blocks';
import { isOwnMark, unwrapMarks, wrapRanges } from '@/lib/highlight/wrap';
import type { Highlighter } from '@/lib/highlight/highlighter';
import type { ToFrame } from '@/lib/frame-protocol';
import { t } from '@/lib/i18n';
import cardCss from '@/components/card/card.css?inline';
import { createUiLayer } from './ui-layer';
import { createNotesFrame, FrameSlot, type NotesFrame } from './notes-frame';

export const NOTE_TAG = 'al-note';
export const NOTE_CLASS = 'alliance-lens-note';

export interface PassageNotes {
  refresh(): Promise<void>;
  addNoteForSelection(): void;
  /** Ids of this page's notes whose passage could not be found with confidence. */
  notFound(): string[];
  destroy(): void;
}

export function currentPageUrl(): string {
  return normalisePageUrl(location.href, document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href);
}

/** The frame's height for a new note and for a shown one: fixed, so the panel's size says nothing of the note. */
const PANEL_HEIGHT = { 'passage-new': 300, 'passage-show': 220 } as const;
/** A passage note's concepts, at most (the background checks it too). */
const MAX_CONCEPTS = 16;

/** Wraps text offsets [start, end) of the page text in note markers; returns them. */
function markPassage(dt: DomText, start: number, end: number): HTMLElement[] {
  const nodes = dt.nodes.filter((n) => n.start < end && n.start + n.node.data.length > start && !isInsideForbidden(n.node));
  if (!nodes.length) return [];
  const base = nodes[0]!.start;
  return wrapRanges(
    nodes.map((n) => n.node),
    [{ start: Math.max(0, start - base), length: end - Math.max(start, base) }],
    NOTE_TAG,
    NOTE_CLASS,
    () => undefined,
  );
}

export async function mountPassageNotes(
  ctx: ContentScriptContext,
  deps: { highlighter: Highlighter; /** Told when a note panel opens and closes (no hover card may cover it). */ onPanel?(open: boolean): void },
): Promise<PassageNotes> {
  let frame: NotesFrame | null = null;
  const layer = createUiLayer(ctx, cardCss, () => !!frame?.holdsDraft());
  /** Our markers and the note each marks: in this script only, never in the page's DOM. */
  let noteOf = new WeakMap<Element, string>();
  let missing: string[] = [];

  function clearMarkers() {
    unwrapMarks([...document.querySelectorAll(`${NOTE_TAG}.${NOTE_CLASS}`)].filter(isOwnMark));
    noteOf = new WeakMap();
  }

  async function refresh() {
    let anchors: PassageAnchor[];
    try {
      anchors = await askBackground('notes:anchorsForPage', { url: currentPageUrl() });
    } catch {
      return;
    }
    clearMarkers();
    missing = [];
    for (const anchor of anchors) {
      const dt = domText(document.body);
      const at = matchQuote(dt.text, anchor.quote, anchor.position);
      if (at) for (const marker of markPassage(dt, at[0], at[1])) noteOf.set(marker, anchor.id);
      else missing.push(anchor.id);
    }
  }

  async function showPanel(anchor: { getBoundingClientRect(): DOMRect }, shown: Extract<ToFrame, { type: 'passage-new' | 'passage-show' }>) {
    // Open until the reader closes it: the click that opened it also collapses the selection.
    setPanelOpen(true);
    const root = layer.open();
    frame = createNotesFrame(t('note_dialogLabel'), (message) => {
      if (message.type === 'close') closePanel();
      // The background's notes:changed for this page re-anchors: refreshing here too would anchor twice.
      else if (message.type === 'saved') closePanel();
    });
    frame.show(shown);
    render(
      <div class="floating panel" role="dialog" aria-modal="false" aria-label={t('note_dialogLabel')}>
        <FrameSlot frame={frame} height={PANEL_HEIGHT[shown.type]} />
      </div>,
      root,
    );
    const floating = root.querySelector<HTMLElement>('.floating')!;
    frame.element.focus();
    const { x, y } = await computePosition(anchor, floating, { strategy: 'fixed', placement: 'bottom-start', middleware: [offset(8), flip(), shift({ padding: 8 })] });
    floating.style.setProperty('left', `${x}px`);
    floating.style.setProperty('top', `${y}px`);
  }

  function closePanel() {
    setPanelOpen(false);
    frame = null;
    layer.remove();
  }

  let panelOpen = false;
  function setPanelOpen(open: boolean) {
    if (open !== panelOpen) deps.onPanel?.(open);
    panelOpen = open;
  }

  /** The selection worth a note: text outside the extension's UI and outside editors and forms. */
  function noteableSelection(): Range | null {
    const selection = getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    if (layer.contains(range.commonAncestorContainer) || isInsideForbidden(range.commonAncestorContainer)) return null;
    return range.toString().trim().length >= 3 ? range : null;
  }

  /**
   * A small "Add note" button beside the selection that covers no text: in the
   * margin right of the paragraph, level with the selection's last line; where
   * there is no margin (narrow screens), above the selection's first line.
   */
  async function offerButton() {
    const range = noteableSelection();
    if (!range || panelOpen) return;
    const rects = range.getClientRects();
    const first = rects[0] ?? range.getBoundingClientRect();
    const last = rects[rects.length - 1] ?? first;
    const root = layer.open();
    render(
      <button type="button" class="primary selection-button" style={{ position: 'fixed', left: '0px', top: '0px', visibility: 'hidden' }} onMouseDown={(e) => e.preventDefault()} onClick={() => addNoteForSelection()}>
        {t('note_addButton')}
      </button>,
      root,
    );
    const button = root.querySelector<HTMLElement>('.selection-button');
    if (!button) return;
    const size = button.getBoundingClientRect();
    const endNode = range.endContainer instanceof Element ? range.endContainer : range.endContainer.parentElement;
    const block = endNode?.closest('p, li, blockquote, dd, td, h1, h2, h3, h4, h5, h6, article, section, div') ?? document.body;
    const margin = block.getBoundingClientRect().right + 8;
    const inMargin = margin + size.width <= innerWidth - 8;
    const left = inMargin ? margin : Math.max(8, Math.min(first.left, innerWidth - size.width - 8));
    const above = first.top - size.height - 4;
    const top = inMargin ? last.top + (last.height - size.height) / 2 : above >= 8 ? above : last.bottom + 4;
    button.style.setProperty('left', `${left}px`);
    button.style.setProperty('top', `${Math.max(8, Math.min(top, innerHeight - size.height - 8))}px`);
    button.style.removeProperty('visibility');
  }

  function addNoteForSelection() {
    const range = noteableSelection();
    if (!range) return;
    const dt = domText(document.body);
    const start = offsetOf(dt, range.startContainer, range.startOffset);
    const end = offsetOf(dt, range.endContainer, range.endOffset);
    if (end <= start || !dt.text.slice(start, end).trim()) return;
    const { quote, position } = describeQuote(dt.text, start, end);
    const rect = range.getBoundingClientRect();
    // Our own marks only (mentions() never lists look-alikes a page planted), each concept once.
    const conceptIds = [
      ...new Set(
        deps.highlighter
          .mentions()
          .filter((m) => range.intersectsNode(m))
          .map((m) => m.dataset.conceptId!),
      ),
    ].slice(0, MAX_CONCEPTS);
    void showPanel({ getBoundingClientRect: () => rect }, { type: 'passage-new', url: currentPageUrl(), title: document.title.slice(0, 1000), quote, position, conceptIds });
  }

  function showNoteAt(marker: HTMLElement) {
    const noteId = noteOf.get(marker);
    if (noteId) void showPanel(marker, { type: 'passage-show', url: currentPageUrl(), noteId });
  }

  ctx.addEventListener(
    document,
    'click',
    (e) => {
      if (!e.isTrusted) return;
      const marker = e.target instanceof Element ? e.target.closest<HTMLElement>(`${NOTE_TAG}.${NOTE_CLASS}`) : null;
      if (marker && isOwnMark(marker) && !(e.target as Element).closest('al-mark')) showNoteAt(marker);
      else if (!layer.contains(e.target)) closePanel();
    },
    { capture: true },
  );
  ctx.addEventListener(document, 'keydown', (e) => {
    if (e.isTrusted && e.key === 'Escape') closePanel();
  }, { capture: true });
  // After the reader selects text (mouse or keyboard), offer the button; a collapsed selection takes it away.
  for (const type of ['mouseup', 'keyup'] as const) {
    ctx.addEventListener(document, type, (e) => {
      if (e.isTrusted && !layer.contains(e.target)) setTimeout(() => void offerButton(), 0);
    });
  }
  ctx.addEventListener(document, 'selectionchange', () => {
    if (!panelOpen && !noteableSelection()) layer.remove();
  });

  await refresh();
  return {
    refresh,
    addNoteForSelection,
    notFound: () => [...missing],
    destroy() {
      // An unsent draft outlives the script: the panel stays until the reader closes it.
      if (!frame?.holdsDraft()) closePanel();
      clearMarkers();
    },
  };
}
