/**
 * The notes database. Opened by the background, and read live by the
 * dashboard and the side panel (components/hooks/use-notes.ts), which share
 * its origin; the notes frame and the PDF reader ask the background. Never
 * opened by content scripts, where IndexedDB would belong to the web page.
 *
 * Versions: every schema change is a new version with an upgrade(), and the
 * tests open a saved database of every earlier version.
 *  1 – notes
 *  2 – trash (deleted notes kept for undo), createdAt index, tags always an array
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Note } from './model';

export const NOTES_DB_NAME = 'alliance-lens-notes';

export interface TrashedNote {
  id: string;
  deletedAt: number;
  note: Note;
}

export type NotesDb = Dexie & {
  notes: EntityTable<Note, 'id'>;
  trash: EntityTable<TrashedNote, 'id'>;
};

/** Version 1's stores, kept so tests can create a version-1 database exactly as it shipped. */
export const SCHEMA_V1 = { notes: 'id, kind, conceptId, *conceptIds, target.url, updatedAt, *tags' };
export const SCHEMA_V2 = { ...SCHEMA_V1, notes: `${SCHEMA_V1.notes}, createdAt`, trash: 'id, deletedAt' };

export function openNotesDb(name = NOTES_DB_NAME): NotesDb {
  const db = new Dexie(name) as NotesDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade((tx) =>
      // Version 1 let a note without tags through; later code relies on an array.
      tx
        .table('notes')
        .toCollection()
        .modify((note: Record<string, unknown>) => {
          if (!Array.isArray(note.tags)) note.tags = [];
        }),
    );
  return db;
}

export type DbHealth = 'ok' | 'blocked' | 'unavailable';

/**
 * Reports whether the database can be used: opened ("ok"), an upgrade held
 * up by another tab that keeps an older version open ("blocked"), or an open
 * that failed ("unavailable", e.g. a private window without storage).
 * Returns a function that stops reporting.
 */
export function watchDbHealth(db: NotesDb, onChange: (health: DbHealth) => void): () => void {
  let live = true;
  const blocked = () => live && onChange('blocked');
  db.on('blocked', blocked);
  db.open().then(
    () => live && onChange('ok'),
    () => live && onChange('unavailable'),
  );
  return () => {
    live = false;
    db.on('blocked').unsubscribe(blocked);
  };
}
