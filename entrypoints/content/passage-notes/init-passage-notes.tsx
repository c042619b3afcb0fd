/**
 * Passage notes on the page: draws the passages of the reader's notes for this
 * URL (anchored-notes.ts, passage-boxes.tsx) and offers "Add note" for a text
 * selection (selection-button.tsx), which opens the note panel
 * (note-panel.tsx). This script knows where the notes are, never what they
 * say: the panel is the extension's notes frame. Nothing of a passage enters
 * the page: its boxes are in the extension's closed layer, and a click on one
 * is found by hit-testing.
 */
import { describe } from '@/lib/anchoring/anchor';
import { pageUrlOf } from '@/lib/page-url';
import { rangeReference } from '@/lib/placement';
import { touchesPage } from '@/lib/messages';
import { onAbort } from '@/lib/abort';
import type { Highlighting } from '../highlighting';
import type { UiLayer } from '../ui-layer';
import type { OnNotesChanged } from '../notes-changes';
import { anchoredNotes } from './anchored-notes';
import { passageBoxes } from './passage-boxes';
import { notePanel } from './note-panel';
import { noteableSelection, offerButton, withdrawButton } from './selection-button';

export interface PassageNotes {
  refresh(): Promise<void>;
  addNoteForSelection(): void;
  /** Brings a note's passage into view and shows the note (Open in context); false when its passage is not marked. */
  showNote(noteId: string): boolean;
  /** Ids of this page's notes whose passage could not be found with confidence. */
  notFound(): string[];
}

export interface PassageNotesDeps {
  layer: UiLayer;
  /** Passages are drawn while highlights are on for the page, and found again when its text changes. */
  highlighting: Pick<Highlighting, 'highlighter' | 'active' | 'onSwitch'>;
  onNotesChanged: OnNotesChanged;
  /** Told when a note panel opens and closes (no hover card may cover it). */
  onPanel?(open: boolean): void;
}

/** A passage note's concepts, at most (the background checks it too). */
const MAX_CONCEPTS = 16;

/** Whether two ranges share text (ranges in different trees, a shadow root's and the page's, share none). */
function overlaps(a: Range, b: Range | null): boolean {
  if (!b || a.startContainer.getRootNode() !== b.startContainer.getRootNode()) return false;
  return a.compareBoundaryPoints(Range.END_TO_START, b) < 0 && a.compareBoundaryPoints(Range.START_TO_END, b) > 0;
}

/** Passage notes until `signal` aborts; resolves once the page's notes are marked. */
export async function initPassageNotes(signal: AbortSignal, deps: PassageNotesDeps): Promise<PassageNotes> {
  const { layer, highlighting } = deps;
  const { highlighter } = highlighting;
  const panel = notePanel(layer, deps.onPanel);
  layer.keepWhile(() => panel.holdsDraft());
  const boxes = passageBoxes(layer, signal);
  boxes.show(highlighting.active());
  highlighting.onSwitch(signal, (on) => boxes.show(on));
  const notes = anchoredNotes(() => pageUrlOf(document), boxes);

  function addNoteForSelection() {
    const range = noteableSelection(layer);
    const selectors = range && describe(document.body, range);
    if (!range || !selectors) return;
    // The concepts the highlighter decided in the passage, each once.
    const conceptIds = [
      ...new Set(
        highlighter
          .mentions()
          .filter((m) => overlaps(range, m.range()))
          .map((m) => m.conceptId),
      ),
    ].slice(0, MAX_CONCEPTS);
    void panel.show(rangeReference(range.cloneRange()), {
      type: 'passage-new',
      url: pageUrlOf(document),
      title: document.title.slice(0, 1000),
      ...selectors,
      conceptIds,
    });
  }

  /** Shows a note in the panel beside its whole passage (from its first line to its last). */
  function showNote(noteId: string): boolean {
    const ranges = boxes.passage(noteId)?.ranges;
    const [first, last] = [ranges?.[0], ranges?.at(-1)];
    if (!first || !last) return false;
    const whole = document.createRange();
    whole.setStart(first.startContainer, first.startOffset);
    whole.setEnd(last.endContainer, last.endOffset);
    void panel.show(rangeReference(whole), { type: 'passage-show', url: pageUrlOf(document), noteId });
    return true;
  }

  document.addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted || layer.contains(e.target)) return;
      // A click on a highlighted term inside a passage is the card's.
      const noteId = highlighter.mentionAt(e.clientX, e.clientY) ? undefined : boxes.noteAt(e.clientX, e.clientY);
      if (noteId) showNote(noteId);
      else panel.close();
    },
    { capture: true, signal },
  );
  document.addEventListener(
    'keydown',
    (e) => {
      if (e.isTrusted && e.key === 'Escape') panel.close();
    },
    { capture: true, signal },
  );
  // After the reader selects text (mouse or keyboard), offer the button; a collapsed selection takes it away.
  for (const type of ['mouseup', 'keyup'] as const) {
    document.addEventListener(
      type,
      (e) => {
        if (e.isTrusted && !layer.contains(e.target))
          setTimeout(() => {
            const range = noteableSelection(layer);
            if (range && !panel.isOpen())
              void panel.prepare().then(() => {
                const still = noteableSelection(layer);
                if (still && !panel.isOpen()) offerButton(layer, still, () => addNoteForSelection());
              });
          }, 0);
      },
      { signal },
    );
  }
  document.addEventListener(
    'selectionchange',
    () => {
      if (!panel.isOpen() && !noteableSelection(layer)) withdrawButton(layer);
    },
    { signal },
  );
  onAbort(signal, () => {
    // An unsent draft outlives the script: the panel stays until the reader closes it.
    if (!panel.holdsDraft()) panel.close();
    notes.clear();
  });
  // The page re-rendered text: passages it moved are found again.
  onAbort(
    signal,
    highlighter.onChange(() => notes.recheck()),
  );

  await notes.refresh();
  // Only a change that may touch this page's notes draws them again.
  deps.onNotesChanged(signal, (change) => {
    if (touchesPage(change, pageUrlOf(document))) void notes.refresh();
  });
  return {
    refresh: notes.refresh,
    addNoteForSelection,
    showNote(noteId) {
      boxes.passage(noteId)?.ranges[0]?.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'auto' });
      return showNote(noteId);
    },
    notFound: notes.notFound,
  };
}
