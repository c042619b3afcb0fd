/**
 * Drafts of new notes, not stored yet: one per concept or passage, kept until
 * the reader saves or discards them, so closing a card (Escape, a click
 * elsewhere) loses nothing. Kept in the extension's session storage (never the
 * page's): gone when the browser closes. The storage area is passed in, so
 * this runs under Vitest. Edits of stored notes are stored-note-edits.ts.
 */
import { isNoteDraft, type NoteDraft } from './note-draft';

/** The part of a browser storage area drafts need. */
export interface DraftArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface NewNoteDrafts {
  get(key: string): Promise<NoteDraft | null>;
  /** An empty draft (no body, no tags) is removed. */
  set(key: string, draft: NoteDraft): Promise<void>;
  discard(key: string): Promise<void>;
}

const PREFIX = 'draft:';

export const conceptDraftKey = (conceptId: string) => `${PREFIX}concept:${conceptId}`;
/** A passage draft is the page's and the quoted text's: the same selection again finds it. */
export const passageDraftKey = (url: string, quote: string) => `${PREFIX}passage:${url}\n${quote}`;

export function newNoteDrafts(area: DraftArea): NewNoteDrafts {
  return {
    async get(key) {
      const value = (await area.get(key))[key];
      return isNoteDraft(value) ? value : null;
    },
    async set(key, draft) {
      if (!draft.body.trim() && !draft.tags.trim()) return area.remove(key);
      await area.set({ [key]: { body: draft.body, tags: draft.tags } });
    },
    discard: (key) => area.remove(key),
  };
}

/** A storage area in memory (tests, and where the browser has no session storage). */
export function memoryArea(): DraftArea {
  const items = new Map<string, unknown>();
  return {
    get: async (key) => (items.has(key) ? { [key]: items.get(key) } : {}),
    set: async (values) => void Object.entries(values).forEach(([k, v]) => items.set(k, v)),
    remove: async (key) => void items.delete(key),
  };
}
