import { useState } from 'preact/hooks';
import type { ConceptNotes } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { NoteEditor } from './NoteEditor';
import { NoteList } from './NoteList';

export interface CardNotesProps {
  conceptName: string;
  /** null while loading. */
  notes: ConceptNotes | null;
  notesError?: string;
  /** A pinned card offers the editor straight away; a hover card pins itself first. */
  pinned: boolean;
  onPin(): void;
  onSaveNote(body: string, tags: string[]): Promise<void>;
  onDraftChange?(dirty: boolean): void;
}

/** The card's "Your notes" section: latest notes and the editor. Rendered inside the extension's notes frame. */
export function CardNotes(props: CardNotesProps) {
  const { notes, pinned } = props;
  const [editing, setEditing] = useState(false);
  return (
    <section class="my-notes" aria-label={t('card_yourNotes')}>
      <h3>
        {t('card_yourNotes')} <span class="count">{notes ? notes.count : '…'}</span>
      </h3>
      {props.notesError && <p class="error">{props.notesError}</p>}
      {notes && notes.count === 0 && !editing && <p class="muted">{t('card_noNotes')}</p>}
      {notes && <NoteList notes={notes.latest} />}
      {editing ? (
        <NoteEditor
          label={t('card_addNoteFor', props.conceptName)}
          onDraftChange={props.onDraftChange}
          onCancel={() => {
            props.onDraftChange?.(false);
            setEditing(false);
          }}
          onSave={async (body, tags) => {
            await props.onSaveNote(body, tags);
            props.onDraftChange?.(false);
            setEditing(false);
          }}
        />
      ) : (
        <button
          type="button"
          class="primary add-note"
          onClick={() => {
            if (!pinned) props.onPin();
            setEditing(true);
          }}
        >
          {t('card_addNote')}
        </button>
      )}
    </section>
  );
}
