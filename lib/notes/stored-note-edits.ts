/**
 * Unsaved edits of stored notes, kept per note id until saved or discarded,
 * so closing the dashboard, navigating away or scrolling a row out of the
 * virtual list loses nothing. Lives in the extension page's own
 * localStorage (extension origin, never a web page's). Drafts of notes not
 * stored yet are new-note-drafts.ts.
 */
import { isNoteDraft, parseTags, tagsText, type NoteDraft } from './note-draft';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'alliance-lens:edit-draft:';

/** An edit kept by an earlier version, with its tags as a list: read as the field would show them. */
function asDraft(value: unknown): NoteDraft | null {
  if (isNoteDraft(value)) return value;
  const old = value as { body?: unknown; tags?: unknown } | null;
  if (typeof old?.body === 'string' && Array.isArray(old.tags) && old.tags.every((x) => typeof x === 'string'))
    return { body: old.body, tags: tagsText(old.tags) };
  return null;
}

export class StoredNoteEdits {
  constructor(private readonly storage: KeyValueStore) {}

  get(noteId: string): NoteDraft | null {
    try {
      return asDraft(JSON.parse(this.storage.getItem(PREFIX + noteId) ?? 'null'));
    } catch {
      return null;
    }
  }

  /** Keeps `draft`; a draft that says what the stored note says is no edit and is dropped. */
  set(noteId: string, draft: NoteDraft, stored: { body: string; tags: readonly string[] }): void {
    if (unchanged(draft, stored)) this.clear(noteId);
    else this.storage.setItem(PREFIX + noteId, JSON.stringify(draft));
  }

  clear(noteId: string): void {
    this.storage.removeItem(PREFIX + noteId);
  }
}

function unchanged(draft: NoteDraft, stored: { body: string; tags: readonly string[] }): boolean {
  return draft.body.trim() === stored.body.trim() && parseTags(draft.tags).join('\u0000') === stored.tags.join('\u0000');
}
