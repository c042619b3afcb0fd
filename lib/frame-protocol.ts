/**
 * The private channel between the content script and the notes frame (an
 * extension page inside the card's closed shadow root). The frame's URL
 * carries a random nonce; the content script transfers one end of a
 * MessageChannel with the first message, and from then on the two talk over
 * that port only. Nothing here ever carries note text: the frame reads and
 * writes notes with the background itself. What the content script tells
 * the frame, and the frame checks, is in to-frame.ts: the content script
 * imports nothing of it but its type.
 */

export const FRAME_PAGE = '/notes-frame.html' as const;

/** 128 random bits, hex: the frame's one-time password for the handshake. */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The nonce a message posted to the frame offers, if it is a handshake: a
 * nonce alone, with exactly one port. The first load's handshake carries the
 * nonce in the frame's URL; a reloaded frame (its URL's nonce spent) is
 * handed a fresh one. Either opens the channel only once the background
 * confirms this tab's content script registered it.
 */
export function handshakeNonce(data: unknown, ports: readonly MessagePort[]): string | undefined {
  if (typeof data !== 'object' || data === null || Object.keys(data).length !== 1 || ports.length !== 1) return undefined;
  const { nonce } = data as { nonce?: unknown };
  return typeof nonce === 'string' && /^[0-9a-f]{32}$/.test(nonce) ? nonce : undefined;
}

/** What the frame asks of the content script (which owns the page side: position, focus, closing). */
export type FromFrame =
  /** The reader wants to write: pin the card. */
  | { type: 'pin' }
  /** Close the card or panel (Escape, Close, Cancel); focus goes back to the page. */
  | { type: 'close' }
  /** A passage note was saved. */
  | { type: 'saved' }
  /** Tab left the frame's last (or Shift+Tab its first) control: the card's focus cycle continues. */
  | { type: 'tab-out'; backwards: boolean }
  /** The card's editor opened or closed: the frame's height follows this, the reader's doing, and nothing else. */
  | { type: 'editing'; open: boolean }
  /** Whether an editor in the frame holds unsaved text (an orphaned script keeps such a frame on screen). */
  | { type: 'draft'; dirty: boolean };

/** Each message the frame may send, by type, with its one boolean field if it has one. */
const FROM_FRAME = new Map<string, string | null>([
  ['pin', null],
  ['close', null],
  ['saved', null],
  ['tab-out', 'backwards'],
  ['editing', 'open'],
  ['draft', 'dirty'],
]);

/**
 * Parses one message from the frame, strictly (no other fields); anything else
 * is dropped. Checked by hand, not with a valibot schema: the content script
 * runs on every page and would bundle valibot for this alone.
 */
export function parseFromFrame(data: unknown): FromFrame | null {
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !FROM_FRAME.has(type)) return null;
  const flag = FROM_FRAME.get(type);
  const keys = Object.keys(record);
  if (!flag) return keys.length === 1 && keys[0] === 'type' ? ({ type } as FromFrame) : null;
  if (keys.length !== 2 || !keys.includes(flag) || typeof record[flag] !== 'boolean') return null;
  return { type, [flag]: record[flag] } as FromFrame;
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
