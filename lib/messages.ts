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

export interface ImportReport {
  added: number;
  updated: number;
  skipped: number;
  applied: boolean;
}

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

type BackgroundReplies = {
  'corpus:concept': ConceptView;
  'notes:forConcept': ConceptNotes;
  'notes:forPage': Note[];
  'notes:anchorsForPage': PassageAnchor[];
  'notes:save': Note;
  'notes:delete': { deleted: boolean };
  'notes:restore': { restored: boolean };
  'notes:export': { fileName: string; mimeType: string; text: string };
  'notes:import': ImportReport;
  'notes:deleteAll': { deleted: number };
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
  'page:command': (data: { command: 'toggle-highlights' | 'next-highlight' | 'previous-highlight' | 'add-passage-note' }) => void;
  'notes:changed': (data: { conceptIds: string[]; urls: string[] }) => void;
  'settings:changed': () => void;
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

/** Sends a request to the background and unwraps its reply; throws with the background's message. */
export async function askBackground<K extends BackgroundRequestType>(
  type: K,
  data: RequestData<K>,
): Promise<BackgroundReplies[K]> {
  // An orphaned script has no runtime id; sending would fail or never settle.
  if (!browser.runtime?.id) throw new ExtensionReloadedError();
  let reply: Reply<BackgroundReplies[K]> | undefined;
  try {
    reply = (await backgroundMessenger.sendMessage(type, data as never)) as Reply<BackgroundReplies[K]> | undefined;
  } catch (e) {
    throw isContextInvalidated(e) ? new ExtensionReloadedError() : e;
  }
  if (!reply) throw new Error('The extension did not answer. Reload the page and try again.');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
