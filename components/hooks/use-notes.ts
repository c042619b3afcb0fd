/**
 * The notes as the dashboard and the side panel's page notes read them (and
 * the database's health, for their banner): live queries (Dexie's liveQuery,
 * so a change in any tab re-renders) over lib/notes/queries.ts, the module the
 * background answers from. The card's notes (LiveCardNotes, in the notes frame
 * and the PDF reader) and the reader's passage notes ask the background
 * instead, and reload when told of a change (notes:changed; the notes frame
 * hears it from the page it sits on). Every write goes to the background.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import { openNotesDb, watchDbHealth, type DbHealth, type NotesDb } from '@/lib/notes/db';
import type { Note } from '@/lib/notes/model';
import { allRecords, notesOnConcept, notesOnPage } from '@/lib/notes/queries';

let shared: NotesDb | undefined;

/** The database the hooks below read; extension pages share one, opened on first use (tests provide their own). */
export const NotesDbContext = createContext<NotesDb | undefined>(undefined);
const useNotesDb = () => useContext(NotesDbContext) ?? (shared ??= openNotesDb());

/** A query as Preact state, run again whenever the notes it read change; `initial` until it answers or if it fails. */
function useLive<T>(query: (db: NotesDb) => Promise<T>, deps: unknown[], initial: T): T {
  const db = useNotesDb();
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(() => query(db)).subscribe({ next: setValue, error: () => setValue(initial) });
    return () => subscription.unsubscribe();
  }, [db, ...deps]);
  return value;
}

const NO_RECORDS = { notes: [], damaged: [] };

/** Every well-formed note (newest first) and every damaged record. */
export const useAllNotes = (): { notes: Note[]; damaged: unknown[] } => useLive(allRecords, [], NO_RECORDS);

/** A concept's notes, counted as the card counts them (passage notes naming it included). */
export const useConceptNotes = (conceptId: string): Note[] => useLive((db) => notesOnConcept(db, conceptId), [conceptId], []);

/** The passage notes stored under a page's canonical URL. */
export const usePageNotes = (url: string): Note[] => useLive((db) => notesOnPage(db, url), [url], []);

/** Whether the notes database can be used here (see watchDbHealth). */
export function useDbHealth(): DbHealth {
  const db = useNotesDb();
  const [health, setHealth] = useState<DbHealth>('ok');
  useEffect(() => watchDbHealth(db, setHealth), [db]);
  return health;
}
