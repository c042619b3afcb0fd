/**
 * Typed messages between content scripts, extension pages and the background.
 * Every request has a valibot schema: the receiver validates before acting.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import type * as v from 'valibot';
import type { Note, TextPositionSelector, TextQuoteSelector } from './notes/model';
import type { Category, Concept, SourceDoc } from './corpus/schema';
import type { backgroundRequests } from './background/requests';
import type { PageCommand } from './commands';

export type BackgroundRequestType = keyof typeof backgroundRequests;
export type RequestData<T extends BackgroundRequestType> = v.InferOutput<(typeof backgroundRequests)[T]['schema']>;

/** Every answer from the background: a value or an error message, never a thrown error. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ConceptNotes {
  count: number;
  latest: Note[];
}

/** Everything the card shows about one concept, read from the corpus by the background. */
export interface ConceptView {
  concept: Concept;
  category: Category;
  sources: SourceDoc[];
  related: { id: string; name: string; ko?: { name: string } }[];
}

/** A passage note as a content script sees it: where to mark it, never what it says. */
export interface PassageAnchor {
  id: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** What a tab's content script needs to bring a note's passage (or a concept note's mention) into view: never its text. */
export interface NoteReveal {
  noteId: string;
  /** A concept note's concept: its mention inside the quote is revealed. Absent for a passage note. */
  conceptId?: string;
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
  /** A note written in the PDF reader: the reader shows it only in that document, starting from that page. */
  pdf?: { fingerprint: string; pageIndex: number };
}

export interface ImportReport {
  added: number;
  updated: number;
  skipped: number;
  applied: boolean;
}

/** What a note change touched: the card reloads for `conceptIds`; a tab re-anchors passage notes only if its page is in `urls`. */
export interface NotesChange {
  conceptIds: string[];
  /** Pages whose passage notes changed; 'all' when the change does not say (deletes, imports). */
  urls: string[] | 'all';
  /** The note a save stored: the card that saved it has reloaded already and skips this change. */
  noteId?: string;
}

/** Whether a note change may touch the passage notes stored under `url`. */
export const touchesPage = (change: NotesChange, url: string) => change.urls === 'all' || change.urls.includes(url);

export interface PageSummary {
  url: string;
  /** The URL passage notes of this page are stored under (canonical, without tracking parameters). */
  notesUrl: string;
  title: string;
  enabled: boolean;
  /** concept id → number of highlighted mentions */
  counts: Record<string, number>;
  /** Ids of this page's passage notes whose passage was not found. */
  notesNotFound: string[];
  /** The tab shows a PDF in the browser's viewer (the popup offers to open it in the reader). */
  isPdf?: boolean;
}

export type BackgroundReplies = {
  'corpus:concept': ConceptView;
  'notes:forConcept': ConceptNotes;
  'notes:forPage': Note[];
  'notes:anchorsForPage': PassageAnchor[];
  'notes:save': Note;
  'notes:delete': { deleted: boolean };
  'notes:deleteMalformed': { deleted: boolean };
  'notes:restore': { restored: boolean };
  /** `skipped`: damaged records left out of the file. */
  'notes:export': { fileName: string; mimeType: string; text: string; skipped: number };
  'notes:import': ImportReport;
  'notes:deleteAll': { deleted: number };
  'ui:openGlossary': null;
  'ui:openInContext': null;
  'frame:register': null;
  'frame:claim': boolean;
  'page:report': null;
};

export type BackgroundProtocol = {
  [K in BackgroundRequestType]: (data: RequestData<K>) => Reply<BackgroundReplies[K]>;
};

/** Messages the background (or an extension page) sends to a tab's content script. */
export type ContentProtocol = {
  'page:summary': () => PageSummary;
  'page:reveal': (data: { conceptId: string }) => boolean;
  /** Brings a note's passage or mention into view (Open in context); false while it cannot be found yet. */
  'page:revealNote': (data: NoteReveal) => boolean;
  'page:command': (data: { command: PageCommand }) => void;
  'notes:changed': (data: NotesChange) => void;
};

export const backgroundMessenger = defineExtensionMessaging<BackgroundProtocol>();
export const contentMessenger = defineExtensionMessaging<ContentProtocol>();

/**
 * A content script left behind by an update or reload of the extension can no
 * longer reach it ("Extension context invalidated"); the reader is told what
 * to do, and an unsent draft stays where it is.
 */
class ExtensionReloadedError extends Error {
  constructor() {
    super('Alliance Lens was updated or restarted, so this page lost its connection and the note was not saved. Your text is still here: copy it, then reload the page.');
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
export function withClientId<K extends BackgroundRequestType>(type: K, data: RequestData<K>, makeId: () => string = () => crypto.randomUUID()): RequestData<K> {
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
export async function askBackground<K extends BackgroundRequestType>(
  type: K,
  data: RequestData<K>,
): Promise<BackgroundReplies[K]> {
  // An orphaned script has no runtime id; sending would fail or never settle.
  if (!browser.runtime?.id) throw new ExtensionReloadedError();
  const payload = withClientId(type, data);
  return requestOnce(() => backgroundMessenger.sendMessage(type, payload as never) as Promise<Reply<BackgroundReplies[K]> | undefined>);
}
