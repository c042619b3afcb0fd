/**
 * What the content script tells the notes frame over their private port
 * (see frame-protocol.ts), checked by the frame before use. Apart from its
 * type, only the frame imports this: its schemas stay out of the content
 * script, which runs on every page.
 */
import * as v from 'valibot';
import { ConceptSourceSchema, TextPositionSelectorSchema, TextQuoteSelectorSchema } from './notes/model';

const conceptId = v.pipe(v.string(), v.nonEmpty(), v.maxLength(100));
const url = v.pipe(v.string(), v.nonEmpty(), v.maxLength(4_000));

/** What the content script tells the frame to show. */
export const ToFrameSchema = v.variant('type', [
  /**
   * The card's notes section for a concept; `pinned` cards offer the editor. `source`: the page and the
   * sentence around the term, recorded with a new note (none of it is a secret from the page).
   */
  v.strictObject({
    type: v.literal('concept'),
    conceptId,
    conceptName: v.pipe(v.string(), v.maxLength(300)),
    pinned: v.boolean(),
    source: v.optional(ConceptSourceSchema),
  }),
  /** A new passage note for the reader's selection. */
  v.strictObject({
    type: v.literal('passage-new'),
    url,
    title: v.pipe(v.string(), v.maxLength(1_000)),
    quote: TextQuoteSelectorSchema,
    position: TextPositionSelectorSchema,
    conceptIds: v.pipe(v.array(conceptId), v.maxLength(16)),
  }),
  /** The note of a passage marker the reader clicked. */
  v.strictObject({ type: v.literal('passage-show'), url, noteId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/)) }),
  /** Notes changed somewhere: refetch when they concern what is shown (empty: anything); `noteId`: the note a save stored. */
  v.strictObject({
    type: v.literal('notes-changed'),
    conceptIds: v.array(conceptId),
    noteId: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/))),
  }),
  /** Keyboard focus enters the frame (Tab from the card), at its first or last control. */
  v.strictObject({ type: v.literal('focus'), at: v.picklist(['first', 'last']) }),
  /** Whether something of the page covers the frame (sent only where the frame cannot observe that itself). */
  v.strictObject({ type: v.literal('covered'), covered: v.boolean() }),
]);
export type ToFrame = v.InferOutput<typeof ToFrameSchema>;

/** Parses one port message; anything else is dropped. */
export function parseToFrame(data: unknown): ToFrame | null {
  const parsed = v.safeParse(ToFrameSchema, data);
  return parsed.success ? parsed.output : null;
}
