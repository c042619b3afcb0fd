/**
 * Embeds the extension's notes frame (entrypoints/notes-frame) and opens its
 * private channel: a random nonce, registered with the background and put in
 * the frame's URL, and one end of a
 * MessageChannel posted to the frame alone (target origin: the extension's),
 * never through the page's window. The frame reads and writes notes with the
 * background itself; this side only says what to show and hears back
 * requests about the page (pin, close, focus) — never note text.
 */
import { browser } from 'wxt/browser';
import { askBackground } from '@/lib/ask-background';
import { FRAME_PAGE, makeNonce, parseFromFrame, type FromFrame } from '@/lib/frame-protocol';
import type { ToFrame } from '@/lib/to-frame';

export interface NotesFrame {
  readonly element: HTMLIFrameElement;
  /** Tells the frame what to show (kept until the frame has loaded). */
  show(message: Extract<ToFrame, { type: 'concept' | 'passage-new' | 'passage-show' }>): void;
  /** Notes changed somewhere: the frame refetches what it shows if concerned. */
  notesChanged(conceptIds: string[], noteId?: string): void;
  /** Whether the frame holds text the reader typed and has not saved. */
  holdsDraft(): boolean;
  /** Moves keyboard focus into the frame, at its first or last control. */
  focus(at: 'first' | 'last'): void;
}

/**
 * The origin the frame's document has. Chrome loads the page by its dynamic
 * URL (what getURL returns) and redirects it to the extension's own origin;
 * Firefox serves it from the origin getURL returns.
 */
function frameOrigin(): string {
  return import.meta.env.FIREFOX ? new URL(browser.runtime.getURL('/')).origin : `chrome-extension://${browser.runtime.id}`;
}

export function createNotesFrame(title: string, onMessage: (message: FromFrame) => void): NotesFrame {
  const nonce = makeNonce();
  const src = `${browser.runtime.getURL(FRAME_PAGE)}#${nonce}`;
  let port: MessagePort | null = null;
  let shown: ToFrame | null = null;
  let dirty = false;
  const element = document.createElement('iframe');
  element.title = title;
  element.className = 'notes-frame';
  // A handshake at each load of the frame's own page: were the frame navigated elsewhere, the target origin
  // keeps the port from it. The first load claims the nonce in its URL; a reload (its URL's nonce spent) is
  // handed a fresh nonce, registered first, so a reloaded frame shows its notes again.
  const handshake = (withNonce: string) => {
    port?.close();
    dirty = false;
    const channel = new MessageChannel();
    port = channel.port1;
    port.onmessage = (e) => {
      const message = parseFromFrame(e.data);
      if (!message) return;
      if (message.type === 'draft') dirty = message.dirty;
      onMessage(message);
    };
    element.contentWindow?.postMessage({ nonce: withNonce }, frameOrigin(), [channel.port2]);
    if (shown) port.postMessage(shown);
  };
  let loads = 0;
  const onLoad = () => {
    if (loads++ === 0) return handshake(nonce);
    const fresh = makeNonce();
    askBackground('frame:register', { nonce: fresh }).then(() => handshake(fresh), () => undefined);
  };
  // The background learns the nonce first: the frame opens only for a nonce registered from this tab.
  // Only loads of the frame's own page count (not the empty document an iframe has before its src is set).
  askBackground('frame:register', { nonce }).then(
    () => {
      element.addEventListener('load', onLoad);
      element.src = src;
    },
    () => undefined,
  );
  const send = (message: ToFrame) => port?.postMessage(message);
  return {
    element,
    show(message) {
      shown = message;
      send(message);
    },
    notesChanged: (conceptIds, noteId) => send({ type: 'notes-changed', conceptIds, ...(noteId && { noteId }) }),
    holdsDraft: () => dirty,
    focus(at) {
      element.focus();
      send({ type: 'focus', at });
    },
  };
}

/** Places the frame's element in a Preact tree; Preact never re-creates it (a new element would reload the frame). */
export function FrameSlot({ frame, height }: { frame: NotesFrame; height: number }) {
  return (
    <div
      class="notes-slot"
      style={{ height: `${height}px` }}
      ref={(slot) => {
        if (slot && frame.element.parentNode !== slot) slot.append(frame.element);
      }}
    />
  );
}
