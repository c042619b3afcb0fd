/**
 * The background's side of concept packs: the corpus its handlers answer from
 * (bundled + packs switched on), the concept names notes may carry (also of
 * packs switched off or removed, so their notes stay valid), and the compiled
 * matcher content scripts receive — all rebuilt once when the packs change.
 */
import type { Corpus } from '../corpus/schema';
import { corpusOf, readPacks, type PackStore } from '../corpus/pack-store';
import { compileMatcher } from '../matcher/compile';
import { packMatcher } from '../matcher/pack';
import type { InstalledMatcher } from '../matcher/installed';

export interface MatcherChannel {
  read(): Promise<InstalledMatcher | null>;
  write(value: InstalledMatcher): Promise<void>;
}

export class InstalledConcepts {
  corpus: Corpus;
  /** Concept id → name for every concept a note may name; NotesStore holds this same map. */
  readonly names = new Map<string, string>();

  /** @param build names the bundled corpus (e.g. the extension's version): a new one compiles the packs again. */
  constructor(
    readonly store: PackStore,
    private readonly bundled: Corpus,
    private readonly channel: MatcherChannel,
    private readonly build: string,
  ) {
    this.corpus = bundled;
    this.setNames(new Map());
  }

  private setNames(missing: ReadonlyMap<string, { name: string }>) {
    this.names.clear();
    for (const [id, r] of missing) this.names.set(id, r.name);
    for (const c of this.corpus.concepts) this.names.set(c.id, c.name);
  }

  private queue: Promise<void> = Promise.resolve();

  /**
   * Reads the packs again; compiles and publishes the matcher only when the packs switched on differ from the
   * published one. One at a time, in order: a refresh that read the packs earlier never publishes over a later one.
   */
  refresh(): Promise<void> {
    const run = this.queue.then(() => this.rebuild());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuild(): Promise<void> {
    const { installed, retired } = await readPacks(this.store.db);
    const { corpus, missing } = corpusOf(this.bundled, installed, retired);
    this.corpus = corpus;
    this.setNames(missing);
    const on = installed
      .filter((p) => p.enabled)
      .map((p) => `${p.id}@${p.pack.version}`)
      .sort();
    const signature = `${this.build}|${on.join(',')}`;
    if ((await this.channel.read())?.signature === signature) return;
    await this.channel.write({ signature, matcher: on.length ? packMatcher(compileMatcher(corpus)) : null });
  }
}
