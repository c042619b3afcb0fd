/**
 * Unsaved edits of stored notes, kept per note id until saved or discarded,
 * so closing the dashboard, navigating away or scrolling a row out of the
 * virtual list loses nothing. Lives in the extension page's own
 * localStorage (extension origin, never a web page's).
 */
export interface EditDraft {
  body: string;
  tags: string[];
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'alliance-lens:edit-draft:';

function isDraft(value: unknown): value is EditDraft {
  const d = value as EditDraft;
  return typeof d === 'object' && d !== null && typeof d.body === 'string' && Array.isArray(d.tags) && d.tags.every((x) => typeof x === 'string');
}

export class EditDrafts {
  constructor(private readonly storage: KeyValueStore) {}

  get(noteId: string): EditDraft | null {
    try {
      const value: unknown = JSON.parse(this.storage.getItem(PREFIX + noteId) ?? 'null');
      return isDraft(value) ? value : null;
    } catch {
      return null;
    }
  }

  /** Keeps `draft`; a draft equal to the stored note is no draft and is dropped. */
  set(noteId: string, draft: EditDraft, stored: EditDraft): void {
    if (sameDraft(draft, stored)) this.clear(noteId);
    else this.storage.setItem(PREFIX + noteId, JSON.stringify(draft));
  }

  clear(noteId: string): void {
    this.storage.removeItem(PREFIX + noteId);
  }
}

export function sameDraft(a: EditDraft, b: EditDraft): boolean {
  return a.body.trim() === b.body.trim() && a.tags.join('\u0000') === b.tags.join('\u0000');
}
