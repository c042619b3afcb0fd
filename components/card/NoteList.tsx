import type { Note } from '@/lib/notes/model';
import { formatDateTime, t } from '@/lib/i18n';
import { MarkedText } from './MarkedText';

/**
 * A note's text and, for a passage note, its passage: as text, so a body containing markup shows the markup, it
 * never runs; the words of a search (`query`) marked.
 */
export function NoteText({ note, query }: { note: Note; query?: string }) {
  return (
    <>
      <MarkedText as="p" class="note-body" text={note.body} query={query} />
      {note.kind === 'passage' && <MarkedText as="blockquote" class="note-quote" text={note.target.quote.exact} query={query} />}
    </>
  );
}

export function NoteTags({ tags }: { tags: string[] }) {
  return (
    <>
      {tags.map((tag) => (
        <span key={tag} class="tag">
          #{tag}
        </span>
      ))}
    </>
  );
}

/**
 * Notes as a list: each note's text, time and tags.
 * `onShow`, where the notes' page is open beside the list (the side panel), offers to bring each passage into view.
 */
export function NoteList({ notes, onShow }: { notes: Note[]; onShow?(note: Note): void }) {
  return (
    <ul class="notes">
      {notes.map((note) => (
        <li key={note.id} class="note">
          <NoteText note={note} />
          <p class="note-meta">
            <time dateTime={new Date(note.updatedAt).toISOString()}>{formatDateTime(note.updatedAt)}</time>
            <NoteTags tags={note.tags} />
          </p>
          {onShow && (
            <button type="button" class="show-in-page" onClick={() => onShow(note)}>
              {t('panel_showInPage')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
