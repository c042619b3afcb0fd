/**
 * Every read of the notes: the background answers requests with these, and
 * extension pages (dashboard, side panel) run them live on the same database,
 * so a card, a list and the glossary can never count differently.
 * Reads hand out well-formed notes only; damaged records go to `malformedRecords`.
 */
import type { NotesDb } from './db';
import { isWellFormed, type Note, type TextPositionSelector, type TextQuoteSelector } from './model';

/** A concept's notes as the card shows them: how many, and the latest few. */
export interface ConceptNotes {
  count: number;
  latest: Note[];
}

/** A passage note as a content script sees it: where to mark it, never what it says. */
export interface PassageAnchor {
  id: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

const newestFirst = (notes: Note[]) => notes.sort((a, b) => b.updatedAt - a.updatedAt);

/** A concept's notes, newest first: its concept notes and the passage notes that name it. */
export async function notesOnConcept(db: NotesDb, conceptId: string): Promise<Note[]> {
  const records: unknown[] = await db.notes.where('conceptId').equals(conceptId).or('conceptIds').equals(conceptId).toArray();
  return newestFirst(records.filter(isWellFormed));
}

export async function conceptNotes(db: NotesDb, conceptId: string, limit = 3): Promise<ConceptNotes> {
  const notes = await notesOnConcept(db, conceptId);
  return { count: notes.length, latest: notes.slice(0, limit) };
}

/** One note by its id; undefined when it is not stored or its record is damaged. */
export async function noteById(db: NotesDb, id: string): Promise<Note | undefined> {
  const record: unknown = await db.notes.get(id);
  return isWellFormed(record) ? record : undefined;
}

/** The passage notes stored under a page's canonical URL. */
export async function notesOnPage(db: NotesDb, url: string): Promise<Note[]> {
  const records: unknown[] = await db.notes.where('target.url').equals(url).toArray();
  return records.filter(isWellFormed);
}

/** Where a page's passage notes are, and nothing of what they say. */
export async function anchorsOnPage(db: NotesDb, url: string): Promise<PassageAnchor[]> {
  return (await notesOnPage(db, url)).flatMap((n) =>
    n.kind === 'passage' ? [{ id: n.id, quote: n.target.quote, position: n.target.position }] : [],
  );
}

/** Every record, split into well-formed notes (newest first) and damaged records. */
export async function allRecords(db: NotesDb): Promise<{ notes: Note[]; damaged: unknown[] }> {
  // Sorted here rather than by the updatedAt index, which would misplace (or drop) records whose time is not a number.
  const records: unknown[] = await db.notes.toArray();
  const notes: Note[] = [];
  const damaged: unknown[] = [];
  for (const record of records) {
    if (isWellFormed(record)) notes.push(record);
    else damaged.push(record);
  }
  return { notes: newestFirst(notes), damaged };
}
