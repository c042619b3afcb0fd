/**
 * Validates raw corpus data and names the failing entry and field, so a
 * malformed corpus fails the build with a message a person can act on.
 */
import * as v from 'valibot';
import {
  CategorySchema,
  ConceptSchema,
  KoreanEntrySchema,
  SourceDocSchema,
  CATEGORY_IDS,
  PartiesSchema,
  type Corpus,
  type Parties,
} from './schema.ts';
import { aliasKey, normaliseKeepCase } from '../text/normalise.ts';

export class CorpusError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid corpus:\n  - ${problems.join('\n  - ')}`);
    this.name = 'CorpusError';
  }
}

function entryName(entry: unknown, index: number): string {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id ? `"${id}"` : `#${index}`;
}

function describeIssues(kind: string, entry: unknown, index: number, issues: v.BaseIssue<unknown>[]) {
  return issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '(entry)';
    return `${kind} ${entryName(entry, index)}, field ${path}: ${issue.message}`;
  });
}

export function validateList<T>(kind: string, schema: v.GenericSchema<unknown, T>, raw: unknown, problems: string[]): T[] {
  if (!Array.isArray(raw)) {
    problems.push(`${kind} list: must be an array`);
    return [];
  }
  const out: T[] = [];
  raw.forEach((entry, index) => {
    const result = v.safeParse(schema, entry);
    if (result.success) out.push(result.output);
    else problems.push(...describeIssues(kind, entry, index, result.issues));
  });
  return out;
}

/**
 * Merges data/ko.json (keyed by concept id) into the raw concepts: the Korean
 * name and texts become `ko`, the Korean aliases join the concept's aliases.
 * Every concept needs an entry. Returns the problems found.
 */
export function mergeKorean(concepts: unknown[], raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['data/ko.json: must be an object keyed by concept id'];
  const problems: string[] = [];
  const entries = raw as Record<string, unknown>;
  const byId = new Map(concepts.map((c) => [(c as { id?: unknown })?.id, c as Record<string, unknown>]));
  for (const id of Object.keys(entries)) if (!byId.has(id)) problems.push(`ko "${id}": no concept has this id`);
  for (const [id, concept] of byId) {
    if (typeof id !== 'string') continue;
    if (!(id in entries)) {
      problems.push(`ko "${id}": missing (every concept needs a Korean name and definition)`);
      continue;
    }
    const result = v.safeParse(KoreanEntrySchema, entries[id]);
    if (!result.success) {
      problems.push(...describeIssues('ko', { id }, 0, result.issues));
      continue;
    }
    const { aliases, ...text } = result.output;
    const dates = Array.isArray(concept.dates) ? concept.dates.length : 0;
    if (text.dates && text.dates.length !== dates) problems.push(`ko "${id}", field dates: ${text.dates.length} labels for ${dates} dates`);
    concept.ko = text;
    const list = Array.isArray(concept.aliases) ? (concept.aliases as Record<string, unknown>[]) : [];
    for (const alias of aliases) if (!list.some((a) => a.text === alias)) list.push({ text: alias, caseSensitive: false, lang: 'ko' });
    concept.aliases = list;
  }
  return problems;
}

function validateParties(raw: unknown, problems: string[]): Parties {
  const result = v.safeParse(PartiesSchema, raw);
  if (result.success) return result.output;
  problems.push(...result.issues.map((issue) => `parties, field ${v.getDotPath(issue) ?? '(file)'}: ${issue.message}`));
  return {};
}

/** Qualifiers name known party groups and concepts; a not-name contains one of the concept's aliases. */
function checkQualifiers(c: Corpus['concepts'][number], ids: Set<string>, parties: Parties, problems: string[]) {
  const d = c.disambiguation;
  if (!d) return;
  const field = `concept "${c.id}", field disambiguation`;
  const group = (name: string, path: string) => {
    if (!parties[name]) problems.push(`${field}.${path}: unknown party group "${name}"`);
  };
  d.qualifiers?.own.forEach((g, i) => group(g, `qualifiers.own.${i}`));
  d.qualifiers?.other.forEach((g, i) => group(g, `qualifiers.other.${i}`));
  d.qualifiers?.siblings.forEach((s, i) => {
    if (!ids.has(s.conceptId) || s.conceptId === c.id)
      problems.push(`${field}.qualifiers.siblings.${i}.conceptId: unknown concept "${s.conceptId}"`);
    s.parties.forEach((g, j) => group(g, `qualifiers.siblings.${i}.parties.${j}`));
  });
  d.notNames.forEach((name, i) => {
    const key = aliasKey(name);
    if (!c.aliases.some((a) => key.includes(aliasKey(a.text))))
      problems.push(`${field}.notNames.${i}: "${name}" contains none of the concept's aliases`);
  });
}

/**
 * An alias text may belong to one concept only, unless every owner marks it
 * ambiguous (the matcher then tells them apart by context). `only`: report
 * clashes that involve these concepts (a pack checked against what is installed).
 */
export function aliasClashes(concepts: readonly Corpus['concepts'][number][], only?: ReadonlySet<string>): string[] {
  const owners = new Map<string, { id: string; ambiguous: boolean }[]>();
  for (const c of concepts) {
    for (const a of c.aliases) {
      // Compared as the matcher sees them: "한·미 동맹" and "한미동맹", "U.S.-ROK" and "US ROK" are one name.
      const key = a.caseSensitive ? normaliseKeepCase(a.text) : aliasKey(a.text);
      const list = owners.get(key) ?? [];
      const ambiguous = !!c.disambiguation?.aliases.includes(a.text);
      if (!list.some((o) => o.id === c.id)) list.push({ id: c.id, ambiguous });
      owners.set(key, list);
    }
  }
  const problems: string[] = [];
  for (const [alias, list] of owners) {
    if (list.length < 2 || list.every((o) => o.ambiguous)) continue;
    const at = only ? list.findIndex((o) => only.has(o.id)) : 1;
    if (at < 0) continue;
    const other = list[at === 0 ? 1 : 0]!;
    problems.push(
      `concept "${list[at]!.id}", field aliases: "${alias}" is also an alias of "${other.id}" and is not marked ambiguous in both`,
    );
  }
  return problems;
}

/** Parses the corpus files; throws CorpusError listing every problem found. */
export function validateCorpus(raw: { concepts: unknown; sources: unknown; categories: unknown; parties?: unknown }): Corpus {
  const problems: string[] = [];
  const parties = validateParties(raw.parties ?? {}, problems);
  const concepts = validateList('concept', ConceptSchema, raw.concepts, problems);
  const sources = validateList('source', SourceDocSchema, raw.sources, problems);
  const categories = validateList('category', CategorySchema, raw.categories, problems);

  const ids = new Set<string>();
  for (const c of concepts) {
    if (ids.has(c.id)) problems.push(`concept "${c.id}", field id: duplicate id`);
    ids.add(c.id);
  }
  const sourceIds = new Set(sources.map((s) => s.id));
  for (const c of concepts) {
    c.related.forEach((r, i) => {
      if (!ids.has(r)) problems.push(`concept "${c.id}", field related.${i}: unknown concept "${r}"`);
      if (r === c.id) problems.push(`concept "${c.id}", field related.${i}: a concept cannot relate to itself`);
    });
    c.sources.forEach((s, i) => {
      if (!sourceIds.has(s.sourceId)) problems.push(`concept "${c.id}", field sources.${i}.sourceId: unknown source "${s.sourceId}"`);
    });
    c.disambiguation?.aliases.forEach((text, i) => {
      if (!c.aliases.some((a) => a.text === text))
        problems.push(`concept "${c.id}", field disambiguation.aliases.${i}: "${text}" is not one of its aliases`);
    });
    checkQualifiers(c, ids, parties, problems);
  }
  for (const id of CATEGORY_IDS) {
    if (!categories.some((c) => c.id === id)) problems.push(`category "${id}": missing`);
  }

  problems.push(...aliasClashes(concepts));

  if (problems.length) throw new CorpusError(problems);
  return { concepts, sources, categories, parties };
}
