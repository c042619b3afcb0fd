/**
 * Concept packs: the JSON format in which readers and teams share their own
 * concepts (README, "Concept packs"), its validation, and its conversion into
 * corpus concepts, so that pack concepts go through the same matcher, cards
 * and glossary as the bundled corpus (which is itself the pack that is always there).
 * An import is untrusted: any problem refuses the whole pack, naming the concept and field.
 */
import * as v from 'valibot';
import { CATEGORY_IDS, type Concept, type Corpus, type SourceDoc } from './schema';
import { aliasClashes, validateList } from './validate';

export const PACK_FORMAT = 'alliance-lens-pack';
export const MAX_PACK_CONCEPTS = 5_000;
export const MAX_PACK_BYTES = 2 * 1024 * 1024;
/** The bundled corpus, as a pack id: no import may take it. */
const BUNDLED_PACK_ID = 'alliance-lens';
/** The pack the reader edits in the dashboard. */
export const MY_CONCEPTS_PACK_ID = 'my-concepts';

/** Tags, comments and entities: pack text is shown as text, and markup in it is refused rather than shown raw. */
const MARKUP = /<\s*[a-z!/?]|&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i;
const plain = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty('must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check((s) => !MARKUP.test(s), 'must be plain text (no markup)'),
  );
/** Ids such as "constructor" or "__proto__" name properties every JavaScript object has. */
const id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id (a-z, 0-9 and -)'),
  v.maxLength(100, 'must be at most 100 characters'),
  v.check((s) => !(s in Object.prototype) && s !== 'prototype', 'must not be a name every JavaScript object has'),
);
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)'));

/** Words so short and common that highlighting them would mark half a page. */
const COMMON_SHORT = new Set('a i an as at be by do go he hi if in is it me my no of oh ok on or so to up us we am id ex re'.split(' '));
/** One character, or a common word of two letters (any case). */
const isCommonShortWord = (alias: string) => [...alias.trim()].length === 1 || COMMON_SHORT.has(alias.trim().toLowerCase());
const alias = v.pipe(
  plain(120),
  v.check((s) => !isCommonShortWord(s), 'is a common word of two letters or fewer'),
);
const hangul = v.check((s: string) => /[\uac00-\ud7af]/u.test(s), 'must contain Hangul');

const PackSourceSchema = v.object({
  title: plain(300),
  url: v.pipe(v.string(), v.maxLength(2_000), v.url('must be a web address'), v.startsWith('https://', 'must be an https:// address')),
  publisher: v.optional(plain(200)),
  date: v.optional(isoDate),
});

/** A definition that holds as of a date ("as of 2025"), shown with its date. */
const DatedDefinitionSchema = v.object({ asOf: isoDate, text: plain(1_000), ko: v.optional(v.pipe(plain(1_000), hangul)) });

export const PackConceptSchema = v.object({
  id,
  name: plain(200),
  /** Names the concept is written as; the name itself is always one. */
  aliases: v.pipe(v.array(alias), v.minLength(1, 'must list at least one alias'), v.maxLength(50, 'must list at most 50 aliases')),
  definition: plain(2_000),
  category: v.picklist(CATEGORY_IDS, `must be one of ${CATEGORY_IDS.join(', ')}`),
  /** Aliases with other senses: highlighted only where the page supports this one. */
  ambiguous: v.optional(v.array(plain(120)), []),
  /** Words that support this sense near an ambiguous alias. */
  cues: v.optional(v.pipe(v.array(plain(120)), v.maxLength(50)), []),
  /** Words of the other senses: where they win, an ambiguous alias is not highlighted. */
  otherSenseCues: v.optional(v.pipe(v.array(plain(120)), v.maxLength(50)), []),
  ko: v.optional(
    v.object({
      name: v.pipe(plain(120), hangul),
      aliases: v.optional(v.pipe(v.array(v.pipe(alias, hangul)), v.maxLength(50)), []),
      definition: v.optional(v.pipe(plain(2_000), hangul)),
    }),
  ),
  sources: v.optional(v.pipe(v.array(PackSourceSchema), v.maxLength(20, 'must list at most 20 sources')), []),
  related: v.optional(v.pipe(v.array(id), v.maxLength(50)), []),
  definitions: v.optional(v.pipe(v.array(DatedDefinitionSchema), v.maxLength(20)), []),
});
export type PackConcept = v.InferOutput<typeof PackConceptSchema>;
export type PackConceptInput = v.InferInput<typeof PackConceptSchema>;

/** The pack without its concepts, which are checked one by one so an error names the concept. */
const PackEnvelopeSchema = v.object({
  format: v.literal(PACK_FORMAT, `must be "${PACK_FORMAT}"`),
  version: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be a positive integer')),
  id,
  name: plain(200),
  description: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(2_000),
      v.check((s) => !MARKUP.test(s), 'must be plain text (no markup)'),
    ),
    '',
  ),
  concepts: v.pipe(
    v.array(v.unknown(), 'must be a list of concepts'),
    v.minLength(1, 'must hold at least one concept'),
    v.maxLength(MAX_PACK_CONCEPTS, `must hold at most ${MAX_PACK_CONCEPTS.toLocaleString('en')} concepts`),
  ),
});

export type Pack = Omit<v.InferOutput<typeof PackEnvelopeSchema>, 'concepts'> & { concepts: PackConcept[] };

export class PackError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `This pack was not imported: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    );
    this.name = 'PackError';
  }
}

/** What a pack is checked against: the bundled corpus and the packs already installed. */
export interface PackContext {
  bundled: readonly Concept[];
  installed: readonly Pack[];
}

/** An alias written without lower-case letters and with two capitals or more is an acronym: its case must match. */
const isAcronym = (text: string) => !/\p{Ll}/u.test(text) && (text.match(/\p{Lu}/gu)?.length ?? 0) >= 2;

/** A pack's concepts as corpus concepts, with a source document per cited source. */
function packConcepts(pack: Pack): { concepts: Concept[]; sources: SourceDoc[] } {
  const sources: SourceDoc[] = [];
  const concepts = pack.concepts.map((c): Concept => {
    const aliases: Concept['aliases'] = [];
    const add = (text: string, lang?: 'ko') => {
      if (!aliases.some((a) => a.text === text)) aliases.push({ text, caseSensitive: !lang && isAcronym(text), ...(lang && { lang }) });
    };
    [c.name, ...c.aliases].forEach((a) => add(a));
    if (c.ko) [c.ko.name, ...c.ko.aliases].forEach((a) => add(a, 'ko'));
    const refs = c.sources.map((s, i) => {
      const doc: SourceDoc = {
        id: `${pack.id}/${c.id}/${i}`,
        file: '',
        title: s.title,
        author: '',
        publisher: s.publisher ?? new URL(s.url).hostname,
        date: s.date ?? '',
        url: s.url,
      };
      sources.push(doc);
      return { sourceId: doc.id, section: '', locator: '' };
    });
    const koDates = c.definitions.map((d) => d.ko);
    return {
      id: c.id,
      name: c.name,
      category: c.category,
      aliases,
      short: c.definition,
      detail: '',
      dates: c.definitions.map((d) => ({ date: d.asOf, label: d.text })),
      related: c.related,
      sources: refs,
      ...((c.ambiguous.length > 0 || c.cues.length > 0 || c.otherSenseCues.length > 0) && {
        disambiguation: { aliases: c.ambiguous, otherSenses: [], cuesFor: c.cues, cuesAgainst: c.otherSenseCues, notNames: [] },
      }),
      ...(c.ko && {
        ko: {
          name: c.ko.name,
          short: c.ko.definition ?? c.definition,
          detail: '',
          ...(koDates.length > 0 && koDates.every((d) => d !== undefined) && { dates: koDates as string[] }),
        },
      }),
      pack: { id: pack.id, name: pack.name },
    };
  });
  return { concepts, sources };
}

/** The bundled corpus with the concepts of `packs` (those switched on) added. */
export function mergeCorpus(bundled: Corpus, packs: readonly Pack[]): Corpus {
  if (!packs.length) return bundled;
  const parts = packs.map(packConcepts);
  return {
    ...bundled,
    concepts: [...bundled.concepts, ...parts.flatMap((p) => p.concepts)],
    sources: [...bundled.sources, ...parts.flatMap((p) => p.sources)],
  };
}

/** Checks what no single concept's schema can: ids and aliases against each other, the bundled corpus and the other packs. */
function crossCheck(pack: Pack, context: PackContext): string[] {
  const problems: string[] = [];
  if (pack.id === BUNDLED_PACK_ID) problems.push(`pack, field id: "${pack.id}" is the bundled corpus`);
  const installed = context.installed.find((p) => p.id === pack.id);
  if (installed && installed.version >= pack.version)
    problems.push(`pack, field version: version ${pack.version} is not newer than the installed version ${installed.version}`);
  const others = context.installed.filter((p) => p.id !== pack.id);
  const owner = new Map<string, string>(context.bundled.map((c) => [c.id, 'the bundled corpus']));
  for (const p of others) for (const c of p.concepts) owner.set(c.id, `pack "${p.name}"`);
  const ids = new Set<string>();
  for (const c of pack.concepts) {
    const at = `concept "${c.id}"`;
    if (ids.has(c.id)) problems.push(`${at}, field id: duplicate id`);
    ids.add(c.id);
    if (owner.has(c.id)) problems.push(`${at}, field id: "${c.id}" is already a concept of ${owner.get(c.id)}`);
    c.ambiguous.forEach((a, i) => {
      if (a !== c.name && !c.aliases.includes(a)) problems.push(`${at}, field ambiguous.${i}: "${a}" is not one of its aliases`);
    });
  }
  for (const c of pack.concepts) {
    c.related.forEach((r, i) => {
      if (r === c.id) problems.push(`concept "${c.id}", field related.${i}: a concept cannot relate to itself`);
      else if (!ids.has(r) && !owner.has(r)) problems.push(`concept "${c.id}", field related.${i}: unknown concept "${r}"`);
    });
  }
  const all = [...context.bundled, ...others.flatMap((p) => packConcepts(p).concepts), ...packConcepts(pack).concepts];
  problems.push(...aliasClashes(all, ids));
  return problems;
}

/** Checks a parsed JSON value as a pack; throws PackError listing every problem. */
export function validatePack(raw: unknown, context: PackContext): Pack {
  const envelope = v.safeParse(PackEnvelopeSchema, raw);
  if (!envelope.success)
    throw new PackError(envelope.issues.map((issue) => `pack, field ${v.getDotPath(issue) ?? '(file)'}: ${issue.message}`));
  const problems: string[] = [];
  const concepts = validateList('concept', PackConceptSchema, envelope.output.concepts, problems);
  if (problems.length) throw new PackError(problems);
  const pack: Pack = { ...envelope.output, concepts };
  problems.push(...crossCheck(pack, context));
  if (problems.length) throw new PackError(problems);
  return pack;
}

/** Reads a pack file's text: at most 2 MB of JSON, then validatePack. */
export function parsePack(text: string, context: PackContext): Pack {
  if (new TextEncoder().encode(text).length > MAX_PACK_BYTES)
    throw new PackError([`pack: the file is over ${MAX_PACK_BYTES / 1024 / 1024} MB`]);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PackError([`pack: not a JSON file (${(e as Error).message})`]);
  }
  return validatePack(raw, context);
}

/** A pack as a file to share. */
export function packFile(pack: Pack): { fileName: string; mimeType: string; text: string } {
  return { fileName: `${pack.id}-v${pack.version}.json`, mimeType: 'application/json', text: `${JSON.stringify(pack, null, 2)}\n` };
}
