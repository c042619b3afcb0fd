import type { Note } from '@/lib/notes/model';
import { t } from '@/lib/i18n';
import type { DraftStore } from '@/lib/notes/drafts';
import { NoteEditor, parseTags } from './NoteEditor';
import { NoteList } from './NoteList';
import { useDraft } from './use-draft';

const QUOTE_SHOWN = 280;

/** "Add a note" for a passage the reader selected: the quote, then the editor. */
export function NewPassageNote(props: {
  quote: string;
  onSave(body: string, tags: string[]): Promise<void>;
  onCancel(): void;
  onDraftChange?(dirty: boolean): void;
  /** Where the unsaved note is kept, under `draftKey`, until saved or discarded. */
  drafts?: DraftStore;
  draftKey: string;
}) {
  const { draft, keep, discard } = useDraft(props.drafts, props.draftKey);
  return (
    <section class="my-notes">
      <h3>{t('note_addTitle')}</h3>
      <blockquote class="note-quote">{props.quote.length > QUOTE_SHOWN ? `${props.quote.slice(0, QUOTE_SHOWN)}…` : props.quote}</blockquote>
      {draft !== undefined && (
        <NoteEditor
          label={t('note_addTitle')}
          initialBody={draft?.body}
          initialTags={draft ? parseTags(draft.tags) : undefined}
          onChange={(body, tags) => keep({ body, tags: tags.join(', ') })}
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
