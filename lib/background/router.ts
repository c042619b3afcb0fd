/**
 * The background's single entry point for requests: checks who sent it and
 * what it holds before anything touches the notes. Pure apart from `store`,
 * so it is tested (and fuzzed) without a browser.
 */
import * as v from 'valibot';
import type { BackgroundRequestType, PassageAnchor, Reply } from '../messages';
import type { Note } from '../notes/model';
import { backgroundRequests } from './requests';
import type { NotesStore } from '../notes/store';
import type { Corpus } from '../corpus/schema';
import { conceptView } from '../corpus/concept-view';
import type { RateLimiter } from './rate-limit';
import type { FrameNonces } from './frame-nonces';

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
  onNotesChanged(change: { conceptIds: string[]; urls: string[] }): void;
  /**
   * Opens one of our pages (e.g. "dashboard.html#/glossary/sma") in a new tab next to `openerTabId`.
   * A web page cannot link to an extension page that is not web-accessible, so the card asks the background.
   */
  openExtensionPage(path: string, openerTabId?: number): Promise<void>;
  /** Nonces of the notes frames content scripts are about to embed. */
  frameNonces: FrameNonces;
  /** Called with a tab's latest concept counts (page:report). */
  onPageReport(tabId: number, counts: Record<string, number>): void;
}

/** Where this page's passage notes are, and nothing of what they say. */
function passageAnchors(notes: Note[]): PassageAnchor[] {
  return notes.flatMap((n) => (n.kind === 'passage' ? [{ id: n.id, quote: n.target.quote, position: n.target.position }] : []));
}

const fail = (error: string): Reply<never> => ({ ok: false, error });

/** Writes a person makes one at a time; bulk work (import, delete all) is never limited. */
const RATE_LIMITED: ReadonlySet<string> = new Set(['notes:save', 'notes:delete']);
export const RATE_LIMIT_ERROR = 'Too many notes were changed from this page in a short time, so this change was not made. Wait a few seconds and try again; nothing was lost.';

/**
 * A sender inside a tab, unless it is an extension page that is the tab's
 * own document (the dashboard opened in a tab). Popup and side panel have no tab.
 */
const inWebTab = (sender: Sender, fromExtensionPage: boolean) =>
  sender.tab?.id !== undefined && !(fromExtensionPage && (sender.frameId ?? 0) === 0);

function isKnownType(type: unknown): type is BackgroundRequestType {
  return typeof type === 'string' && Object.hasOwn(backgroundRequests, type);
}

/** Answers one request; never throws. */
export async function routeRequest(
  type: unknown,
  data: unknown,
  sender: Sender,
  ctx: RouterContext,
): Promise<Reply<unknown>> {
  if (sender.id !== ctx.runtimeId) return fail('Requests are accepted from Alliance Lens only.');
  if (!isKnownType(type)) return fail(`Unknown request "${String(type).slice(0, 50)}".`);
  const spec = backgroundRequests[type];
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(ctx.extensionOrigin);
  if (spec.privileged && !fromExtensionPage) return fail(`"${type}" is only accepted from Alliance Lens pages.`);
  const parsed = v.safeParse(spec.schema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return fail(`Invalid "${type}" request: ${v.getDotPath(issue) ?? 'data'}: ${issue.message}`);
  }
  if (RATE_LIMITED.has(type) && inWebTab(sender, fromExtensionPage) && !ctx.writeLimit.take(sender.tab!.id!)) return fail(RATE_LIMIT_ERROR);
  try {
    return { ok: true, value: await handle(type, parsed.output, sender, ctx) };
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

async function handle(type: BackgroundRequestType, input: unknown, sender: Sender, ctx: RouterContext): Promise<unknown> {
  const { store } = ctx;
  switch (type) {
    case 'corpus:concept':
      return conceptView(ctx.corpus, (input as { conceptId: string }).conceptId);
    case 'notes:forConcept': {
      const d = input as { conceptId: string; limit?: number };
      return store.forConcept(d.conceptId, d.limit);
    }
    case 'notes:forPage':
      return store.forPage((input as { url: string }).url);
    case 'notes:anchorsForPage':
      return passageAnchors(await store.forPage((input as { url: string }).url));
    case 'notes:save': {
      const note = await store.save(input as Parameters<NotesStore['save']>[0]);
      ctx.onNotesChanged(
        note.kind === 'concept'
          ? { conceptIds: [note.conceptId], urls: [] }
          : { conceptIds: note.conceptIds, urls: [note.target.url] },
      );
      return note;
    }
    case 'notes:delete': {
      const deleted = await store.delete((input as { id: string }).id);
      if (deleted) ctx.onNotesChanged({ conceptIds: [], urls: [] });
      return { deleted };
    }
    case 'notes:deleteMalformed': {
      const deleted = await store.deleteMalformed((input as { key: string | number }).key);
      if (deleted) ctx.onNotesChanged({ conceptIds: [], urls: [] });
      return { deleted };
    }
    case 'notes:restore': {
      const restored = await store.restore((input as { id: string }).id);
      if (restored) ctx.onNotesChanged({ conceptIds: [], urls: [] });
      return { restored };
    }
    case 'notes:export':
      return store.exportAs((input as { format: 'json' | 'markdown' | 'jsonld' }).format);
    case 'notes:import': {
      const d = input as { text: string; apply: boolean };
      const report = await store.import(d.text, d.apply);
      if (report.applied) ctx.onNotesChanged({ conceptIds: [], urls: [] });
      return report;
    }
    case 'notes:deleteAll': {
      const deleted = await store.deleteAll();
      ctx.onNotesChanged({ conceptIds: [], urls: [] });
      return { deleted };
    }
    case 'ui:openGlossary': {
      const { conceptId } = input as { conceptId: string };
      if (!ctx.corpus.concepts.some((c) => c.id === conceptId)) throw new Error(`Unknown concept "${conceptId}".`);
      await ctx.openExtensionPage(`dashboard.html#/glossary/${encodeURIComponent(conceptId)}`, sender.tab?.id);
      return null;
    }
    case 'frame:register': {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error('Only a page in a tab can embed a notes frame.');
      ctx.frameNonces.register((input as { nonce: string }).nonce, tabId);
      return null;
    }
    case 'frame:claim': {
      const tabId = sender.tab?.id;
      return tabId !== undefined && ctx.frameNonces.claim((input as { nonce: string }).nonce, tabId);
    }
    case 'page:report': {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) ctx.onPageReport(tabId, (input as { counts: Record<string, number> }).counts);
      return null;
    }
  }
}
