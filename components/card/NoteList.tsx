import type { Note } from '@/lib/notes/model';
import { formatDateTime, t } from '@/lib/i18n';

/**
 * Notes rendered as text: a body containing markup shows the markup, it never runs.
 * `onShow`, where the notes' page is open beside the list (the side panel), offers to bring each passage into view.
 */
export function NoteList({ notes, onShow }: { notes: Note[]; onShow?(note: Note): void }) {
  return (
    <ul class="notes">
      {notes.map((note) => (
        <li key={note.id} class="note">
          <p class="note-body">{note.body}</p>
          {note.kind === 'passage' && <blockquote class="note-quote">{note.target.quote.exact}</blockquote>}
          <p class="note-meta">
            <time dateTime={new Date(note.updatedAt).toISOString()}>{formatDateTime(note.updatedAt)}</time>
            {note.tags.map((tag) => (
              <span key={tag} class="tag">
                #{tag}
              </span>
            ))}
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
