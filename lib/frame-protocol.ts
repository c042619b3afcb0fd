/**
 * The private channel between the content script and the notes frame (an
 * extension page inside the card's closed shadow root). The frame's URL
 * carries a random nonce; the content script transfers one end of a
 * MessageChannel with the first message, and from then on the two talk over
 * that port only. Nothing here ever carries note text: the frame reads and
 * writes notes with the background itself.
 */
import * as v from 'valibot';
import { ConceptSourceSchema, TextPositionSelectorSchema, TextQuoteSelectorSchema } from './notes/model';

export const FRAME_PAGE = '/notes-frame.html' as const;

/** 128 random bits, hex: the frame's one-time password for the handshake. */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether a message posted to the frame is the handshake it waits for: its nonce and a port. */
export function isHandshake(data: unknown, ports: readonly MessagePort[], nonce: string): boolean {
  return (
    nonce.length >= 32 &&
    typeof data === 'object' &&
    data !== null &&
    (data as { nonce?: unknown }).nonce === nonce &&
    Object.keys(data).length === 1 &&
    ports.length === 1
  );
}

const conceptId = v.pipe(v.string(), v.nonEmpty(), v.maxLength(100));
const url = v.pipe(v.string(), v.nonEmpty(), v.maxLength(4_000));

/** What the content script tells the frame to show. */
export const ToFrameSchema = v.variant('type', [
  /**
   * The card's notes section for a concept; `pinned` cards offer the editor. `source`: the page and the
   * sentence around the term, recorded with a new note (none of it is a secret from the page).
   */
  v.strictObject({ type: v.literal('concept'), conceptId, conceptName: v.pipe(v.string(), v.maxLength(300)), pinned: v.boolean(), source: v.optional(ConceptSourceSchema) }),
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
  v.strictObject({ type: v.literal('notes-changed'), conceptIds: v.array(conceptId), noteId: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/))) }),
  /** Keyboard focus enters the frame (Tab from the card), at its first or last control. */
  v.strictObject({ type: v.literal('focus'), at: v.picklist(['first', 'last']) }),
]);
export type ToFrame = v.InferOutput<typeof ToFrameSchema>;

/** What the frame asks of the content script (which owns the page side: position, focus, closing). */
export const FromFrameSchema = v.variant('type', [
  /** The reader wants to write: pin the card. */
  v.strictObject({ type: v.literal('pin') }),
  /** Close the card or panel (Escape, Close, Cancel); focus goes back to the page. */
  v.strictObject({ type: v.literal('close') }),
  /** A passage note was saved. */
  v.strictObject({ type: v.literal('saved') }),
  /** Tab left the frame's last (or Shift+Tab its first) control: the card's focus cycle continues. */
  v.strictObject({ type: v.literal('tab-out'), backwards: v.boolean() }),
  /** The card's editor opened or closed: the frame's height follows this, the reader's doing, and nothing else. */
  v.strictObject({ type: v.literal('editing'), open: v.boolean() }),
  /** Whether an editor in the frame holds unsaved text (an orphaned script keeps such a frame on screen). */
  v.strictObject({ type: v.literal('draft'), dirty: v.boolean() }),
]);
export type FromFrame = v.InferOutput<typeof FromFrameSchema>;

/** Parses one port message; anything else is dropped. */
export function parseFrameMessage<T>(schema: v.GenericSchema<unknown, T>, data: unknown): T | null {
  const parsed = v.safeParse(schema, data);
  return parsed.success ? parsed.output : null;
}

/** Lower-case letters only, so any two pieces joined by a hyphen make a valid custom element name. */
function randomLetters(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => String.fromCharCode(97 + (b % 26))).join('');
}

/**
 * A fresh tag name for the UI host, valid as a custom element name (so the
 * page cannot tell it from its own components) and different for every
 * script instance, so a page cannot register it first.
 */
export function randomHostTag(): string {
  return `${randomLetters(4)}-${randomLetters(8)}`;
}
