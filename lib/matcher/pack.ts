/**
 * The compiled matcher as the bundles carry it: the content script ships it
 * to every page, so each party list, category colour and alias flag is
 * written once and expanded when the script starts. Qualifiers repeat the
 * same few party lists (eight unique among nineteen concepts), every concept
 * repeated its category's colours, and alias entries their field names.
 * unpackMatcher(packMatcher(m)) equals m (pack.test.ts).
 */
import type { AliasEntry, CompiledConcept, CompiledMatcher, CompiledQualifiers } from './compile';

/** conceptId, flags (AMBIGUOUS | PROPER_NAME), then `exact` if the entry has one. */
type PackedAlias = [string, number] | [string, number, string];
/** reach, own, other (indices into `partyLists`), siblings as [conceptId, parties], years. */
type PackedQualifiers = [CompiledQualifiers['reach'], number, number, [string, number][], string[]];

export interface PackedMatcher extends Pick<CompiledMatcher, 'version' | 'pattern' | 'cuePattern' | 'cues' | 'notNames'> {
  aliases: Record<string, PackedAlias[]>;
  /** Concept id → its category. */
  concepts: Record<string, string>;
  /** Category → [colour, colourDark]. */
  colours: Record<string, [string, string]>;
  partyLists: string[][];
  qualifiers: Record<string, PackedQualifiers>;
}

const AMBIGUOUS = 1;
const PROPER_NAME = 2;

const mapValues = <A, B>(record: Record<string, A>, f: (value: A, key: string) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value, key)]));

export function packMatcher(m: CompiledMatcher): PackedMatcher {
  const partyLists: string[][] = [];
  const listIndex = new Map<string, number>();
  const list = (parties: string[]) => {
    const key = JSON.stringify(parties);
    if (!listIndex.has(key)) listIndex.set(key, partyLists.push(parties) - 1);
    return listIndex.get(key)!;
  };
  const colours: Record<string, [string, string]> = {};
  for (const c of Object.values(m.concepts)) colours[c.category] = [c.colour, c.colourDark];
  return {
    version: m.version,
    pattern: m.pattern,
    cuePattern: m.cuePattern,
    aliases: mapValues(m.aliases, (entries) =>
      entries.map((e): PackedAlias => {
        const flags = (e.ambiguous ? AMBIGUOUS : 0) | (e.properName ? PROPER_NAME : 0);
        return e.exact === undefined ? [e.conceptId, flags] : [e.conceptId, flags, e.exact];
      }),
    ),
    concepts: mapValues(m.concepts, (c) => c.category),
    colours,
    cues: m.cues,
    qualifiers: mapValues(
      m.qualifiers,
      (q): PackedQualifiers => [q.reach, list(q.own), list(q.other), q.siblings.map((s) => [s.conceptId, list(s.parties)]), q.years],
    ),
    partyLists,
    notNames: m.notNames,
  };
}

export function unpackMatcher(p: PackedMatcher): CompiledMatcher {
  const parties = (i: number) => p.partyLists[i]!;
  return {
    version: p.version,
    pattern: p.pattern,
    cuePattern: p.cuePattern,
    aliases: mapValues(p.aliases, (entries) =>
      entries.map(([conceptId, flags, exact]) => {
        const e: AliasEntry = { conceptId };
        if (exact !== undefined) e.exact = exact;
        if (flags & AMBIGUOUS) e.ambiguous = true;
        if (flags & PROPER_NAME) e.properName = true;
        return e;
      }),
    ),
    concepts: mapValues(p.concepts, (category, id): CompiledConcept => {
      const [colour, colourDark] = p.colours[category]!;
      return { id, category, colour, colourDark };
    }),
    cues: p.cues,
    qualifiers: mapValues(p.qualifiers, ([reach, own, other, siblings, years]) => ({
      reach,
      own: parties(own),
      other: parties(other),
      siblings: siblings.map(([conceptId, list]) => ({ conceptId, parties: parties(list) })),
      years,
    })),
    notNames: p.notNames,
  };
}
