/**
 * The one protocol between content scripts, extension pages and the
 * background: every request's data, every reply, every command and change
 * event, declared once. Domain types come from the modules that make them;
 * those modules never import this one. Types only, apart from the two
 * messengers, so a content script bundles no schema: the background checks
 * each request against lib/background/requests.ts, which must satisfy these types.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Note, NoteDraft, TextPositionSelector, TextQuoteSelector } from './notes/model';
import type { ConceptNotes, PassageAnchor } from './notes/queries';
import type { ImportReport } from './notes/import';
import type { ExportFormat } from './notes/store';
import type { ConceptView } from './corpus/concept-view';
import type { PageCommand } from './commands';
import type { PackConceptInput } from './corpus/pack';
import type { PackSummary } from './corpus/pack-store';

/** What each request to the background carries. */
export interface BackgroundRequests {
  'corpus:concept': { conceptId: string };
  'notes:forConcept': { conceptId: string; limit?: number };
  'notes:forPage': { url: string };
  'notes:anchorsForPage': { url: string };
  'notes:save': NoteDraft;
  'notes:delete': { id: string };
  'notes:deleteMalformed': { key: string | number };
  'notes:restore': { id: string };
  'notes:export': { format: ExportFormat };
  'notes:import': { text: string; apply: boolean };
  'notes:deleteAll': { confirm: true };
  'ui:openGlossary': { conceptId: string };
  'ui:openInContext': { noteId: string };
  'frame:register': { nonce: string };
  'frame:claim': { nonce: string };
  'page:report': { counts: Record<string, number> };
  'packs:import': { text: string };
  'packs:setEnabled': { id: string; enabled: boolean };
  'packs:remove': { id: string };
  'packs:export': { id: string };
  /** Adds a concept to "My concepts", or replaces the one with its id. */
  'packs:saveConcept': { concept: PackConceptInput };
  'packs:deleteConcept': { conceptId: string };
}

export type BackgroundRequestType = keyof BackgroundRequests;
export type RequestData<T extends BackgroundRequestType> = BackgroundRequests[T];

/** Every answer from the background: a value or an error message, never a thrown error. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** What the background answers to each request. */
export interface BackgroundReplies {
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
  'packs:import': PackSummary;
  'packs:setEnabled': { changed: boolean };
  'packs:remove': { removed: boolean };
  'packs:export': { fileName: string; mimeType: string; text: string };
  'packs:saveConcept': PackSummary;
  'packs:deleteConcept': { deleted: boolean };
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
