/**
 * Passage notes on the page: marks the passages of the reader's notes for this
 * URL (anchored-notes.ts) and offers "Add note" for a text selection
 * (selection-button.tsx), which opens the note panel (note-panel.tsx). This
 * script knows where the notes are, never what they say: the panel is the
 * extension's notes frame, in a closed shadow root.
 */
import { describe } from '@/lib/anchoring/anchor';
import { passageMarkOf } from '@/lib/anchoring/passage-marks';
import { pageUrlOf } from '@/lib/page-url';
import { elementReference, rangeReference } from '@/lib/placement';
import { touchesPage } from '@/lib/messages';
import { onAbort } from '@/lib/abort';
import type { Highlighter } from '@/lib/highlight/highlighter';
import cardCss from '@/components/card/card.css?inline';
import { createUiLayer } from '../ui-layer';
import type { OnNotesChanged } from '../notes-changes';
import { anchoredNotes } from './anchored-notes';
import { notePanel } from './note-panel';
import { noteableSelection, offerButton } from './selection-button';

export interface PassageNotes {
  refresh(): Promise<void>;
  addNoteForSelection(): void;
  /** Brings a note's passage into view and shows the note (Open in context); false when its passage is not marked. */
  showNote(noteId: string): boolean;
  /** Ids of this page's notes whose passage could not be found with confidence. */
  notFound(): string[];
}

export interface PassageNotesDeps {
  highlighter: Highlighter;
  onNotesChanged: OnNotesChanged;
  /** Told when a note panel opens and closes (no hover card may cover it). */
  onPanel?(open: boolean): void;
}

/** A passage note's concepts, at most (the background checks it too). */
const MAX_CONCEPTS = 16;

/** Passage notes until `signal` aborts; resolves once the page's notes are marked. */
export async function initPassageNotes(signal: AbortSignal, deps: PassageNotesDeps): Promise<PassageNotes> {
  const layer = createUiLayer(signal, cardCss, () => panel.holdsDraft());
  const panel = notePanel(layer, deps.onPanel);
  const notes = anchoredNotes(() => pageUrlOf(document));

  function addNoteForSelection() {
    const range = noteableSelection(layer);
    const selectors = range && describe(document.body, range);
    if (!range || !selectors) return;
    // Our own marks only (mentions() never lists look-alikes a page planted), each concept once.
    const conceptIds = [
      ...new Set(
        deps.highlighter
          .mentions()
          .filter((m) => range.intersectsNode(m))
          .map((m) => m.dataset.conceptId!),
      ),
    ].slice(0, MAX_CONCEPTS);
    void panel.show(rangeReference(range.cloneRange()), { type: 'passage-new', url: pageUrlOf(document), title: document.title.slice(0, 1000), ...selectors, conceptIds });
  }

  function showNoteAt(marker: HTMLElement) {
    const noteId = notes.noteAt(marker);
    if (noteId) void panel.show(elementReference(marker), { type: 'passage-show', url: pageUrlOf(document), noteId });
  }

  document.addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted) return;
      const marker = passageMarkOf(e.target);
      // A click on a highlight inside a passage is the card's.
      if (marker && !(e.target as Element).closest('al-mark')) showNoteAt(marker);
      else if (!layer.contains(e.target)) panel.close();
    },
    { capture: true, signal },
  );
  document.addEventListener('keydown', (e) => {
    if (e.isTrusted && e.key === 'Escape') panel.close();
  }, { capture: true, signal });
  // After the reader selects text (mouse or keyboard), offer the button; a collapsed selection takes it away.
  for (const type of ['mouseup', 'keyup'] as const) {
    document.addEventListener(type, (e) => {
      if (e.isTrusted && !layer.contains(e.target)) setTimeout(() => {
        const range = noteableSelection(layer);
        if (range && !panel.isOpen()) offerButton(layer, range, () => addNoteForSelection());
      }, 0);
    }, { signal });
  }
  document.addEventListener('selectionchange', () => {
    if (!panel.isOpen() && !noteableSelection(layer)) layer.remove();
  }, { signal });
  onAbort(signal, () => {
    // An unsent draft outlives the script: the panel stays until the reader closes it.
    if (!panel.holdsDraft()) panel.close();
    notes.clear();
  });

  await notes.refresh();
  // Only a change that may touch this page's notes marks them again.
  deps.onNotesChanged(signal, (change) => {
    if (touchesPage(change, pageUrlOf(document))) void notes.refresh();
  });
  return {
    refresh: notes.refresh,
    addNoteForSelection,
    showNote(noteId) {
      const marker = notes.markerOf(noteId);
      if (!marker?.isConnected) return false;
      marker.scrollIntoView({ block: 'center', behavior: 'auto' });
      showNoteAt(marker);
      return true;
    },
    notFound: notes.notFound,
  };
}
