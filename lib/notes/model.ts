/**
 * The reader's notes: the one shape stored in IndexedDB, sent in messages,
 * exported and imported. Validated wherever it crosses a boundary.
 */
import * as v from 'valibot';

export const MAX_BODY_CHARS = 20_000;
export const MAX_TAGS = 32;

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

export const PassageTargetSchema = v.strictObject({
  /** Normalised page URL (canonical link when present, tracking parameters removed). */
  url: v.pipe(v.string(), v.nonEmpty(), v.maxLength(4_000)),
  title: v.pipe(v.string(), v.maxLength(1_000)),
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema,
  /** A passage in a PDF: the document's PDF.js fingerprint (its identity whatever the file is called) and the page. */
  pdf: v.optional(
    v.strictObject({
      fingerprint: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{8,128}$/, 'must be a PDF fingerprint (8–128 letters and digits)')),
      pageIndex: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
    }),
  ),
});
export type PassageTarget = v.InferOutput<typeof PassageTargetSchema>;

const common = {
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be an id of 8–64 letters, digits, _ or -')),
  body: v.pipe(v.string(), v.maxLength(MAX_BODY_CHARS)),
  tags: v.pipe(v.array(tag), v.maxLength(MAX_TAGS)),
  createdAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  updatedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
};

export const ConceptNoteSchema = v.strictObject({
  ...common,
  kind: v.literal('concept'),
  conceptId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100)),
});

export const PassageNoteSchema = v.strictObject({
  ...common,
  kind: v.literal('passage'),
  /** Concepts mentioned inside the passage, for filtering; may be empty. */
  conceptIds: v.array(v.pipe(v.string(), v.nonEmpty(), v.maxLength(100))),
  target: PassageTargetSchema,
});

export const NoteSchema = v.variant('kind', [ConceptNoteSchema, PassageNoteSchema]);
export type ConceptNote = v.InferOutput<typeof ConceptNoteSchema>;
export type PassageNote = v.InferOutput<typeof PassageNoteSchema>;
export type Note = v.InferOutput<typeof NoteSchema>;

/** What a caller sends to create or edit a note; the store fills id and times. */
export const NoteDraftSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('concept'),
    id: v.optional(common.id),
    conceptId: ConceptNoteSchema.entries.conceptId,
    body: common.body,
    tags: common.tags,
  }),
  v.strictObject({
    kind: v.literal('passage'),
    id: v.optional(common.id),
    conceptIds: PassageNoteSchema.entries.conceptIds,
    target: PassageTargetSchema,
    body: common.body,
    tags: common.tags,
  }),
]);
export type NoteDraft = v.InferOutput<typeof NoteDraftSchema>;
