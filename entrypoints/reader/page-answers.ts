/**
 * The reader answers what a page's content script answers: the popup's and
 * side panel's summary, reveal a concept, Open in context of a note, the
 * browser's commands, and notes changed elsewhere.
 */
import { useRef, useState } from 'preact/hooks';
import { onAbort } from '@/lib/abort';
import type { PageCommand } from '@/lib/commands';
import { t } from '@/lib/i18n';
import { contentMessenger, touchesPage, type NoteReveal } from '@/lib/messages';
import { pdfNotesUrl } from '@/lib/notes/model';
import { anchorPdfPassage } from '@/lib/pdf/anchor';
import { mentionIn } from '@/lib/pdf/note-context';
import type { ReaderCardControl } from './use-card';
import type { ReaderDocument } from './use-document';
import type { ReaderPassageNotes } from './use-passage-notes';

export function usePageAnswers(reading: ReaderDocument, notes: ReaderPassageNotes, card: ReaderCardControl) {
  /** A note brought into view (marked in the side bar), and what Open in context has to say. */
  const [shownNote, setShownNote] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Bumped by each notes change; `noteId`, the note a save stored (the card that saved it has reloaded already). */
  const [notesChange, setNotesChange] = useState<{ version: number; noteId?: string }>({ version: 0 });
  /** The mention last shown (by the keyboard shortcuts or the popup), where the next step starts. */
  const cursor = useRef<{ pageIndex: number; start: number } | undefined>(undefined);
  // Handlers registered once read the latest of each.
  const latest = useRef({ reading, notes, card });
  latest.current = { reading, notes, card };

  /** Shows the next (or previous) mention, of one concept or any, with its card. */
  async function step(by: 1 | -1, conceptId?: string): Promise<boolean> {
    const d = latest.current.reading.docRef.current;
    if (!d) return false;
    const from = cursor.current ?? { pageIndex: d.viewer.currentPage(), start: -1 };
    const next = d.text.step(from, by, conceptId);
    if (!next) return false;
    cursor.current = { pageIndex: next.pageIndex, start: next.mention.start };
    const mark = await d.viewer.markAt(next.pageIndex, next.mention.start);
    if (!mark) return false;
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
    latest.current.card.show(mark, !!conceptId);
    return true;
  }
  const reveal = (conceptId: string) => step(1, conceptId);

  /**
   * Open in context: brings a note of this document into view (a passage
   * with its note in the side bar; a concept note's mention with its card
   * pinned). False while this is not the note's document, so the background
   * asks again when another is opened. A reveal naming no document (the side
   * panel's, for a note of this tab's document) is for the open one.
   */
  async function revealNote(r: NoteReveal): Promise<boolean> {
    const { docRef, wantedFile } = latest.current.reading;
    const d = docRef.current;
    if (!d) return false;
    if (r.pdf && r.pdf.fingerprint !== d.fingerprint) {
      if (wantedFile) setNotice(t('reader_otherFile', wantedFile));
      return false;
    }
    let found = anchorPdfPassage(d.text, r);
    if (found.state === 'pending') {
      await d.read;
      found = anchorPdfPassage(d.text, r);
    }
    if (docRef.current !== d) return false;
    if (found.state !== 'found') {
      setNotice(t('reader_contextNotFound'));
      return true;
    }
    setNotice(null);
    const mention = r.conceptId ? mentionIn(d.text, found.passage, r.conceptId) : undefined;
    const mark = mention && (await d.viewer.markAt(found.passage.pageIndex, mention.start));
    if (mark) {
      mark.scrollIntoView({ block: 'center' });
      mark.focus({ preventScroll: true });
      latest.current.card.show(mark, true);
    } else {
      await d.viewer.reveal(found.passage.pageIndex, found.passage.start, found.passage.end);
      if (!r.conceptId) setShownNote(r.noteId);
    }
    return true;
  }

  /** The browser's shortcuts and the "Add note" menu reach the reader as they reach a page. */
  function onCommand(command: PageCommand) {
    if (command === 'next-highlight' || command === 'previous-highlight') void step(command === 'next-highlight' ? 1 : -1);
    else if (command === 'toggle-highlights') {
      latest.current.reading.toggleHighlights();
      latest.current.card.setCard(null);
    } else latest.current.notes.draftSelection();
  }

  return {
    shownNote,
    notice,
    notesChange,
    reveal,
    start(signal: AbortSignal) {
      latest.current.reading.onOpen(signal, () => {
        setNotice(null);
        setShownNote(null);
      });
      const removers = [
        contentMessenger.onMessage('page:summary', () => {
          const { reading: current, notes: passages } = latest.current;
          const d = current.docRef.current;
          return {
            url: d ? d.source : location.href,
            notesUrl: d ? pdfNotesUrl(d.fingerprint) : '',
            title: d?.title ?? document.title,
            enabled: !current.highlightsOff,
            counts: current.highlightsOff ? {} : current.progress.counts,
            notesNotFound: passages.notFound,
          };
        }),
        contentMessenger.onMessage('page:reveal', ({ data }) => reveal(data.conceptId)),
        contentMessenger.onMessage('page:revealNote', ({ data }) => revealNote(data)),
        contentMessenger.onMessage('page:command', ({ data }) => onCommand(data.command)),
        contentMessenger.onMessage('notes:changed', ({ data }) => {
          setNotesChange((c) => ({ version: c.version + 1, noteId: data.noteId }));
          const d = latest.current.reading.docRef.current;
          if (d && touchesPage(data, pdfNotesUrl(d.fingerprint))) latest.current.notes.reload(d);
        }),
      ];
      for (const remove of removers) onAbort(signal, remove);
    },
  };
}
