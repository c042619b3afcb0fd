/**
 * Typed messages between content scripts, extension pages and the background.
 * Every request has a valibot schema: the receiver validates before acting.
 */
import * as v from 'valibot';
import { defineExtensionMessaging } from '@webext-core/messaging';
import { NoteDraftSchema, type Note } from './notes/model';

const conceptId = v.pipe(v.string(), v.nonEmpty(), v.maxLength(100));
const noteId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/));
const url = v.pipe(v.string(), v.nonEmpty(), v.maxLength(4_000));

/** Requests the background answers. `privileged` ones are accepted from extension pages only. */
export const backgroundRequests = {
  'notes:forConcept': { privileged: false, schema: v.strictObject({ conceptId, limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))) }) },
  'notes:forPage': { privileged: false, schema: v.strictObject({ url }) },
  'notes:save': { privileged: false, schema: NoteDraftSchema },
  'notes:delete': { privileged: false, schema: v.strictObject({ id: noteId }) },
  'notes:restore': { privileged: true, schema: v.strictObject({ id: noteId }) },
  'notes:export': { privileged: true, schema: v.strictObject({ format: v.picklist(['json', 'markdown', 'jsonld']) }) },
  'notes:import': { privileged: true, schema: v.strictObject({ text: v.string(), apply: v.boolean() }) },
  'notes:deleteAll': { privileged: true, schema: v.strictObject({ confirm: v.literal(true) }) },
  'page:report': { privileged: false, schema: v.strictObject({ counts: v.record(conceptId, v.pipe(v.number(), v.integer(), v.minValue(0))) }) },
} as const;

export type BackgroundRequestType = keyof typeof backgroundRequests;
export type RequestData<T extends BackgroundRequestType> = v.InferOutput<(typeof backgroundRequests)[T]['schema']>;

/** Every answer from the background: a value or an error message, never a thrown error. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ConceptNotes {
  count: number;
  latest: Note[];
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
}

type BackgroundReplies = {
  'notes:forConcept': ConceptNotes;
  'notes:forPage': Note[];
  'notes:save': Note;
  'notes:delete': { deleted: boolean };
  'notes:restore': { restored: boolean };
  'notes:export': { fileName: string; mimeType: string; text: string };
  'notes:import': ImportReport;
  'notes:deleteAll': { deleted: number };
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

/** Sends a request to the background and unwraps its reply; throws with the background's message. */
export async function askBackground<K extends BackgroundRequestType>(
  type: K,
  data: RequestData<K>,
): Promise<BackgroundReplies[K]> {
  const reply = (await backgroundMessenger.sendMessage(type, data as never)) as Reply<BackgroundReplies[K]> | undefined;
  if (!reply) throw new Error('The extension did not answer. Reload the page and try again.');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
