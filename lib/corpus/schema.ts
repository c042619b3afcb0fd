/**
 * The shape of the bundled corpus (data/*.json). Checked at build time by
 * scripts/corpus-plugin.ts and in tests, so a malformed entry never ships.
 */
import * as v from 'valibot';

import { CATEGORY_IDS, type CategoryId } from './categories.ts';

export { CATEGORY_IDS, type CategoryId };

const nonEmpty = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)'));
const conceptId = v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id'));
const hexColour = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'must be a #rrggbb colour'));

const AliasSchema = v.strictObject({
  /** The text as a reader meets it ("Special Measures Agreement", "SMA", "방위비분담특별협정"). */
  text: nonEmpty,
  /** Acronyms are matched case-sensitively; names are not. */
  caseSensitive: v.boolean(),
  lang: v.optional(v.picklist(['en', 'ko'])),
});
export type Alias = v.InferOutput<typeof AliasSchema>;

const SourceRefSchema = v.strictObject({
  /** id of a document in data/sources.json */
  sourceId: nonEmpty,
  /** The section heading of the document under which the concept appears. */
  section: nonEmpty,
  /** An exact phrase (≤ 12 words) from the document that grounds the entry. */
  locator: v.pipe(
    nonEmpty,
    v.check((s) => s.split(/\s+/).length <= 12, 'must be at most 12 words'),
  ),
});

/**
 * Who a name belongs to, read from the words that qualify it. An agreement,
 * strategy or exercise name qualified by another party ("the U.S.–Japan
 * Special Measures Agreement", "Canada's Indo-Pacific Strategy") is not the
 * alliance concept; qualified by a sibling's party ("Seoul's Indo-Pacific
 * Strategy") it is the sibling concept. Parties are group names of data/parties.json.
 */
export const QualifiersSchema = v.strictObject({
  /**
   * How far party words are read: "phrase" only the words qualifying the name
   * (for a party's own document, which others mention freely); "page" also the
   * sentence, paragraph, section and page, nearest first (for a bilateral instrument,
   * whose other party is named by its context).
   */
  reach: v.picklist(['phrase', 'page']),
  /** Parties that confirm the alliance concept. */
  own: v.optional(v.array(nonEmpty), []),
  /** Parties whose instrument of the same name is not the alliance concept. */
  other: v.pipe(v.array(nonEmpty), v.minLength(1)),
  /** Parties whose instrument of the same name is another concept of the corpus. */
  siblings: v.optional(v.array(v.strictObject({ conceptId, parties: v.pipe(v.array(nonEmpty), v.minLength(1)) })), []),
  /**
   * For a one-off document or event: its year(s). Another year qualifying the
   * name ("the 2018 National Defense Strategy", "the 1994 Washington Declaration") is another document.
   */
  years: v.optional(v.array(v.pipe(v.string(), v.regex(/^\d{4}$/, 'must be a year (YYYY)'))), []),
});
export type Qualifiers = v.InferOutput<typeof QualifiersSchema>;

/**
 * Kept in data/disambiguation.json (keyed by concept id) and merged into the
 * concept on load. Aliases listed here are highlighted only when the context
 * supports the alliance sense.
 */
const DisambiguationSchema = v.pipe(
  v.strictObject({
    /** Alias texts of this concept that have other senses; each must be one of the concept's aliases. */
    aliases: v.optional(v.array(nonEmpty), []),
    /** The other senses a reader may meet ("spinal muscular atrophy"). */
    otherSenses: v.optional(v.array(nonEmpty), []),
    /** Words or phrases whose presence nearby supports the alliance sense. */
    cuesFor: v.optional(v.array(nonEmpty), []),
    /** Words or phrases whose presence nearby points to another sense. */
    cuesAgainst: v.optional(v.array(nonEmpty), []),
    qualifiers: v.optional(QualifiersSchema),
    /** Longer names that contain an alias but are something else ("Ulchi Freedom Shield"): never this concept. */
    notNames: v.optional(v.array(nonEmpty), []),
  }),
  v.check(
    (d) => d.aliases.length === 0 || (d.otherSenses.length > 0 && d.cuesFor.length > 0 && d.cuesAgainst.length > 0),
    'ambiguous aliases need otherSenses, cuesFor and cuesAgainst',
  ),
  v.check((d) => d.aliases.length > 0 || !!d.qualifiers || d.notNames.length > 0, 'must list ambiguous aliases, qualifiers or notNames'),
);
export type Disambiguation = v.InferOutput<typeof DisambiguationSchema>;

const HANGUL_LETTER = /[\uac00-\ud7af\u3130-\u318f]/gu;
/** Korean text: at least `min` characters and at most `max`, its letters mostly Hangul (an English copy fails). */
const korean = (min: number, max: number) =>
  v.pipe(
    nonEmpty,
    v.minLength(min, `must be at least ${min} characters`),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check(
      (s) => (s.match(HANGUL_LETTER)?.length ?? 0) >= 0.5 * (s.match(/\p{L}/gu)?.length ?? 0),
      'must be written in Korean (mostly Hangul)',
    ),
  );
const withHangul = v.pipe(
  nonEmpty,
  v.check((s) => /[\uac00-\ud7af]/u.test(s), 'must contain Hangul'),
);

/** The Korean side of a concept, shown first when the interface is in Korean. */
const KoreanTextSchema = v.strictObject({
  /** The standard Korean name ("핵협의그룹"); it may keep an acronym ("오커스(AUKUS)"). */
  name: v.pipe(withHangul, v.maxLength(60, 'must be at most 60 characters')),
  short: korean(20, 240),
  detail: korean(60, 700),
  /** The labels of the concept's key dates, in the same order (missing: the English labels). */
  dates: v.optional(v.array(withHangul)),
});

/** One entry of data/ko.json (keyed by concept id), merged into the concept on load. */
export const KoreanEntrySchema = v.strictObject({
  ...KoreanTextSchema.entries,
  /** Forms Korean writing uses; added to the concept's aliases with lang "ko". */
  aliases: v.array(withHangul),
});

export const ConceptSchema = v.strictObject({
  id: conceptId,
  name: nonEmpty,
  category: v.picklist(CATEGORY_IDS),
  aliases: v.pipe(v.array(AliasSchema), v.minLength(1)),
  short: v.pipe(nonEmpty, v.maxLength(240, 'must be at most 240 characters')),
  detail: nonEmpty,
  dates: v.array(v.strictObject({ date: isoDate, label: nonEmpty })),
  related: v.array(conceptId),
  sources: v.pipe(v.array(SourceRefSchema), v.minLength(1)),
  disambiguation: v.optional(DisambiguationSchema),
  ko: v.optional(KoreanTextSchema),
  /** The concept pack it comes from (lib/corpus/pack.ts); absent for the bundled corpus. */
  pack: v.optional(v.strictObject({ id: conceptId, name: nonEmpty })),
});
export type Concept = v.InferOutput<typeof ConceptSchema>;

export const SourceDocSchema = v.strictObject({
  id: nonEmpty,
  /** File name under ../shared/seeds/ that holds the text. */
  file: nonEmpty,
  title: nonEmpty,
  author: nonEmpty,
  publisher: nonEmpty,
  date: isoDate,
  url: v.optional(v.pipe(v.string(), v.url())),
  /** The author's and publisher's names as Korean writing gives them, only where a Korean form is in use. */
  ko: v.optional(v.strictObject({ author: v.optional(nonEmpty), publisher: v.optional(nonEmpty) })),
});
export type SourceDoc = v.InferOutput<typeof SourceDocSchema>;

export const CategorySchema = v.strictObject({
  id: v.picklist(CATEGORY_IDS),
  label: nonEmpty,
  /** Used on light pages and in light theme. */
  colour: hexColour,
  /** Used on dark pages and in dark theme. */
  colourDark: hexColour,
});
export type Category = v.InferOutput<typeof CategorySchema>;

/** data/parties.json: named groups of words that name a party (a country, its government, its forces). */
export const PartiesSchema = v.record(conceptId, v.pipe(v.array(nonEmpty), v.minLength(1)));
export type Parties = v.InferOutput<typeof PartiesSchema>;

const CorpusSchema = v.strictObject({
  concepts: v.array(ConceptSchema),
  parties: PartiesSchema,
  sources: v.array(SourceDocSchema),
  categories: v.array(CategorySchema),
});
export type Corpus = v.InferOutput<typeof CorpusSchema>;
