/**
 * Full-text search over notes: bodies, tags, quoted passages and the names of
 * the concepts they are about, with prefix and fuzzy matching (MiniSearch).
 */
import MiniSearch from 'minisearch';
import { conceptIdsOf, type Note } from '../notes/model';

export interface NoteFilters {
  query: string;
  conceptId?: string;
  tag?: string;
  site?: string;
  /** Only notes updated on or after this time (ms). */
  since?: number;
}

interface IndexedNote {
  id: string;
  body: string;
  tags: string;
  quote: string;
  concepts: string;
  page: string;
}

export function siteOfNote(note: Note): string | undefined {
  if (note.kind !== 'passage') return undefined;
  try {
    return new URL(note.target.url).hostname;
  } catch {
    return undefined;
  }
}

export class NotesIndex {
  private readonly search = new MiniSearch<IndexedNote>({
    fields: ['body', 'tags', 'quote', 'concepts', 'page'],
    storeFields: [],
    searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost: { concepts: 2, tags: 1.5 } },
  });
  private notes = new Map<string, Note>();

  constructor(
    notes: Note[],
    private readonly conceptNames: ReadonlyMap<string, string>,
  ) {
    this.sync(notes);
  }

  /**
   * Brings the index in line with `notes` (the whole current list, as a live
   * query delivers it): only added, changed and removed notes are re-indexed,
   * so one edit among 10,000 notes does not rebuild the index.
   */
  sync(notes: Note[]): void {
    const next = new Map(notes.map((n) => [n.id, n]));
    for (const id of this.notes.keys()) if (!next.has(id)) this.search.discard(id);
    const added: IndexedNote[] = [];
    for (const note of notes) {
      const old = this.notes.get(note.id);
      if (!old) added.push(this.document(note));
      else if (old.updatedAt !== note.updatedAt || old.body !== note.body || old.tags.join('\u0000') !== note.tags.join('\u0000'))
        this.search.replace(this.document(note));
    }
    this.search.addAll(added);
    this.notes = next;
  }

  private document(n: Note): IndexedNote {
    return {
      id: n.id,
      body: n.body,
      tags: n.tags.join(' '),
      quote: n.kind === 'passage' ? n.target.quote.exact : '',
      concepts: conceptIdsOf(n)
        .map((id) => this.conceptNames.get(id) ?? id)
        .join(' '),
      page: n.kind === 'passage' ? `${n.target.title} ${n.target.url}` : '',
    };
  }

  /** Matching notes, best first for a query, newest first otherwise. */
  find(filters: NoteFilters): Note[] {
    const base = filters.query.trim()
      ? this.search.search(filters.query.trim()).flatMap((r) => (this.notes.has(r.id as string) ? [this.notes.get(r.id as string)!] : []))
      : [...this.notes.values()].sort((a, b) => b.updatedAt - a.updatedAt);
    return base.filter(
      (n) =>
        (!filters.conceptId || conceptIdsOf(n).includes(filters.conceptId)) &&
        (!filters.tag || n.tags.includes(filters.tag)) &&
        (!filters.site || siteOfNote(n) === filters.site) &&
        (!filters.since || n.updatedAt >= filters.since),
    );
  }
}
