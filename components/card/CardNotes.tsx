import { useEffect, useState } from 'preact/hooks';
import type { ConceptNotes } from '@/lib/notes/queries';
import type { NewNoteDrafts } from '@/lib/notes/new-note-drafts';
import { t } from '@/lib/i18n';
import { NoteEditor } from './NoteEditor';
import { NoteList } from './NoteList';
import { useNewNoteDraft } from './use-new-note-draft';

export interface CardNotesProps {
  conceptName: string;
  /** null while loading. */
  notes: ConceptNotes | null;
  notesError?: string;
  /** A pinned card offers the editor straight away; a hover card is a compact strip that pins itself first. */
  pinned: boolean;
  onPin(): void;
  onSaveNote(body: string, tags: string[]): Promise<void>;
  onDraftChange?(dirty: boolean): void;
  /** Told when the editor opens and closes: the card sizes the notes frame by this alone, never by the notes. */
  onEditingChange?(editing: boolean): void;
  /** Where unsaved drafts are kept, under `draftKey`, until saved or discarded. */
  drafts?: NewNoteDrafts;
  draftKey: string;
}

/** The card's "Your notes" section: the count, latest notes and the editor. Rendered inside the extension's notes frame. */
export function CardNotes(props: CardNotesProps) {
  const { notes, pinned } = props;
  const [editing, setEditing] = useState(false);
  const { draft, keep, discard } = useNewNoteDraft(props.drafts, props.draftKey);
  // A kept draft reopens in the editor as soon as the card is pinned; a hover card only says it is there.
  // While the kept draft is still being read (undefined), a click on Add note waits for it: an editor opened
  // empty would not show the draft, and the first keystroke would overwrite it.
  const reading = draft === undefined;
  const open = pinned && !reading && (editing || !!draft);
  useEffect(() => props.onEditingChange?.(open), [open]);
  const heading = (
    <h3>
      {t('card_yourNotes')} <span class="count">{notes ? notes.count : '…'}</span>
    </h3>
  );
  const addButton = (
    <button
      type="button"
      class="primary add-note"
      aria-busy={editing && reading ? 'true' : undefined}
      onClick={() => {
        if (!pinned) props.onPin();
        setEditing(true);
      }}
    >
      {draft ? t('card_continueDraft') : t('card_addNote')}
    </button>
  );
  if (!pinned) {
    return (
      <section class="my-notes compact" aria-label={t('card_yourNotes')}>
        <div class="notes-strip">
          {heading}
          {addButton}
        </div>
        {props.notesError && <p class="error">{props.notesError}</p>}
        {notes?.latest[0] && <p class="latest-note">{notes.latest[0].body}</p>}
      </section>
    );
  }
  return (
    <section class={open ? 'my-notes' : 'my-notes pinned-list'} aria-label={t('card_yourNotes')}>
      {open ? (
        heading
      ) : (
        <div class="notes-strip">
          {heading}
          {addButton}
        </div>
      )}
      {props.notesError && <p class="error">{props.notesError}</p>}
      {open ? (
        // The editor comes first and alone, so its title and Save stay in view.
        <NoteEditor
          label={t('card_addNoteFor', props.conceptName)}
          initialBody={draft?.body}
          initialTags={draft?.tags}
          onDraftChange={props.onDraftChange}
          onChange={(body, tags) => keep({ body, tags })}
          onCancel={() => {
            discard();
            props.onDraftChange?.(false);
            setEditing(false);
          }}
          onSave={async (body, tags) => {
            await props.onSaveNote(body, tags);
            discard();
            props.onDraftChange?.(false);
            setEditing(false);
          }}
        />
      ) : (
        // The list scrolls inside the frame's fixed height; Add note stays beside the heading.
        <div class="notes-scroll">
          {notes && notes.count === 0 && (
            <div class="notes-empty">
              <p>{t('card_noNotes')}</p>
              <p class="muted">{t('card_noNotesHint')}</p>
            </div>
          )}
          {notes && <NoteList notes={notes.latest} />}
        </div>
      )}
    </section>
  );
}
