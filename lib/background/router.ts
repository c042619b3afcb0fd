/**
 * The background's single entry point for requests: checks who sent it and
 * what it holds before anything touches the notes. Pure apart from `store`,
 * so it is tested (and fuzzed) without a browser.
 */
import * as v from 'valibot';
import type { BackgroundReplies, BackgroundRequestType, NoteReveal, NotesChange, Reply } from '../messages';
import { pageOf } from '../notes/model';
import { linkablePageUrl, pageOrigin } from '../page-url';
import { FRAME_PAGE } from '../frame-protocol';
import { readerPathFor } from '../pdf/note-context';
import { backgroundRequests, type CheckedRequest } from './requests';
import type { NotesStore } from '../notes/store';
import type { Corpus } from '../corpus/schema';
import { conceptView } from '../corpus/concept-view';
import type { RateLimiter } from './rate-limit';
import type { FrameNonces } from './frame-nonces';
import type { InstalledConcepts } from './packs';
import type { FramePages, FrameSender } from './frame-pages';

export interface Sender {
  /** The sending extension's id (runtime.MessageSender.id). */
  id?: string;
  /** The sending document's URL: a web page for content scripts, our own origin for extension pages. */
  url?: string;
  tab?: { id?: number };
  /** 0 for a tab's top document; an extension page framed inside a web page has another. */
  frameId?: number;
}

export interface RouterContext {
  store: NotesStore;
  corpus: Corpus;
  runtimeId: string;
  /** e.g. "chrome-extension://<id>/" */
  extensionOrigin: string;
  /** Limits note writes per tab from senders inside web pages (see RATE_LIMITED). */
  writeLimit: RateLimiter<number>;
  /** Called after a write, so open tabs can refresh what they show. */
  onNotesChanged(change: NotesChange): void;
  /**
   * Opens one of our pages (e.g. "dashboard.html#/glossary/sma") in a new tab next to `openerTabId`.
   * A web page cannot link to an extension page that is not web-accessible, so the card asks the background.
   */
  openExtensionPage(path: string, openerTabId?: number): Promise<void>;
  /** Opens a note's page in a new tab (next to `openerTabId`) and has its content script bring `reveal` into view. */
  openInContext(url: string, reveal: NoteReveal, openerTabId?: number): Promise<void>;
  /** Nonces of the notes frames content scripts are about to embed. */
  frameNonces: FrameNonces;
  /** The page origin each claimed notes frame serves. */
  framePages: FramePages;
  /** Called with a tab's latest concept counts (page:report). */
  onPageReport(tabId: number, counts: Record<string, number>): void;
  /** The concept packs: written through `store`, then `refresh()` rebuilds the corpus and the matcher. */
  packs: Pick<InstalledConcepts, 'store' | 'refresh'>;
}

const fail = (error: string): Reply<never> => ({ ok: false, error });

/** Writes a person makes one at a time; bulk work (import, delete all) is never limited. */
const RATE_LIMITED: ReadonlySet<BackgroundRequestType> = new Set(['notes:save', 'notes:delete']);
export const RATE_LIMIT_ERROR =
  'Too many notes were changed from this page in a short time, so this change was not made. Wait a few seconds and try again; nothing was lost.';

/**
 * The tab of a sender inside a web page's tab; none for an extension page that
 * is the tab's own document (the dashboard opened in a tab). Popup and side panel have no tab.
 */
const webTabOf = (sender: Sender, fromExtensionPage: boolean) =>
  fromExtensionPage && (sender.frameId ?? 0) === 0 ? undefined : sender.tab?.id;

/** The page a request names, if it names one: the sender must be of that page's origin. */
const PAGE_KEYED: { [K in BackgroundRequestType]?: (input: CheckedRequest<K>) => string | undefined } = {
  'notes:forPage': ({ url }) => url,
  'notes:anchorsForPage': ({ url }) => url,
  'notes:save': (draft) => (draft.kind === 'passage' ? draft.target.url : draft.source?.url),
};

/** The notes frame inside a web page's tab, as the browser names it; undefined for any other sender. */
function notesFrameOf(sender: Sender, fromExtensionPage: boolean): FrameSender | undefined {
  if (!fromExtensionPage || sender.tab?.id === undefined || new URL(sender.url!).pathname !== FRAME_PAGE) return undefined;
  return { tabId: sender.tab.id, frameId: sender.frameId, url: sender.url! };
}

/**
 * The one origin whose pages a sender may name, from what the browser says of
 * the sender (never from the request): a content script's own document's; a
 * notes frame's, the page whose content script opened it. `null`: none at all;
 * `'*'`: any, for extension pages of their own (dashboard, reader, panels).
 */
async function allowedPageOrigin(sender: Sender, fromExtensionPage: boolean, ctx: RouterContext): Promise<string | null> {
  if (!fromExtensionPage) return pageOrigin(sender.url ?? '') ?? null;
  const frame = notesFrameOf(sender, fromExtensionPage);
  return frame ? ((await ctx.framePages.originOf(frame)) ?? null) : '*';
}

function isKnownType(type: unknown): type is BackgroundRequestType {
  return typeof type === 'string' && Object.hasOwn(backgroundRequests, type);
}

/** Answers one request; never throws. */
export async function routeRequest(type: unknown, data: unknown, sender: Sender, ctx: RouterContext): Promise<Reply<unknown>> {
  if (sender.id !== ctx.runtimeId) return fail('Requests are accepted from Alliance Lens only.');
  if (!isKnownType(type)) return fail(`Unknown request "${String(type).slice(0, 50)}".`);
  return route(type, data, sender, ctx);
}

/** Generic in the request type, so its data and its handler agree without a cast. */
async function route<K extends BackgroundRequestType>(
  type: K,
  data: unknown,
  sender: Sender,
  ctx: RouterContext,
): Promise<Reply<BackgroundReplies[K]>> {
  const spec = backgroundRequests[type];
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(ctx.extensionOrigin);
  if (spec.privileged && !fromExtensionPage) return fail(`"${type}" is only accepted from Alliance Lens pages.`);
  const parsed = v.safeParse(spec.schema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return fail(`Invalid "${type}" request: ${v.getDotPath(issue) ?? 'data'}: ${issue.message}`);
  }
  const named = PAGE_KEYED[type]?.(parsed.output);
  if (named !== undefined) {
    const allowed = await allowedPageOrigin(sender, fromExtensionPage, ctx);
    if (allowed !== '*' && (allowed === null || pageOrigin(named) !== allowed))
      return fail(`"${type}" was refused: it names a page of another site than the one it came from.`);
  }
  const tabId = webTabOf(sender, fromExtensionPage);
  if (RATE_LIMITED.has(type) && tabId !== undefined && !ctx.writeLimit.take(tabId)) return fail(RATE_LIMIT_ERROR);
  try {
    return { ok: true, value: await handlers[type](parsed.output, sender, ctx) };
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

export type Handlers = {
  [K in BackgroundRequestType]: (
    input: CheckedRequest<K>,
    sender: Sender,
    ctx: RouterContext,
  ) => BackgroundReplies[K] | Promise<BackgroundReplies[K]>;
};

type PackRequest = Extract<BackgroundRequestType, `packs:${string}`>;

/** A pack change, then the corpus and the matcher rebuilt once before the reply. */
async function changingPacks<T>(ctx: RouterContext, change: () => Promise<T>): Promise<T> {
  const result = await change();
  await ctx.packs.refresh();
  return result;
}

const packHandlers: Pick<Handlers, PackRequest> = {
  'packs:import': ({ text }, _sender, ctx) => changingPacks(ctx, () => ctx.packs.store.import(text)),
  'packs:setEnabled': async ({ id, enabled }, _sender, ctx) => ({
    changed: await changingPacks(ctx, () => ctx.packs.store.setEnabled(id, enabled)),
  }),
  'packs:remove': async ({ id }, _sender, ctx) => ({ removed: await changingPacks(ctx, () => ctx.packs.store.remove(id)) }),
  'packs:export': ({ id }, _sender, ctx) => ctx.packs.store.export(id),
  'packs:saveConcept': ({ concept }, _sender, ctx) => changingPacks(ctx, () => ctx.packs.store.saveConcept(concept)),
  'packs:deleteConcept': async ({ conceptId }, _sender, ctx) => ({
    deleted: await changingPacks(ctx, () => ctx.packs.store.deleteConcept(conceptId)),
  }),
};

/** One handler per request, each given the data its schema has already checked. */
const handlers: Handlers = {
  ...packHandlers,
  'corpus:concept': ({ conceptId }, _sender, ctx) => conceptView(ctx.corpus, conceptId),
  'notes:forConcept': ({ conceptId, limit }, _sender, { store }) => store.forConcept(conceptId, limit),
  'notes:forPage': ({ url }, _sender, { store }) => store.forPage(url),
  'notes:anchorsForPage': ({ url }, _sender, { store }) => store.anchorsForPage(url),
  async 'notes:save'(draft, _sender, ctx) {
    const note = await ctx.store.save(draft);
    ctx.onNotesChanged(
      note.kind === 'concept'
        ? { conceptIds: [note.conceptId], urls: [], noteId: note.id }
        : { conceptIds: note.conceptIds, urls: [note.target.url], noteId: note.id },
    );
    return note;
  },
  async 'notes:delete'({ id }, _sender, ctx) {
    const deleted = await ctx.store.delete(id);
    if (deleted) ctx.onNotesChanged({ conceptIds: [], urls: 'all' });
    return { deleted };
  },
  async 'notes:deleteMalformed'({ key }, _sender, ctx) {
    const deleted = await ctx.store.deleteMalformed(key);
    if (deleted) ctx.onNotesChanged({ conceptIds: [], urls: 'all' });
    return { deleted };
  },
  async 'notes:restore'({ id }, _sender, ctx) {
    const restored = await ctx.store.restore(id);
    if (restored) ctx.onNotesChanged({ conceptIds: [], urls: 'all' });
    return { restored };
  },
  'notes:export': ({ format }, _sender, { store }) => store.exportAs(format),
  async 'notes:import'({ text, apply }, _sender, ctx) {
    const report = await ctx.store.import(text, apply);
    if (report.applied) ctx.onNotesChanged({ conceptIds: [], urls: 'all' });
    return report;
  },
  async 'notes:deleteAll'(_input, _sender, ctx) {
    const deleted = await ctx.store.deleteAll();
    ctx.onNotesChanged({ conceptIds: [], urls: 'all' });
    return { deleted };
  },
  async 'ui:openGlossary'({ conceptId }, sender, ctx) {
    if (!ctx.corpus.concepts.some((c) => c.id === conceptId)) throw new Error(`Unknown concept "${conceptId}".`);
    await ctx.openExtensionPage(`dashboard.html#/glossary/${encodeURIComponent(conceptId)}`, sender.tab?.id);
    return null;
  },
  async 'ui:openInContext'({ noteId }, sender, ctx) {
    const note = await ctx.store.byId(noteId);
    if (!note) throw new Error('This note is no longer stored.');
    const page = pageOf(note);
    if (!page) throw new Error('This note was not written on a page, so there is no context to open.');
    // A note written in the PDF reader opens the reader, which fetches the PDF again or asks for the local file.
    const url = page.pdf ? ctx.extensionOrigin + readerPathFor(page.pdf, page.title) : linkablePageUrl(page.url);
    if (!url) throw new Error("This note's page has no web address that can be opened.");
    const reveal: NoteReveal = {
      noteId,
      quote: page.quote,
      ...(page.position && { position: page.position }),
      ...(note.kind === 'concept' && { conceptId: note.conceptId }),
      ...(page.pdf && { pdf: { fingerprint: page.pdf.fingerprint, pageIndex: page.pdf.pageIndex } }),
    };
    await ctx.openInContext(url, reveal, sender.tab?.id);
    return null;
  },
  'frame:register'({ nonce }, sender, ctx) {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('Only a page in a tab can embed a notes frame.');
    ctx.frameNonces.register(nonce, tabId, pageOrigin(sender.url ?? ''));
    return null;
  },
  async 'frame:claim'({ nonce }, sender, ctx) {
    const frame = notesFrameOf(sender, true);
    const claimed = frame && ctx.frameNonces.claim(nonce, frame.tabId);
    if (!frame || !claimed) return false;
    await ctx.framePages.bind(frame, claimed.pageOrigin);
    return true;
  },
  'page:report'({ counts }, sender, ctx) {
    const tabId = sender.tab?.id;
    if (tabId !== undefined) ctx.onPageReport(tabId, counts);
    return null;
  },
};
