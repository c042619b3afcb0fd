import { useEffect, useRef, useState } from 'preact/hooks';
import { askBackground } from '@/lib/ask-background';
import type { ConceptNotes } from '@/lib/notes/queries';
import { t } from '@/lib/i18n';
import { conceptDraftKey } from '@/lib/notes/new-note-drafts';
import type { ConceptSource } from '@/lib/notes/model';
import { sessionNoteDrafts } from '@/components/hooks/session-note-drafts';
import { CardNotes } from './CardNotes';

/**
 * The card's notes section, read from and saved to the background (not read
 * live: extension pages that read live use components/hooks/use-notes.ts).
 * It reloads for each change it is told of (`version`), and at once after its
 * own save. Rendered only in extension pages: the notes frame (on web pages)
 * and the PDF reader.
 */
export function LiveCardNotes(props: {
  conceptId: string;
  conceptName: string;
  pinned: boolean;
  /** Where the reader is writing (the page and the sentence around the term), kept with a new note. */
  source?: ConceptSource;
  /** Bumped by each notes:changed broadcast that may concern this concept. */
  version: number;
  /** The note the latest change stored: one this card saved itself is loaded already (one reload per save). */
  changedNoteId?: string;
  onPin(): void;
  onDraftChange?(dirty: boolean): void;
  onEditingChange?(editing: boolean): void;
}) {
  const [notes, setNotes] = useState<ConceptNotes | null>(null);
  const [error, setError] = useState<string | undefined>();
  const savedHere = useRef(new Set<string>());
  const [reloads, setReloads] = useState(0);
  const seenVersion = useRef(props.version);
  const latest = useRef(0);
  useEffect(() => {
    const ownSave =
      seenVersion.current !== props.version && props.changedNoteId !== undefined && savedHere.current.has(props.changedNoteId);
    seenVersion.current = props.version;
    if (ownSave) return;
    // The latest request wins: a slower earlier answer never overwrites it (and a skipped change cancels nothing).
    const request = ++latest.current;
    askBackground('notes:forConcept', { conceptId: props.conceptId, limit: 3 }).then(
      (n) => {
        if (request !== latest.current) return;
        setNotes(n);
        setError(undefined);
      },
      () => request === latest.current && setError(t('card_notesUnavailable')),
    );
  }, [props.conceptId, props.version, reloads]);
  return (
    <CardNotes
      conceptName={props.conceptName}
      notes={notes}
      notesError={error}
      pinned={props.pinned}
      onPin={props.onPin}
      onDraftChange={props.onDraftChange}
      onEditingChange={props.onEditingChange}
      drafts={sessionNoteDrafts}
      draftKey={conceptDraftKey(props.conceptId)}
      onSaveNote={async (body, tags) => {
        const note = await askBackground('notes:save', {
          kind: 'concept',
          conceptId: props.conceptId,
          body,
          tags,
          ...(props.source && { source: props.source }),
        });
        // The card's own save reloads it at once; the broadcast that follows for this note is then skipped.
        savedHere.current.add(note.id);
        setReloads((n) => n + 1);
      }}
    />
  );
}
