import type { Note } from '@/lib/notes/model';
import { t } from '@/lib/i18n';
import type { NewNoteDrafts } from '@/lib/notes/new-note-drafts';
import { NoteEditor } from './NoteEditor';
import { NoteList } from './NoteList';
import { useNewNoteDraft } from './use-new-note-draft';

const QUOTE_SHOWN = 280;

/** "Add a note" for a passage the reader selected: the quote, then the editor. */
export function NewPassageNote(props: {
  quote: string;
  onSave(body: string, tags: string[]): Promise<void>;
  onCancel(): void;
  onDraftChange?(dirty: boolean): void;
  /** Where the unsaved note is kept, under `draftKey`, until saved or discarded. */
  drafts?: NewNoteDrafts;
  draftKey: string;
}) {
  const { draft, keep, discard } = useNewNoteDraft(props.drafts, props.draftKey);
  return (
    <section class="my-notes">
      <h3>{t('note_addTitle')}</h3>
      <blockquote class="note-quote">{props.quote.length > QUOTE_SHOWN ? `${props.quote.slice(0, QUOTE_SHOWN)}…` : props.quote}</blockquote>
      {draft !== undefined && (
        <NoteEditor
          label={t('note_addTitle')}
          initialBody={draft?.body}
          initialTags={draft?.tags}
          onChange={(body, tags) => keep({ body, tags })}
          onCancel={() => {
            discard();
            props.onCancel();
          }}
          onSave={async (body, tags) => {
            await props.onSave(body, tags);
            discard();
          }}
          onDraftChange={props.onDraftChange}
        />
      )}
    </section>
  );
}

/** The note on a marked passage, with a way to close it. */
export function PassageNoteView(props: { notes: Note[]; error?: string; onClose(): void }) {
  return (
    <section class="my-notes">
      <h3>{t('note_yourNote')}</h3>
      {props.error && <p class="error">{props.error}</p>}
      <NoteList notes={props.notes} />
      <button type="button" onClick={props.onClose}>
        {t('card_close')}
      </button>
    </section>
  );
}
