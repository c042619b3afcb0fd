/**
 * The one place that writes notes; its reads are lib/notes/queries.ts. Each
 * write is a single Dexie transaction, so a service worker stopped half-way
 * leaves either the old state or the new. A damaged record is reported by
 * `malformed()` and never reaches a card, a list or an export as a note.
 */
import type { NotesDb } from './db';
import { conceptIdsOf, isWellFormed, malformedReason, recordKey, untrustedReason, type CheckedDraft, type Note } from './model';
import { guardWrite, NotFoundError } from './errors';
import { toBackup, toJsonLd, toMarkdown, type Skipped } from './export';
import { parseImport, planImport, type ImportReport } from './import';
import { allRecords, anchorsOnPage, conceptNotes, noteById, notesOnPage, type ConceptNotes, type PassageAnchor } from './queries';

export type ExportFormat = 'json' | 'markdown' | 'jsonld';

const newId = () => crypto.randomUUID();

/** Everything but the times, keys sorted: what makes a repeated save "the same note". */
const content = (note: Note) =>
  JSON.stringify({ ...note, createdAt: 0, updatedAt: 0 }, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );

export class NotesStore {
  /**
   * @param concepts the corpus's concept ids and names: notes may name these
   *   concepts only, and exports print the names.
   */
  constructor(
    readonly db: NotesDb,
    private readonly concepts: ReadonlyMap<string, string>,
    private readonly now: () => number = Date.now,
  ) {}

  forConcept(conceptId: string, limit?: number): Promise<ConceptNotes> {
    return conceptNotes(this.db, conceptId, limit);
  }

  forPage(url: string): Promise<Note[]> {
    return notesOnPage(this.db, url);
  }

  anchorsForPage(url: string): Promise<PassageAnchor[]> {
    return anchorsOnPage(this.db, url);
  }

  /** The note stored under `id`, if it is there and well-formed. */
  byId(id: string): Promise<Note | undefined> {
    return noteById(this.db, id);
  }

  /** Well-formed notes, newest first. */
  async all(): Promise<Note[]> {
    return (await allRecords(this.db)).notes;
  }

  private async everything(): Promise<{ notes: Note[]; skipped: Skipped[] }> {
    const { notes, damaged } = await allRecords(this.db);
    return {
      notes,
      skipped: damaged.map((record) => ({ id: String(recordKey(record) ?? '?').slice(0, 100), problem: malformedReason(record)! })),
    };
  }

  /**
   * Creates a note (under `clientId` when the caller made one), or edits the
   * note `id`. Saving a `clientId` that is already stored with the same
   * content returns the stored note: a retried request never duplicates.
   */
  save(draft: CheckedDraft): Promise<Note> {
    return guardWrite(() =>
      this.db.transaction('rw', this.db.notes, async () => {
        const now = this.now();
        const { id, clientId, ...fields } = draft;
        if (id && clientId) throw new Error('A note is either new (clientId) or an edit (id), not both.');
        const key = id ?? clientId;
        const stored: unknown = key === undefined ? undefined : await this.db.notes.get(key);
        if (id && stored === undefined) throw new NotFoundError(id);
        if (stored !== undefined && !isWellFormed(stored))
          throw new Error(`The stored note "${key}" is damaged; delete it from the dashboard.`);
        const existing = stored as Note | undefined;
        if (existing && existing.kind !== fields.kind) throw new Error('A note cannot change from a concept note to a passage note.');
        const note: Note = {
          ...fields,
          id: existing?.id ?? clientId ?? newId(),
          createdAt: existing?.createdAt ?? now,
          // Strictly increasing, so merges by updatedAt always prefer the latest edit.
          updatedAt: existing ? Math.max(now, existing.updatedAt + 1) : now,
        };
        if (clientId && existing) {
          if (content(existing) === content(note)) return existing;
          throw new Error(`The note id "${clientId}" is already used by another note; nothing was saved.`);
        }
        // An edit may keep a concept a later corpus dropped; a new note may not name it.
        const known = existing ? new Map([...this.concepts, ...conceptIdsOf(existing).map((c) => [c, c] as const)]) : this.concepts;
        const untrusted = untrustedReason(note, known, now);
        if (untrusted) throw new Error(`The note was not saved: ${untrusted.path}: ${untrusted.problem}.`);
        await this.db.notes.put(note);
        return note;
      }),
    );
  }

  delete(id: string): Promise<boolean> {
    return guardWrite(() =>
      this.db.transaction('rw', this.db.notes, this.db.trash, async () => {
        const note = await this.db.notes.get(id);
        if (!note) return false;
        await this.db.trash.put({ id, deletedAt: this.now(), note });
        await this.db.notes.delete(id);
        return true;
      }),
    );
  }

  /** Removes a damaged record for good (there is nothing in it to restore); a well-formed note is left alone. */
  deleteMalformed(key: string | number): Promise<boolean> {
    return guardWrite(() =>
      this.db.transaction('rw', this.db.notes, async () => {
        const record: unknown = await this.db.notes.get(key as string);
        if (record === undefined || isWellFormed(record)) return false;
        await this.db.notes.delete(key as string);
        return true;
      }),
    );
  }

  /** Damaged records: their key (when they have one) and what is wrong. */
  async malformed(): Promise<Skipped[]> {
    return (await this.everything()).skipped;
  }

  restore(id: string): Promise<boolean> {
    return guardWrite(() =>
      this.db.transaction('rw', this.db.notes, this.db.trash, async () => {
        const trashed = await this.db.trash.get(id);
        if (!trashed) return false;
        await this.db.notes.put(trashed.note);
        await this.db.trash.delete(id);
        return true;
      }),
    );
  }

  /** The file for `format`; damaged records are left out and counted in `skipped` (and listed in the Markdown). */
  async exportAs(format: ExportFormat) {
    const { notes, skipped } = await this.everything();
    const now = new Date(this.now());
    const stamp = now.toISOString().slice(0, 10);
    const file = (extension: string, mimeType: string, text: string) => ({
      fileName: `alliance-lens-notes-${stamp}.${extension}`,
      mimeType,
      text,
      skipped: skipped.length,
    });
    switch (format) {
      case 'json':
        return file('json', 'application/json', toBackup(notes, now));
      case 'markdown':
        return file('md', 'text/markdown', toMarkdown(notes, this.concepts, now, skipped));
      case 'jsonld':
        return file('jsonld', 'application/ld+json', toJsonLd(notes, this.concepts));
    }
  }

  /** Validates the whole file first (throws ImportError), then applies the merge in one transaction. */
  async import(text: string, apply: boolean): Promise<ImportReport> {
    const incoming = parseImport(text, { knownConcepts: this.concepts, now: this.now() });
    const run = async () => {
      const stored: unknown[] = await this.db.notes.bulkGet(incoming.map((n) => n.id));
      const existing = new Map(incoming.flatMap((n, i) => (stored[i] === undefined ? [] : [[n.id, stored[i]] as const])));
      const plan = planImport(incoming, existing);
      if (apply) await this.db.notes.bulkPut([...plan.add, ...plan.update]);
      return { added: plan.add.length, updated: plan.update.length, skipped: plan.skip.length, applied: apply };
    };
    return apply ? guardWrite(() => this.db.transaction('rw', this.db.notes, run)) : run();
  }

  deleteAll(): Promise<number> {
    return guardWrite(() =>
      this.db.transaction('rw', this.db.notes, this.db.trash, async () => {
        const count = await this.db.notes.count();
        await this.db.notes.clear();
        await this.db.trash.clear();
        return count;
      }),
    );
  }
}
