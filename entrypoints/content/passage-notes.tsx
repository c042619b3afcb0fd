/**
 * Passage notes on the page: re-anchors the reader's notes for this URL and
 * marks their passages; offers "Add note" for a text selection. Note text is
 * shown only inside the extension's shadow root, never in the page's DOM.
 */
import { render } from 'preact';
import { computePosition, flip, offset, shift } from '@floating-ui/dom';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Note, PassageNote } from '@/lib/notes/model';
import { askBackground } from '@/lib/messages';
import { domText, offsetOf, type DomText } from '@/lib/anchoring/dom-text';
import { describeQuote, matchQuote } from '@/lib/anchoring/text-quote';
import { normalisePageUrl } from '@/lib/page-url';
import { isInsideForbidden } from '@/lib/highlight/blocks';
import { unwrapMarks, wrapRanges } from '@/lib/highlight/wrap';
import type { Highlighter } from '@/lib/highlight/highlighter';
import { NoteEditor } from '@/components/card/NoteEditor';
import { NoteList } from '@/components/card/NoteList';
import { t } from '@/lib/i18n';
import cardCss from '@/components/card/card.css?inline';
import { createUiLayer } from './ui-layer';

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

/** Wraps text offsets [start, end) of the page text in note markers. */
function markPassage(dt: DomText, start: number, end: number, noteId: string) {
  const nodes = dt.nodes.filter((n) => n.start < end && n.start + n.node.data.length > start && !isInsideForbidden(n.node));
  if (!nodes.length) return;
  const base = nodes[0]!.start;
  wrapRanges(
    nodes.map((n) => n.node),
    [{ start: Math.max(0, start - base), length: end - Math.max(start, base) }],
    NOTE_TAG,
    NOTE_CLASS,
    (el) => el.setAttribute('data-alliance-lens-note', noteId),
  );
}

export async function mountPassageNotes(ctx: ContentScriptContext, deps: { highlighter: Highlighter }): Promise<PassageNotes> {
  const layer = createUiLayer(ctx, cardCss);
  let notes: PassageNote[] = [];
  let missing: string[] = [];

  function clearMarkers() {
    unwrapMarks(document.querySelectorAll(`${NOTE_TAG}.${NOTE_CLASS}`));
  }

  async function refresh() {
    let found: Note[];
    try {
      found = await askBackground('notes:forPage', { url: currentPageUrl() });
    } catch {
      return;
    }
    notes = found.filter((n): n is PassageNote => n.kind === 'passage');
    clearMarkers();
    missing = [];
    for (const note of notes) {
      const dt = domText(document.body);
      const at = matchQuote(dt.text, note.target.quote, note.target.position);
      if (at) markPassage(dt, at[0], at[1], note.id);
      else missing.push(note.id);
    }
  }

  async function showPanel(anchor: { getBoundingClientRect(): DOMRect }, content: preact.ComponentChild) {
    const root = await layer.open();
    render(
      <div class="floating" role="dialog" aria-modal="false" aria-label={t('note_dialogLabel')}>
        <div class="card">{content}</div>
      </div>,
      root,
    );
    const floating = root.querySelector<HTMLElement>('.floating')!;
    const { x, y } = await computePosition(anchor, floating, { strategy: 'fixed', placement: 'bottom-start', middleware: [offset(8), flip(), shift({ padding: 8 })] });
    floating.style.setProperty('left', `${x}px`);
    floating.style.setProperty('top', `${y}px`);
    floating.querySelector<HTMLElement>('textarea, button')?.focus();
  }

  function closePanel() {
    panelOpen = false;
    layer.remove();
  }

  let panelOpen = false;

  /** The selection worth a note: text outside the extension's UI and outside editors and forms. */
  function noteableSelection(): Range | null {
    const selection = getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    if (layer.contains(range.commonAncestorContainer) || isInsideForbidden(range.commonAncestorContainer)) return null;
    return range.toString().trim().length >= 3 ? range : null;
  }

  /** A small "Add note" button next to the end of the selection. */
  async function offerButton() {
    const range = noteableSelection();
    if (!range || panelOpen) return;
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
    const root = await layer.open();
    render(
      <button
        type="button"
        class="primary selection-button"
        style={{ position: 'fixed', left: `${Math.min(last.right + 6, innerWidth - 110)}px`, top: `${Math.min(last.bottom + 6, innerHeight - 40)}px` }}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => addNoteForSelection()}
      >
        {t('note_addButton')}
      </button>,
      root,
    );
  }

  function addNoteForSelection() {
    const range = noteableSelection();
    if (!range) return;
    panelOpen = true;
    const dt = domText(document.body);
    const start = offsetOf(dt, range.startContainer, range.startOffset);
    const end = offsetOf(dt, range.endContainer, range.endOffset);
    if (end <= start || !dt.text.slice(start, end).trim()) return;
    const { quote, position } = describeQuote(dt.text, start, end);
    const rect = range.getBoundingClientRect();
    const conceptIds = [
      ...new Set(
        deps.highlighter
          .mentions()
          .filter((m) => range.intersectsNode(m))
          .map((m) => m.dataset.conceptId!),
      ),
    ];
    void showPanel({ getBoundingClientRect: () => rect }, (
      <section class="my-notes">
        <h3>{t('note_addTitle')}</h3>
        <blockquote class="note-quote">{quote.exact.length > 280 ? `${quote.exact.slice(0, 280)}…` : quote.exact}</blockquote>
        <NoteEditor
          label={t('note_addTitle')}
          onCancel={closePanel}
          onSave={async (body, tags) => {
            await askBackground('notes:save', {
              kind: 'passage',
              conceptIds,
              body,
              tags,
              target: { url: currentPageUrl(), title: document.title.slice(0, 1000), quote, position },
            });
            closePanel();
            await refresh();
          }}
        />
      </section>
    ));
  }

  function showNotesAt(marker: HTMLElement) {
    const id = marker.getAttribute('data-alliance-lens-note');
    const list = notes.filter((n) => n.id === id);
    if (!list.length) return;
    void showPanel(marker, (
      <section class="my-notes">
        <h3>{t('note_yourNote')}</h3>
        <NoteList notes={list} />
        <button type="button" onClick={closePanel}>
          {t('card_close')}
        </button>
      </section>
    ));
  }

  ctx.addEventListener(
    document,
    'click',
    (e) => {
      if (!e.isTrusted) return;
      const marker = e.target instanceof Element ? e.target.closest<HTMLElement>(`${NOTE_TAG}.${NOTE_CLASS}`) : null;
      if (marker && !(e.target as Element).closest('al-mark')) showNotesAt(marker);
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
      if (!layer.holdsDraft()) closePanel();
      clearMarkers();
    },
  };
}
