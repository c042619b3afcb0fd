import { useEffect, useState } from 'preact/hooks';
import { askBackground } from '@/lib/ask-background';
import type { ConceptNotes } from '@/lib/notes/queries';
import { t } from '@/lib/i18n';
import { conceptDraftKey } from '@/lib/notes/drafts';
import { sessionDrafts } from './session-drafts';
import { CardNotes } from './CardNotes';

/**
 * The card's notes section, read from and saved to the background. Rendered
 * only in extension pages: the notes frame (on web pages) and the PDF reader.
 */
export function LiveCardNotes(props: { conceptId: string; conceptName: string; pinned: boolean; version: number; onPin(): void; onDraftChange?(dirty: boolean): void }) {
  const [notes, setNotes] = useState<ConceptNotes | null>(null);
  const [error, setError] = useState<string | undefined>();
  const load = () =>
    askBackground('notes:forConcept', { conceptId: props.conceptId, limit: 3 }).then(
      (n) => (setNotes(n), setError(undefined)),
      () => setError(t('card_notesUnavailable')),
    );
  useEffect(() => void load(), [props.conceptId, props.version]);
  return (
    <CardNotes
      conceptName={props.conceptName}
      notes={notes}
      notesError={error}
      pinned={props.pinned}
      onPin={props.onPin}
      onDraftChange={props.onDraftChange}
      drafts={sessionDrafts}
      draftKey={conceptDraftKey(props.conceptId)}
      onSaveNote={async (body, tags) => {
        await askBackground('notes:save', { kind: 'concept', conceptId: props.conceptId, body, tags });
        await load();
      }}
    />
  );
}
