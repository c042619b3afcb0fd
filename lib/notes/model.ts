/**
 * The reader's notes: the one shape stored in IndexedDB, sent in messages,
 * exported and imported. Validated wherever it crosses a boundary.
 */
import * as v from 'valibot';

const MAX_BODY_CHARS = 20_000;
const MAX_TAGS = 32;
/** A passage rarely names more than a handful of concepts; 5,003 planted ids once made a 484 KB note. */
export const MAX_CONCEPT_IDS = 16;
/** No note predates 2000-01-01; anything past the largest valid Date breaks every date display. */
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_DATE_MS = 8.64e15;

/** Ids such as "__proto__" or "toString" name properties every JavaScript object has. */
const notObjectKey = (id: string) => !(id in Object.prototype);
/** A concept id as any request or record may carry it; whether the corpus knows it is checked where the corpus is. */
export const ConceptIdSchema = v.pipe(v.string(), v.nonEmpty(), v.maxLength(100), v.check(notObjectKey, 'is not a concept id'));
const timestamp = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(MIN_TIME, 'must be a date on or after 2000-01-01'),
  v.maxValue(MAX_DATE_MS, 'must be a valid date'),
);

const tag = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64));

/** W3C Web Annotation TextQuoteSelector. */
export const TextQuoteSelectorSchema = v.strictObject({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.nonEmpty(), v.maxLength(5_000)),
  prefix: v.pipe(v.string(), v.maxLength(200)),
  suffix: v.pipe(v.string(), v.maxLength(200)),
});
export type TextQuoteSelector = v.InferOutput<typeof TextQuoteSelectorSchema>;

/** W3C Web Annotation TextPositionSelector (offsets into the page's text). */
export const TextPositionSelectorSchema = v.strictObject({
  type: v.literal('TextPositionSelector'),
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type TextPositionSelector = v.InferOutput<typeof TextPositionSelectorSchema>;

/**
 * A place in a PDF: the document's PDF.js fingerprint, the page, and where the
 * reader opened it (an http(s) address, or a local file's name), so "Open in
 * context" can open it again. Notes written before that have neither.
 */
const PdfPlaceSchema = v.strictObject({
  fingerprint: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{8,128}$/, 'must be a PDF fingerprint (8–128 letters and digits)')),
  pageIndex: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
  url: v.optional(v.pipe(v.string(), v.maxLength(4_000), v.regex(/^https?:\/\/\S+$/i, 'must be an http(s) address'))),
  fileName: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(1_000))),
});
export type PdfPlace = v.InferOutput<typeof PdfPlaceSchema>;

/** The URL a PDF's notes are stored under: the document's identity, not where the file was. */
export function pdfNotesUrl(fingerprint: string): string {
  return `urn:x-pdf:${fingerprint}`;
}

export const PassageTargetSchema = v.strictObject({
  /** Normalised page URL (canonical link when present, tracking parameters removed). */
  url: v.pipe(v.string(), v.nonEmpty(), v.maxLength(4_000)),
  title: v.pipe(v.string(), v.maxLength(1_000)),
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema,
  /** A passage in a PDF: the document's PDF.js fingerprint (its identity whatever the file is called) and the page. */
  pdf: v.optional(PdfPlaceSchema),
});
export type PassageTarget = v.InferOutput<typeof PassageTargetSchema>;

/**
 * Where a concept note was written (as Readwise or Memex keep it): the page,
 * as `currentPageUrl` normalises it, its title, and the mention with the
 * sentence around it as prefix and suffix. Notes written before this or in
 * the dashboard have none.
 */
export const ConceptSourceSchema = v.strictObject({
  url: PassageTargetSchema.entries.url,
  title: PassageTargetSchema.entries.title,
  quote: TextQuoteSelectorSchema,
  position: v.optional(TextPositionSelectorSchema),
  /** A mention in a PDF (written in the reader): where it is, as a passage's `pdf`. */
  pdf: v.optional(PdfPlaceSchema),
});
export type ConceptSource = v.InferOutput<typeof ConceptSourceSchema>;

const common = {
  id: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be an id of 8–64 letters, digits, _ or -'),
    v.check(notObjectKey, 'must not be a name JavaScript reserves (such as "__proto__")'),
  ),
  body: v.pipe(v.string(), v.maxLength(MAX_BODY_CHARS)),
  tags: v.pipe(v.array(tag), v.maxLength(MAX_TAGS)),
  createdAt: timestamp,
  updatedAt: timestamp,
};

const ConceptNoteSchema = v.strictObject({
  ...common,
  kind: v.literal('concept'),
  conceptId: ConceptIdSchema,
  source: v.optional(ConceptSourceSchema),
});

const PassageNoteSchema = v.strictObject({
  ...common,
  kind: v.literal('passage'),
  /** Concepts mentioned inside the passage, for filtering; may be empty. */
  conceptIds: v.pipe(
    v.array(ConceptIdSchema),
    v.maxLength(MAX_CONCEPT_IDS, `must name at most ${MAX_CONCEPT_IDS} concepts`),
    v.check((ids) => new Set(ids).size === ids.length, 'must not repeat a concept'),
  ),
  target: PassageTargetSchema,
});

export const NoteSchema = v.variant('kind', [ConceptNoteSchema, PassageNoteSchema]);
export type ConceptNote = v.InferOutput<typeof ConceptNoteSchema>;
export type PassageNote = v.InferOutput<typeof PassageNoteSchema>;
export type Note = v.InferOutput<typeof NoteSchema>;

/** A draft's concept ids, deduplicated before the cap applies (a passage may mention a concept twice). */
const draftConceptIds = v.pipe(
  v.array(ConceptIdSchema),
  v.transform((ids) => [...new Set(ids)]),
  v.maxLength(MAX_CONCEPT_IDS, `must name at most ${MAX_CONCEPT_IDS} concepts`),
);

/**
 * What a caller sends to create or edit a note; the store fills the times.
 * `id` edits an existing note; `clientId` creates one under an id the caller
 * made before sending, so sending the same draft again never duplicates it.
 */
const NoteDraftSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('concept'),
    id: v.optional(common.id),
    clientId: v.optional(common.id),
    conceptId: ConceptNoteSchema.entries.conceptId,
    source: ConceptNoteSchema.entries.source,
    body: common.body,
    tags: common.tags,
  }),
  v.strictObject({
    kind: v.literal('passage'),
    id: v.optional(common.id),
    clientId: v.optional(common.id),
    conceptIds: draftConceptIds,
    target: PassageTargetSchema,
    body: common.body,
    tags: common.tags,
  }),
]);
export type NoteDraft = v.InferInput<typeof NoteDraftSchema>;
/** Only a parse makes a `CheckedDraft` (ids checked, tags trimmed, concept ids deduplicated): the store need not parse again. */
export const CheckedDraftSchema = v.pipe(NoteDraftSchema, v.brand('CheckedDraft'));
export type CheckedDraft = v.InferOutput<typeof CheckedDraftSchema>;

export function conceptIdsOf(note: Note): string[] {
  return note.kind === 'concept' ? [note.conceptId] : note.conceptIds;
}

/** The page a note was written on, if it has one: a passage's page, or a concept note's source. */
export function pageOf(
  note: Note,
): { url: string; title: string; quote: TextQuoteSelector; position?: TextPositionSelector; pdf?: PdfPlace } | undefined {
  return note.kind === 'passage' ? note.target : note.source;
}

/** A stored record that passes the schema; anything else is shown and exported as malformed, never trusted. */
export const isWellFormed = (record: unknown): record is Note => v.is(NoteSchema, record);

/** Why a stored record is not a note, for the dashboard's malformed row and the export's list. */
export function malformedReason(record: unknown): string | undefined {
  const result = v.safeParse(NoteSchema, record);
  if (result.success) return undefined;
  const issue = result.issues[0];
  return `${v.getDotPath(issue) ?? 'record'}: ${issue.message}`;
}

/** A record's primary key as the dashboard can show and send it back. */
export const recordKey = (record: unknown): string | number | undefined => {
  const id = typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
};

const DAY_MS = 86_400_000;

/**
 * Why a note that passes the schema still cannot be kept: a concept the
 * corpus does not know, or a time more than a day ahead of `now`.
 */
export function untrustedReason(
  note: Note,
  knownConcepts: ReadonlyMap<string, unknown>,
  now: number,
): { path: string; problem: string } | undefined {
  const unknown = conceptIdsOf(note).find((id) => !knownConcepts.has(id));
  if (unknown !== undefined)
    return {
      path: note.kind === 'concept' ? 'conceptId' : 'conceptIds',
      problem: `concept "${unknown}" is not in the Alliance Lens corpus`,
    };
  for (const field of ['createdAt', 'updatedAt'] as const) {
    if (note[field] > now + DAY_MS)
      return { path: field, problem: `is in the future (${new Date(note[field]).toISOString().slice(0, 10)})` };
  }
  return undefined;
}
