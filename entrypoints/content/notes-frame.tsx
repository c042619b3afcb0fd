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
import type { UiLayer } from './ui-layer';

/** Whether the frame can observe its own visibility (IntersectionObserver v2); if not, this side checks for it. */
const FRAME_SEES_ITSELF = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

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
  /** Settles once the frame's own page has loaded: from then on focus in the frame stays there. */
  readonly loaded: Promise<void>;
}

/**
 * The origin the frame's document has. Chrome loads the page by its dynamic
 * URL (what getURL returns) and redirects it to the extension's own origin;
 * Firefox serves it from the origin getURL returns.
 */
function frameOrigin(): string {
  return import.meta.env.FIREFOX ? new URL(browser.runtime.getURL('/')).origin : `chrome-extension://${browser.runtime.id}`;
}

export function createNotesFrame(title: string, layer: Pick<UiLayer, 'watchCover'>, onMessage: (message: FromFrame) => void): NotesFrame {
  const nonce = makeNonce();
  const src = `${browser.runtime.getURL(FRAME_PAGE)}#${nonce}`;
  let port: MessagePort | null = null;
  let shown: ToFrame | null = null;
  let dirty = false;
  const element = document.createElement('iframe');
  element.title = title;
  element.className = 'notes-frame';
  /** Whether focus was asked into the frame: it follows into each page the frame loads. */
  let focusWanted = false;
  const { promise: loaded, resolve: markLoaded } = Promise.withResolvers<void>();
  // A handshake at each load of the frame's own page: were the frame navigated elsewhere, the target origin
  // keeps the port from it. The first load hands over the nonce in the frame's URL; a reload (that nonce
  // spent) a fresh one, registered first, so a reloaded frame shows its notes again.
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
    // A frame focused while its page loaded may lose focus as that page replaces the empty one: give it back.
    if (focusWanted) element.focus();
    markLoaded();
    watchCover();
  };
  // While the frame is in the page the layer raises itself over a cover; where the frame cannot see a cover
  // itself, it hears whether it is covered (a covered frame takes no input), asked afresh at each showing.
  let coverWatch: AbortController | undefined;
  const watchCover = () => {
    coverWatch?.abort();
    const watch = (coverWatch = new AbortController());
    let covered: boolean | undefined;
    const report = (now: boolean) => {
      if (!element.isConnected) return watch.abort();
      if (now !== covered) port?.postMessage({ type: 'covered', covered: (covered = now) } satisfies ToFrame);
    };
    layer.watchCover(() => (element.isConnected ? [element] : []), watch.signal, FRAME_SEES_ITSELF ? undefined : report);
  };
  const registered = askBackground('frame:register', { nonce }).then(
    () => true,
    () => false,
  );
  let loads = 0;
  const onLoad = async () => {
    const withNonce = loads++ === 0 ? nonce : makeNonce();
    const ok =
      withNonce === nonce
        ? await registered
        : await askBackground('frame:register', { nonce: withNonce }).then(
            () => true,
            () => false,
          );
    if (ok) handshake(withNonce);
  };
  // The frame's page loads from the moment the frame is in the page, while the background learns the nonce:
  // it is ready for the reader's input by the time it is shown. The frame opens only once the background
  // confirms the handshake's nonce was registered from this tab. Only loads of the frame's own page count.
  element.addEventListener('load', () => void onLoad());
  element.src = src;
  const send = (message: ToFrame) => port?.postMessage(message);
  return {
    element,
    loaded,
    show(message) {
      shown = message;
      send(message);
      // The frame asks afresh whether it is visible each time it is shown: answer once it is in place.
      if (port) requestAnimationFrame(watchCover);
    },
    notesChanged: (conceptIds, noteId) => send({ type: 'notes-changed', conceptIds, ...(noteId && { noteId }) }),
    holdsDraft: () => dirty,
    focus(at) {
      focusWanted = true;
      element.focus();
      send({ type: 'focus', at });
    },
  };
}

/**
 * Places the frame's element in a Preact tree; Preact never re-creates it (a new element would reload the frame).
 * A pointer on the slot but not in the frame sends focus into the frame, never to the page.
 */
export function FrameSlot({ frame, height }: { frame: NotesFrame; height: number }) {
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the slot only hands the pointer's focus on to the frame inside it, which is the control
    <div
      class="notes-slot"
      style={{ height: `${height}px` }}
      onMouseDown={(e) => {
        e.preventDefault();
        frame.focus('first');
      }}
      ref={(slot) => {
        if (!slot || frame.element.parentNode === slot) return;
        // A frame loaded elsewhere in this root (prepared out of sight) keeps its page through moveBefore;
        // append would reload it (a reloaded frame is handed a fresh nonce and shows the same).
        if ('moveBefore' in slot && frame.element.isConnected && frame.element.getRootNode() === slot.getRootNode())
          slot.moveBefore(frame.element, null);
        else slot.append(frame.element);
      }}
    />
  );
}
