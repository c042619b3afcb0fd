import type { Note } from '@/lib/notes/model';
import { formatDateTime } from '@/lib/i18n';

/** Notes rendered as text: a body containing markup shows the markup, it never runs. */
export function NoteList({ notes }: { notes: Note[] }) {
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
        </li>
      ))}
    </ul>
  );
}
