/**
 * Passage notes in the reader: the open document's notes and where each is
 * found, the "Add note" button beside a selection, and saving a note drafted
 * on a passage.
 */
import { useMemo, useState } from 'preact/hooks';
import { askBackground } from '@/lib/ask-background';
import { t } from '@/lib/i18n';
import { MAX_CONCEPT_IDS, pdfNotesUrl, type Note, type PassageNote } from '@/lib/notes/model';
import { anchorPdfPassage, describePdfPassage, type AnchorResult, type PdfPassage } from '@/lib/pdf/anchor';
import type { OpenDoc, ReaderDocument } from './use-document';

export function usePassageNotes(reading: ReaderDocument) {
  const { doc, docRef } = reading;
  const { pagesRead } = reading.progress;
  const [notes, setNotes] = useState<PassageNote[]>([]);
  const [selection, setSelection] = useState<{ passage: PdfPassage; x: number; y: number } | null>(null);
  const [drafting, setDrafting] = useState<PdfPassage | null>(null);

  async function load(d: OpenDoc) {
    const list = (await askBackground('notes:forPage', { url: pdfNotesUrl(d.fingerprint) }).catch(() => [] as Note[])).filter(
      (n): n is PassageNote => n.kind === 'passage',
    );
    if (docRef.current === d) setNotes(list);
  }

  // pagesRead is no input of the lookup, only the signal that more of the text was read: anchors pending on unread pages are looked for again.
  const anchors = useMemo<Record<string, AnchorResult>>(
    () => (doc ? Object.fromEntries(notes.map((n) => [n.id, anchorPdfPassage(doc.text, n.target)])) : {}),
    [doc, notes, pagesRead],
  );
  const notFound = useMemo(() => notes.filter((n) => anchors[n.id]?.state === 'not-found').map((n) => n.id), [notes, anchors]);

  return {
    notes,
    anchors,
    /** Each document that opens shows its own notes. */
    start(signal: AbortSignal) {
      reading.onOpen(signal, (d) => {
        setNotes([]);
        void load(d);
      });
    },
    /** Notes of this document that its text no longer holds. */
    notFound,
    selection,
    drafting,
    /** Loads the notes again when a change touched this document. */
    reload(d: OpenDoc) {
      void load(d);
    },
    /** Offers "Add note" beside the reader's selection, when it lies in the document's text. */
    onSelectionEnd() {
      const d = docRef.current;
      const sel = getSelection();
      const passage = d && sel ? d.viewer.selectionPassage(sel) : undefined;
      if (!passage || !sel) return setSelection(null);
      const rect = sel.getRangeAt(0).getBoundingClientRect();
      setSelection({ passage, x: rect.left, y: rect.bottom + 6 });
    },
    /** Opens the note editor on `passage`, in place of the "Add note" button (null closes it). */
    draft(passage: PdfPassage | null) {
      setDrafting(passage);
      if (passage) setSelection(null);
    },
    /** The "Add note" command: a draft on the current selection, if it lies in the document. */
    draftSelection() {
      const sel = getSelection();
      const passage = sel && docRef.current?.viewer.selectionPassage(sel);
      if (passage) setDrafting(passage);
    },
    async save(passage: PdfPassage, body: string, tags: string[]) {
      const d = docRef.current!;
      // TextPosition counts the text of every page before this one.
      for (let i = 0; i < passage.pageIndex; i++) await d.viewer.readText(i);
      const target = describePdfPassage(d.text, d.fingerprint, d.title, passage, d.origin);
      if (!target) throw new Error(t('reader_noteNoText'));
      // The background keeps at most MAX_CONCEPT_IDS per note: a long passage names its first ones.
      const conceptIds = [
        ...new Set(
          d.text
            .mentions(passage.pageIndex)
            .filter((m) => m.start < passage.end && m.end > passage.start)
            .map((m) => m.conceptId),
        ),
      ].slice(0, MAX_CONCEPT_IDS);
      await askBackground('notes:save', { kind: 'passage', conceptIds, target, body, tags });
      setDrafting(null);
      await load(d);
    },
  };
}

export type ReaderPassageNotes = ReturnType<typeof usePassageNotes>;
