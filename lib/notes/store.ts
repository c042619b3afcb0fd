/**
 * The one place that writes notes. Each write is a single Dexie transaction,
 * so a service worker stopped half-way leaves either the old state or the new.
 */
import * as v from 'valibot';
import type { ConceptNotes, ImportReport } from '../messages';
import type { NotesDb } from './db';
import { NoteSchema, type Note, type NoteDraft } from './model';
import { guardWrite, NotFoundError } from './errors';
import { toBackup, toJsonLd, toMarkdown } from './export';
import { parseBackup, planImport } from './import';

export type ExportFormat = 'json' | 'markdown' | 'jsonld';

const newId = () => crypto.randomUUID();

export class NotesStore {
  constructor(
    readonly db: NotesDb,
    private readonly now: () => number = Date.now,
  ) {}

  async forConcept(conceptId: string, limit = 3): Promise<ConceptNotes> {
    const notes = await this.db.notes.where('conceptId').equals(conceptId).toArray();
    notes.sort((a, b) => b.updatedAt - a.updatedAt);
    return { count: notes.length, latest: notes.slice(0, limit) };
  }

  forPage(url: string): Promise<Note[]> {
    return this.db.notes.where('target.url').equals(url).toArray();
  }

  async all(): Promise<Note[]> {
    return (await this.db.notes.orderBy('updatedAt').reverse().toArray()) as Note[];
  }

  save(draft: NoteDraft): Promise<Note> {
    return guardWrite(() =>
      this.db.transaction('rw', this.db.notes, async () => {
        const now = this.now();
        const existing = draft.id ? await this.db.notes.get(draft.id) : undefined;
        if (draft.id && !existing) throw new NotFoundError(draft.id);
        if (existing && existing.kind !== draft.kind) throw new Error('A note cannot change from a concept note to a passage note.');
        const { id: _ignored, ...fields } = draft;
        const note = v.parse(NoteSchema, {
          ...fields,
          id: existing?.id ?? newId(),
          createdAt: existing?.createdAt ?? now,
          // Strictly increasing, so merges by updatedAt always prefer the latest edit.
          updatedAt: existing ? Math.max(now, existing.updatedAt + 1) : now,
        });
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

  async exportAs(format: ExportFormat, conceptNames: Record<string, string> = {}) {
    const notes = await this.all();
    const stamp = new Date(this.now()).toISOString().slice(0, 10);
    switch (format) {
      case 'json':
        return { fileName: `alliance-lens-notes-${stamp}.json`, mimeType: 'application/json', text: toBackup(notes, new Date(this.now())) };
      case 'markdown':
        return { fileName: `alliance-lens-notes-${stamp}.md`, mimeType: 'text/markdown', text: toMarkdown(notes, conceptNames, new Date(this.now())) };
      case 'jsonld':
        return { fileName: `alliance-lens-notes-${stamp}.jsonld`, mimeType: 'application/ld+json', text: toJsonLd(notes, conceptNames) };
    }
  }

  /** Validates the whole file first (throws ImportError), then applies the merge in one transaction. */
  async import(text: string, apply: boolean): Promise<ImportReport> {
    const incoming = parseBackup(text);
    const run = async () => {
      const existing = new Map((await this.db.notes.bulkGet(incoming.map((n) => n.id))).flatMap((n) => (n ? [[n.id, n] as const] : [])));
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
