import { useEffect, useState } from 'preact/hooks';
import { askBackground, type ConceptNotes } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { conceptDraftKey } from '@/lib/notes/drafts';
import type { ConceptSource } from '@/lib/notes/model';
import { sessionDrafts } from './session-drafts';
import { CardNotes } from './CardNotes';

/**
 * The card's notes section, read from and saved to the background. Rendered
 * only in extension pages: the notes frame (on web pages) and the PDF reader.
 */
export function LiveCardNotes(props: {
  conceptId: string;
  conceptName: string;
  pinned: boolean;
  /** Where the reader is writing (the page and the sentence around the term), kept with a new note. */
  source?: ConceptSource;
  /** Bumped by the notes:changed broadcast, which also follows the card's own saves: the one reload path. */
  version: number;
  onPin(): void;
  onDraftChange?(dirty: boolean): void;
  onEditingChange?(editing: boolean): void;
}) {
  const [notes, setNotes] = useState<ConceptNotes | null>(null);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    // A slower earlier answer never overwrites a later one.
    askBackground('notes:forConcept', { conceptId: props.conceptId, limit: 3 }).then(
      (n) => live && (setNotes(n), setError(undefined)),
      () => live && setError(t('card_notesUnavailable')),
    );
    return () => void (live = false);
  }, [props.conceptId, props.version]);
  return (
    <CardNotes
      conceptName={props.conceptName}
      notes={notes}
      notesError={error}
      pinned={props.pinned}
      onPin={props.onPin}
      onDraftChange={props.onDraftChange}
      onEditingChange={props.onEditingChange}
      drafts={sessionDrafts}
      draftKey={conceptDraftKey(props.conceptId)}
      onSaveNote={async (body, tags) => {
        await askBackground('notes:save', { kind: 'concept', conceptId: props.conceptId, body, tags, ...(props.source && { source: props.source }) });
      }}
    />
  );
}
