/**
 * The corpus as extension pages show it: the bundled concepts and those of the
 * concept packs switched on, read live from the packs database (a change made
 * in any tab re-renders), plus the names of concepts no pack switched on holds,
 * for the notes that name them. Packs are written by the background only.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import { corpus as bundled } from 'virtual:alliance-corpus';
import type { Corpus } from '@/lib/corpus/schema';
import { corpusOf, openPacksDb, readPacks, type InstalledPack, type PacksDb, type RetiredConcept } from '@/lib/corpus/pack-store';

let shared: PacksDb | undefined;

export interface InstalledCorpus {
  corpus: Corpus;
  /** Concept id → the names of a concept whose pack is switched off or removed. */
  missing: ReadonlyMap<string, RetiredConcept>;
  packs: InstalledPack[];
}

const NOTHING = { installed: [] as InstalledPack[], retired: [] as RetiredConcept[] };

export function useInstalledCorpus(): InstalledCorpus {
  const [state, setState] = useState(NOTHING);
  useEffect(() => {
    const subscription = liveQuery(() => readPacks((shared ??= openPacksDb()))).subscribe({
      next: setState,
      error: () => setState(NOTHING),
    });
    return () => subscription.unsubscribe();
  }, []);
  return useMemo(() => ({ ...corpusOf(bundled, state.installed, state.retired), packs: state.installed }), [state]);
}
