/**
 * The installed concept packs, in their own database (the extension's
 * IndexedDB, like the notes): written by the background only, read live by
 * extension pages. A pack removed or switched off leaves the names of its
 * concepts behind (`retired`), so notes on them stay listed and exportable
 * under those names, and come back to life when the pack returns.
 *
 * Versions: 1 – packs, retired.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Concept, Corpus } from './schema';
import { MY_CONCEPTS_PACK_ID, PACK_FORMAT, mergeCorpus, packFile, parsePack, validatePack, type Pack, type PackConcept } from './pack';

/** The name "My concepts" has in the files it is shared as (the dashboard shows it in the interface language). */
const MY_CONCEPTS_NAME = 'My concepts';

const PACKS_DB_NAME = 'alliance-lens-packs';

export interface InstalledPack {
  id: string;
  pack: Pack;
  enabled: boolean;
  installedAt: number;
}

/** A concept whose pack was removed (or that left its pack): its names, for the notes that name it. */
export interface RetiredConcept {
  id: string;
  name: string;
  ko?: { name: string };
  packName: string;
}

export type PacksDb = Dexie & {
  packs: EntityTable<InstalledPack, 'id'>;
  retired: EntityTable<RetiredConcept, 'id'>;
};

export function openPacksDb(name = PACKS_DB_NAME): PacksDb {
  const db = new Dexie(name) as PacksDb;
  db.version(1).stores({ packs: 'id', retired: 'id' });
  return db;
}

/** A pack as the dashboard lists it. */
export interface PackSummary {
  id: string;
  name: string;
  description: string;
  version: number;
  concepts: number;
  enabled: boolean;
  /** "My concepts": edited in the dashboard. */
  editable: boolean;
}

const summaryOf = (p: InstalledPack): PackSummary => ({
  id: p.id,
  name: p.pack.name,
  description: p.pack.description,
  version: p.pack.version,
  concepts: p.pack.concepts.length,
  enabled: p.enabled,
  editable: p.id === MY_CONCEPTS_PACK_ID,
});

const retire = (pack: Pack, concepts: readonly PackConcept[]): RetiredConcept[] =>
  concepts.map((c) => ({ id: c.id, name: c.name, ...(c.ko && { ko: { name: c.ko.name } }), packName: pack.name }));

/** The corpus with the packs switched on, and the names of concepts no pack switched on holds (disabled or removed). */
export function corpusOf(
  bundled: Corpus,
  installed: readonly InstalledPack[],
  retired: readonly RetiredConcept[],
): { corpus: Corpus; missing: Map<string, RetiredConcept> } {
  const missing = new Map(retired.map((r) => [r.id, r]));
  for (const p of installed) if (!p.enabled) for (const r of retire(p.pack, p.pack.concepts)) missing.set(r.id, r);
  return {
    corpus: mergeCorpus(
      bundled,
      installed.filter((p) => p.enabled).map((p) => p.pack),
    ),
    missing,
  };
}

/** Reads both tables in one transaction: what extension pages and the background build the corpus from. */
export function readPacks(db: PacksDb): Promise<{ installed: InstalledPack[]; retired: RetiredConcept[] }> {
  return db.transaction('r', db.packs, db.retired, async () => ({
    installed: await db.packs.toArray(),
    retired: await db.retired.toArray(),
  }));
}

export class PackStore {
  constructor(
    readonly db: PacksDb,
    private readonly bundled: readonly Concept[],
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<PackSummary[]> {
    return (await this.db.packs.orderBy('id').toArray()).map(summaryOf);
  }

  /** Installs a pack, or a newer version of one (its switch kept); refused whole (PackError) with nothing changed. */
  import(text: string): Promise<PackSummary> {
    return this.db.transaction('rw', this.db.packs, this.db.retired, async () => {
      const installed = await this.db.packs.toArray();
      const pack = parsePack(text, { bundled: this.bundled, installed: installed.map((p) => p.pack) });
      return this.put(
        pack,
        installed.find((p) => p.id === pack.id),
      );
    });
  }

  private async put(pack: Pack, previous: InstalledPack | undefined): Promise<PackSummary> {
    const record: InstalledPack = { id: pack.id, pack, enabled: previous?.enabled ?? true, installedAt: this.now() };
    await this.db.packs.put(record);
    await this.db.retired.bulkDelete(pack.concepts.map((c) => c.id));
    // Concepts the new version dropped keep their names for the notes on them.
    if (previous)
      await this.db.retired.bulkPut(
        retire(
          previous.pack,
          previous.pack.concepts.filter((c) => !pack.concepts.some((n) => n.id === c.id)),
        ),
      );
    return summaryOf(record);
  }

  async setEnabled(id: string, enabled: boolean): Promise<boolean> {
    return (await this.db.packs.update(id, { enabled })) > 0;
  }

  /** Removes a pack; notes on its concepts are kept, and so are the concepts' names. */
  remove(id: string): Promise<boolean> {
    return this.db.transaction('rw', this.db.packs, this.db.retired, async () => {
      const record = await this.db.packs.get(id);
      if (!record) return false;
      await this.db.retired.bulkPut(retire(record.pack, record.pack.concepts));
      await this.db.packs.delete(id);
      return true;
    });
  }

  async export(id: string): Promise<{ fileName: string; mimeType: string; text: string }> {
    const record = await this.db.packs.get(id);
    if (!record) throw new Error('This pack is no longer installed.');
    return packFile(record.pack);
  }

  /** Adds a concept to "My concepts" (created on first use), or replaces the one with its id. */
  saveConcept(concept: PackConcept): Promise<PackSummary> {
    return this.db.transaction('rw', this.db.packs, this.db.retired, async () => {
      const installed = await this.db.packs.toArray();
      const mine = installed.find((p) => p.id === MY_CONCEPTS_PACK_ID);
      const concepts = [...(mine?.pack.concepts.filter((c) => c.id !== concept.id) ?? []), concept];
      const next = validatePack(
        {
          format: PACK_FORMAT,
          id: MY_CONCEPTS_PACK_ID,
          name: mine?.pack.name ?? MY_CONCEPTS_NAME,
          description: mine?.pack.description ?? '',
          version: (mine?.pack.version ?? 0) + 1,
          concepts,
        },
        { bundled: this.bundled, installed: installed.map((p) => p.pack) },
      );
      return this.put(next, mine);
    });
  }

  /** Takes a concept out of "My concepts" (the pack goes when its last concept does); notes on it keep its name. */
  deleteConcept(conceptId: string): Promise<boolean> {
    return this.db.transaction('rw', this.db.packs, this.db.retired, async () => {
      const mine = await this.db.packs.get(MY_CONCEPTS_PACK_ID);
      const gone = mine?.pack.concepts.find((c) => c.id === conceptId);
      if (!mine || !gone) return false;
      await this.db.retired.put(retire(mine.pack, [gone])[0]!);
      const concepts = mine.pack.concepts.filter((c) => c !== gone);
      if (concepts.length) await this.db.packs.put({ ...mine, pack: { ...mine.pack, version: mine.pack.version + 1, concepts } });
      else await this.db.packs.delete(MY_CONCEPTS_PACK_ID);
      return true;
    });
  }
}
