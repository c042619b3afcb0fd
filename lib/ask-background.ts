/**
 * The client side of the protocol: sends a request to the background and
 * unwraps its reply, turning a lost channel or an orphaned script into a
 * message the reader can act on.
 */
import { browser } from 'wxt/browser';
import { backgroundMessenger, type BackgroundReplies, type BackgroundRequestType, type Reply, type RequestData } from './messages';

/**
 * A content script left behind by an update or reload of the extension can no
 * longer reach it ("Extension context invalidated"); the reader is told what
 * to do, and an unsent draft stays where it is.
 */
class ExtensionReloadedError extends Error {
  constructor() {
    super(
      'Alliance Lens was updated or restarted, so this page lost its connection and the note was not saved. Your text is still here: copy it, then reload the page.',
    );
    this.name = 'ExtensionReloadedError';
  }
}

function isContextInvalidated(error: unknown): boolean {
  return error instanceof Error && /extension context invalidated/i.test(error.message);
}

/**
 * The messaging channel itself failed: the background's service worker was
 * stopped (or not yet started) while the request was on its way, so it may
 * or may not have been handled. Chrome reports these as below; the library
 * reports a missing reply as "No response".
 */
const CHANNEL_LOST = /could not establish connection|message port closed|message channel closed|^no response$/i;
const isChannelLost = (error: unknown) => error instanceof Error && CHANNEL_LOST.test(error.message);

class BackgroundUnavailableError extends Error {
  constructor() {
    super('Alliance Lens did not answer (its background was restarting). Nothing was lost: try again in a moment.');
    this.name = 'BackgroundUnavailableError';
  }
}

/**
 * Gives a new note the id it will be stored under before it is sent, so
 * sending it twice stores it once (the background returns the stored note).
 */
export function withClientId<K extends BackgroundRequestType>(
  type: K,
  data: RequestData<K>,
  makeId: () => string = () => crypto.randomUUID(),
): RequestData<K> {
  if (type !== 'notes:save') return data;
  const draft = data as RequestData<'notes:save'>;
  return (draft.id || draft.clientId ? draft : { ...draft, clientId: makeId() }) as RequestData<K>;
}

/**
 * Sends one request through `send` and unwraps its reply. When the channel
 * was lost it sends the very same payload once more: every request is safe
 * to repeat (a new note carries its client id; edits, deletes and imports
 * come to the same state twice). The reader never sees a raw browser error.
 */
export async function requestOnce<T>(send: () => Promise<Reply<T> | undefined>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let reply: Reply<T> | undefined;
    try {
      reply = await send();
    } catch (e) {
      if (isContextInvalidated(e)) throw new ExtensionReloadedError();
      if (!isChannelLost(e)) throw e;
    }
    if (reply) {
      if (!reply.ok) throw new Error(reply.error);
      return reply.value;
    }
    if (attempt === 2) throw new BackgroundUnavailableError();
  }
}

/** Sends a request to the background and unwraps its reply; throws with the background's message. */
export async function askBackground<K extends BackgroundRequestType>(type: K, data: RequestData<K>): Promise<BackgroundReplies[K]> {
  // An orphaned script has no runtime id; sending would fail or never settle.
  if (!browser.runtime?.id) throw new ExtensionReloadedError();
  const payload = withClientId(type, data);
  return requestOnce(() => backgroundMessenger.sendMessage(type, payload as never) as Promise<Reply<BackgroundReplies[K]> | undefined>);
}
