import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { RATE_LIMIT_ERROR, routeRequest, type RouterContext, type Sender } from './router';
import { RateLimiter } from './rate-limit';
import { NotesStore } from '../notes/store';
import { openNotesDb } from '../notes/db';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { FrameNonces } from './frame-nonces';
import { FramePages, type SessionArea } from './frame-pages';
import * as v from 'valibot';
import { CheckedDraftSchema } from '../notes/model';
import type { PackStore } from '../corpus/pack-store';
import { makeNonce } from '../frame-protocol';

const corpus = loadCorpusFromDir('data');

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME_ID}/`;
const extensionPage: Sender = { id: RUNTIME_ID, url: `${ORIGIN}dashboard.html` };
const contentScript: Sender = { id: RUNTIME_ID, url: 'https://news.example/story', tab: { id: 7 } };
/** An extension page framed inside a web page's tab (the card's notes frame): an extension page, yet inside a tab. */
const notesFrame: Sender = { id: RUNTIME_ID, url: `${ORIGIN}notes-frame.html`, tab: { id: 7 }, frameId: 3 };

const savedNote = {
  id: 'note-0001-abcd',
  kind: 'concept' as const,
  conceptId: 'sma',
  body: 'b',
  tags: [],
  createdAt: 1,
  updatedAt: 1,
};

const passageDraft = {
  kind: 'passage' as const,
  conceptIds: ['sma'],
  body: 'b',
  tags: [],
  target: {
    url: 'https://news.example/story',
    title: 'Story',
    quote: { type: 'TextQuoteSelector' as const, exact: 'the SMA', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector' as const, start: 0, end: 7 },
  },
};

/** storage.session as the background has it, in memory. */
function memoryArea(): SessionArea {
  const items = new Map<string, unknown>();
  return {
    get: async (key) => Object.fromEntries(key === null ? items : items.has(key) ? [[key, items.get(key)]] : []),
    set: async (more) => void Object.entries(more).forEach(([k, v]) => items.set(k, v)),
    remove: async (keys) => void [keys].flat().forEach((k) => items.delete(k)),
  };
}

/** The notes frame, claimed as the content script of `page` opened it. */
async function claimFrame(ctx: RouterContext, frame: Sender, page: Sender) {
  const nonce = makeNonce();
  expect(await routeRequest('frame:register', { nonce }, page, ctx)).toEqual({ ok: true, value: null });
  expect(await routeRequest('frame:claim', { nonce }, frame, ctx)).toEqual({ ok: true, value: true });
}

/** A store whose every method records its calls, so a test can prove nothing was touched. */
function recordingContext(clock = { now: 0 }) {
  const store = {
    forConcept: vi.fn(async () => ({ count: 0, latest: [] })),
    forPage: vi.fn(async () => [
      savedNote,
      {
        id: 'note-0002-abcd',
        kind: 'passage' as const,
        conceptIds: [],
        body: 'secret',
        tags: ['t'],
        createdAt: 1,
        updatedAt: 1,
        target: {
          url: 'https://news.example/story',
          title: 'T',
          quote: { type: 'TextQuoteSelector' as const, exact: 'q', prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector' as const, start: 0, end: 1 },
        },
      },
    ]),
    anchorsForPage: vi.fn(async () => []),
    all: vi.fn(async () => []),
    save: vi.fn(async () => savedNote),
    delete: vi.fn(async () => true),
    deleteMalformed: vi.fn(async () => true),
    restore: vi.fn(async () => true),
    exportAs: vi.fn(async () => ({ fileName: 'x.json', mimeType: 'application/json', text: '{}' })),
    import: vi.fn(async () => ({ added: 0, updated: 0, skipped: 0, applied: false })),
    deleteAll: vi.fn(async () => 0),
    byId: vi.fn(async (): Promise<unknown> => undefined),
  };
  const packStore = {
    import: vi.fn(async () => ({ id: 'p', name: 'P', description: '', version: 1, concepts: 1, enabled: true, editable: false })),
    setEnabled: vi.fn(async () => true),
    remove: vi.fn(async () => true),
    export: vi.fn(async () => ({ fileName: 'p-v1.json', mimeType: 'application/json', text: '{}' })),
    saveConcept: vi.fn(async () => ({
      id: 'my-concepts',
      name: 'My concepts',
      description: '',
      version: 1,
      concepts: 1,
      enabled: true,
      editable: true,
    })),
    deleteConcept: vi.fn(async () => true),
  };
  const ctx: RouterContext = {
    store: store as unknown as NotesStore,
    runtimeId: RUNTIME_ID,
    extensionOrigin: ORIGIN,
    corpus,
    writeLimit: new RateLimiter<number>(5, 1_000, () => clock.now),
    frameNonces: new FrameNonces(),
    framePages: new FramePages(memoryArea()),
    onNotesChanged: vi.fn(),
    onPageReport: vi.fn(),
    openExtensionPage: vi.fn(async () => undefined),
    openInContext: vi.fn(async () => undefined),
    packs: { store: packStore as unknown as PackStore, refresh: vi.fn(async () => undefined) },
  };
  const touched = () =>
    [...Object.values(store), ...Object.values(packStore)].some((m) => m.mock.calls.length > 0) ||
    [ctx.onNotesChanged, ctx.openExtensionPage, ctx.openInContext].some((f) => (f as ReturnType<typeof vi.fn>).mock.calls.length > 0);
  return { store, packStore, ctx, touched };
}

describe('routeRequest', () => {
  it('answers a valid request from the notes frame', async () => {
    const { ctx, store } = recordingContext();
    const reply = await routeRequest('notes:forConcept', { conceptId: 'sma', limit: 3 }, notesFrame, ctx);
    expect(reply).toEqual({ ok: true, value: { count: 0, latest: [] } });
    expect(store.forConcept).toHaveBeenCalledWith('sma', 3);
  });

  it.each([
    ['notes:forConcept', { conceptId: 'sma' }],
    ['notes:forPage', { url: 'https://news.example/story' }],
    ['notes:save', { kind: 'concept', conceptId: 'sma', body: 'x', tags: [] }],
    ['notes:delete', { id: 'note-0001-abcd' }],
  ])('never reads or writes note text for a content script: %s', async (type, data) => {
    const { ctx, touched } = recordingContext();
    expect(await routeRequest(type, data, contentScript, ctx)).toEqual({
      ok: false,
      error: expect.stringMatching(/only accepted from Alliance Lens pages/),
    });
    expect(touched()).toBe(false);
  });

  it("gives a content script its page's passage anchors, without bodies or tags", async () => {
    const { ctx, store } = recordingContext();
    const realStore = new NotesStore(openNotesDb(`router-${Math.random()}`), new Map(corpus.concepts.map((c) => [c.id, c.name])));
    const note = await realStore.save(v.parse(CheckedDraftSchema, { ...passageDraft, body: 'secret', tags: ['secret-tag'] }));
    store.anchorsForPage.mockImplementation(realStore.anchorsForPage.bind(realStore) as never);
    const reply = await routeRequest('notes:anchorsForPage', { url: 'https://news.example/story' }, contentScript, ctx);
    expect(reply).toEqual({ ok: true, value: [{ id: note.id, quote: passageDraft.target.quote, position: passageDraft.target.position }] });
    expect(JSON.stringify(reply)).not.toContain('secret');
  });

  it('answers the card with a concept, its category, sources and related names', async () => {
    const { ctx } = recordingContext();
    const reply = await routeRequest('corpus:concept', { conceptId: 'sma' }, contentScript, ctx);
    expect(reply.ok && reply.value).toMatchObject({
      concept: { id: 'sma' },
      category: { id: 'security' },
      related: expect.arrayContaining([{ id: 'sofa', name: 'Status of Forces Agreement (1966)', ko: { name: '주한미군지위협정(SOFA)' } }]),
    });
    expect(await routeRequest('corpus:concept', { conceptId: 'nope' }, contentScript, ctx)).toEqual({
      ok: false,
      error: 'Unknown concept "nope".',
    });
  });

  it("opens a note's page and asks for its passage or mention, from extension pages only", async () => {
    const { ctx, store } = recordingContext();
    const source = {
      url: 'https://news.example/story',
      title: 'Story',
      quote: { type: 'TextQuoteSelector' as const, exact: 'SMA', prefix: 'the ', suffix: '.' },
    };
    store.byId.mockResolvedValueOnce({ ...savedNote, source });
    expect(await routeRequest('ui:openInContext', { noteId: savedNote.id }, extensionPage, ctx)).toEqual({ ok: true, value: null });
    expect(ctx.openInContext).toHaveBeenCalledWith(
      'https://news.example/story',
      { noteId: savedNote.id, conceptId: 'sma', quote: source.quote },
      undefined,
    );
    store.byId.mockResolvedValueOnce({ ...passageDraft, id: 'note-0002-abcd', createdAt: 1, updatedAt: 1 });
    await routeRequest('ui:openInContext', { noteId: 'note-0002-abcd' }, extensionPage, ctx);
    expect(ctx.openInContext).toHaveBeenLastCalledWith(
      'https://news.example/story',
      { noteId: 'note-0002-abcd', quote: passageDraft.target.quote, position: passageDraft.target.position },
      undefined,
    );
    const page = recordingContext();
    expect(await routeRequest('ui:openInContext', { noteId: savedNote.id }, contentScript, page.ctx)).toEqual({
      ok: false,
      error: expect.stringMatching(/only accepted from Alliance Lens pages/),
    });
    expect(page.touched()).toBe(false);
  });

  it('opens a PDF note in the reader: fetched again from its address, or asked for by file name, with the page to start from', async () => {
    const { ctx, store } = recordingContext();
    const pdfPassage = { ...passageDraft, id: 'note-0002-abcd', createdAt: 1, updatedAt: 1 };
    const target = {
      ...passageDraft.target,
      url: 'urn:x-pdf:abcdef0123',
      pdf: { fingerprint: 'abcdef0123', pageIndex: 2, url: 'https://docs.example/a b.pdf' },
    };
    store.byId.mockResolvedValueOnce({ ...pdfPassage, target });
    expect(await routeRequest('ui:openInContext', { noteId: pdfPassage.id }, extensionPage, ctx)).toEqual({ ok: true, value: null });
    const reveal = {
      noteId: pdfPassage.id,
      quote: target.quote,
      position: target.position,
      pdf: { fingerprint: 'abcdef0123', pageIndex: 2 },
    };
    expect(ctx.openInContext).toHaveBeenLastCalledWith(
      `${ORIGIN}reader.html?url=https%3A%2F%2Fdocs.example%2Fa%20b.pdf`,
      reveal,
      undefined,
    );
    const quote = { type: 'TextQuoteSelector' as const, exact: 'SMA', prefix: 'the ', suffix: '.' };
    store.byId.mockResolvedValueOnce({
      ...savedNote,
      source: {
        url: 'urn:x-pdf:abcdef0123',
        title: 'Report',
        quote,
        pdf: { fingerprint: 'abcdef0123', pageIndex: 0, fileName: 'report.pdf' },
      },
    });
    await routeRequest('ui:openInContext', { noteId: savedNote.id }, extensionPage, ctx);
    expect(ctx.openInContext).toHaveBeenLastCalledWith(
      `${ORIGIN}reader.html?file=report.pdf`,
      { noteId: savedNote.id, conceptId: 'sma', quote, pdf: { fingerprint: 'abcdef0123', pageIndex: 0 } },
      undefined,
    );
  });

  it.each([
    ['a note that is gone', undefined, /no longer stored/],
    ['a concept note with no page', savedNote, /not written on a page/],
    [
      'a note whose page is javascript:',
      {
        ...savedNote,
        source: { url: 'javascript:alert(1)', title: '', quote: { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' } },
      },
      /no web address/,
    ],
  ])('opens nothing for %s, and says why', async (_name, stored, error) => {
    const { ctx, store } = recordingContext();
    store.byId.mockResolvedValueOnce(stored);
    expect(await routeRequest('ui:openInContext', { noteId: savedNote.id }, extensionPage, ctx)).toEqual({
      ok: false,
      error: expect.stringMatching(error),
    });
    expect(ctx.openInContext).not.toHaveBeenCalled();
  });

  it("opens a known concept's glossary page in a tab next to the card's tab, and nothing for an unknown id", async () => {
    const { ctx, touched } = recordingContext();
    expect(await routeRequest('ui:openGlossary', { conceptId: 'sma' }, contentScript, ctx)).toEqual({ ok: true, value: null });
    expect(ctx.openExtensionPage).toHaveBeenCalledWith('dashboard.html#/glossary/sma', 7);
    const other = recordingContext();
    expect(await routeRequest('ui:openGlossary', { conceptId: '../popup.html' }, contentScript, other.ctx)).toEqual({
      ok: false,
      error: 'Unknown concept "../popup.html".',
    });
    expect(other.touched()).toBe(false);
    expect(touched()).toBe(true);
  });

  it('rejects messages from other extensions', async () => {
    const { ctx, touched } = recordingContext();
    const reply = await routeRequest('notes:forConcept', { conceptId: 'sma' }, { id: 'another-extension', url: 'https://x.example/' }, ctx);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/Alliance Lens only/) });
    expect(touched()).toBe(false);
  });

  it.each(['notes:export', 'notes:import', 'notes:deleteAll', 'notes:restore'])('accepts %s from extension pages only', async (type) => {
    const data = {
      'notes:export': { format: 'json' },
      'notes:import': { text: '{}', apply: true },
      'notes:deleteAll': { confirm: true },
      'notes:restore': { id: 'note-0001-abcd' },
    }[type];
    const { ctx, touched } = recordingContext();
    const fromPage = await routeRequest(type, data, contentScript, ctx);
    expect(fromPage.ok).toBe(false);
    expect(touched()).toBe(false);
    const fromDashboard = await routeRequest(type, data, extensionPage, ctx);
    expect(fromDashboard.ok).toBe(true);
  });

  it("opens a notes frame only for a nonce a content script of the frame's tab registered", async () => {
    const { ctx } = recordingContext();
    const nonce = 'f'.repeat(32);
    expect(await routeRequest('frame:claim', { nonce }, notesFrame, ctx)).toEqual({ ok: true, value: false });
    expect(await routeRequest('frame:register', { nonce }, contentScript, ctx)).toEqual({ ok: true, value: null });
    // Only an extension page claims; a content script cannot.
    expect((await routeRequest('frame:claim', { nonce }, contentScript, ctx)).ok).toBe(false);
    expect(await routeRequest('frame:claim', { nonce }, { ...notesFrame, tab: { id: 8 } }, ctx)).toEqual({ ok: true, value: false });
    expect(await routeRequest('frame:claim', { nonce }, notesFrame, ctx)).toEqual({ ok: true, value: true });
    expect(await routeRequest('frame:claim', { nonce }, notesFrame, ctx)).toEqual({ ok: true, value: false });
  });

  it("answers a content script's page-keyed requests only for its own origin (scheme, host and port)", async () => {
    const { ctx, store, touched } = recordingContext();
    for (const url of [
      'http://news.example/story',
      'https://news.example:8443/story',
      'https://evil.news.example/story',
      'https://evil.example/story',
      'urn:x-pdf:abcdef0123',
      'about:blank',
    ]) {
      expect(await routeRequest('notes:anchorsForPage', { url }, contentScript, ctx)).toEqual({
        ok: false,
        error: expect.stringMatching(/another site/),
      });
    }
    // A frame of the page without a web origin of its own (about:blank, data:) may name no page.
    expect(
      (await routeRequest('notes:anchorsForPage', { url: 'https://news.example/story' }, { ...contentScript, url: 'about:blank' }, ctx)).ok,
    ).toBe(false);
    expect(touched()).toBe(false);
    expect(await routeRequest('notes:anchorsForPage', { url: 'https://news.example/other?x=1' }, contentScript, ctx)).toEqual({
      ok: true,
      value: [],
    });
    expect(store.anchorsForPage).toHaveBeenCalledTimes(1);
  });

  it('lets a notes frame name only the pages of the origin whose content script opened it', async () => {
    const { ctx, store, touched } = recordingContext();
    const forPage = (url: string, frame = notesFrame) => routeRequest('notes:forPage', { url }, frame, ctx);
    // Never claimed: no page at all.
    expect((await forPage('https://news.example/story')).ok).toBe(false);
    expect(touched()).toBe(false);
    await claimFrame(ctx, notesFrame, contentScript);
    expect((await forPage('https://news.example/story')).ok).toBe(true);
    for (const url of ['http://news.example/story', 'http://news.example:80/story', 'https://evil.example/story'])
      expect((await forPage(url)).ok).toBe(false);
    const save = (draft: unknown) => routeRequest('notes:save', draft, notesFrame, ctx);
    expect((await save({ ...passageDraft, target: { ...passageDraft.target, url: 'https://news.example:444/story' } })).ok).toBe(false);
    const quote = { type: 'TextQuoteSelector', exact: 'SMA', prefix: '', suffix: '' };
    expect(
      (await save({ kind: 'concept', conceptId: 'sma', body: 'x', tags: [], source: { url: 'https://evil.example/a', title: 'A', quote } }))
        .ok,
    ).toBe(false);
    expect(store.forPage).toHaveBeenCalledTimes(1);
    expect(store.save).not.toHaveBeenCalled();
    expect(
      (await save({ kind: 'concept', conceptId: 'sma', body: 'x', tags: [], source: { url: 'https://news.example/a', title: 'A', quote } }))
        .ok,
    ).toBe(true);
    expect((await save({ kind: 'concept', conceptId: 'sma', body: 'x', tags: [] })).ok).toBe(true);
    expect((await save(passageDraft)).ok).toBe(true);
  });

  it("keeps a notes frame opened inside a cross-origin iframe to that iframe's origin, whatever the tab shows", async () => {
    const { ctx } = recordingContext();
    const iframeScript: Sender = { ...contentScript, url: 'https://ads.example/slot.html', frameId: 4 };
    const frameInIframe: Sender = { ...notesFrame, url: `${notesFrame.url}#${'a'.repeat(32)}`, frameId: 5 };
    const frameInTop: Sender = { ...notesFrame, url: `${notesFrame.url}#${'b'.repeat(32)}`, frameId: 6 };
    await claimFrame(ctx, frameInIframe, iframeScript);
    await claimFrame(ctx, frameInTop, contentScript);
    const forPage = (frame: Sender, url: string) => routeRequest('notes:forPage', { url }, frame, ctx).then((r) => r.ok);
    expect(await forPage(frameInIframe, 'https://news.example/story')).toBe(false);
    expect(await forPage(frameInIframe, 'https://ads.example/slot.html')).toBe(true);
    expect(await forPage(frameInTop, 'https://news.example/story')).toBe(true);
    expect(await forPage(frameInTop, 'https://ads.example/slot.html')).toBe(false);
  });

  it("lets the extension's own pages name any page, a PDF's included", async () => {
    const { ctx } = recordingContext();
    const reader: Sender = { ...extensionPage, url: `${ORIGIN}reader.html?url=x`, tab: { id: 9 }, frameId: 0 };
    for (const sender of [extensionPage, reader]) {
      for (const url of ['https://news.example/story', 'http://other.example:8080/', 'urn:x-pdf:abcdef0123']) {
        expect((await routeRequest('notes:forPage', { url }, sender, ctx)).ok).toBe(true);
      }
    }
  });

  it('remembers which page a frame serves across a service-worker restart, and forgets it with its tab', async () => {
    const area = memoryArea();
    const before = recordingContext();
    before.ctx.framePages = new FramePages(area);
    await claimFrame(before.ctx, notesFrame, contentScript);
    // A restarted worker: nonces gone, the session area kept.
    const after = recordingContext();
    after.ctx.framePages = new FramePages(area);
    expect((await routeRequest('notes:forPage', { url: 'https://news.example/story' }, notesFrame, after.ctx)).ok).toBe(true);
    await after.ctx.framePages.forgetTab(8);
    expect((await routeRequest('notes:forPage', { url: 'https://news.example/story' }, notesFrame, after.ctx)).ok).toBe(true);
    await after.ctx.framePages.forgetTab(7);
    expect((await routeRequest('notes:forPage', { url: 'https://news.example/story' }, notesFrame, after.ctx)).ok).toBe(false);
  });

  it('lets a reloaded notes frame claim a fresh nonce its content script registered, not its spent one', async () => {
    const { ctx } = recordingContext();
    const nonce = makeNonce();
    await routeRequest('frame:register', { nonce }, contentScript, ctx);
    expect(await routeRequest('frame:claim', { nonce }, notesFrame, ctx)).toEqual({ ok: true, value: true });
    // The same frame (same URL) after a reload: its URL's nonce is spent.
    expect(await routeRequest('frame:claim', { nonce }, notesFrame, ctx)).toEqual({ ok: true, value: false });
    await claimFrame(ctx, notesFrame, contentScript);
    expect((await routeRequest('notes:forPage', { url: 'https://news.example/story' }, notesFrame, ctx)).ok).toBe(true);
  });

  it('names the field of an invalid request', async () => {
    const { ctx, touched } = recordingContext();
    const reply = await routeRequest('notes:forConcept', { conceptId: 42 }, notesFrame, ctx);
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('conceptId') });
    expect(touched()).toBe(false);
  });

  it('reports a failing store as an error reply, never a throw', async () => {
    const { ctx, store } = recordingContext();
    store.save.mockRejectedValueOnce(new Error('Storage is full'));
    const reply = await routeRequest('notes:save', { kind: 'concept', conceptId: 'sma', body: 'x', tags: [] }, notesFrame, ctx);
    expect(reply).toEqual({ ok: false, error: 'Storage is full' });
  });

  it('tells open tabs which concept changed after a save', async () => {
    const { ctx } = recordingContext();
    await routeRequest('notes:save', { kind: 'concept', conceptId: 'sma', body: 'x', tags: [] }, notesFrame, ctx);
    expect(ctx.onNotesChanged).toHaveBeenCalledWith({ conceptIds: ['sma'], urls: [], noteId: 'note-0001-abcd' });
  });

  it("names the page of a saved passage note, and 'all' pages when a delete does not say which", async () => {
    const { ctx, store } = recordingContext();
    await claimFrame(ctx, notesFrame, contentScript);
    store.save.mockResolvedValueOnce({ ...passageDraft, id: 'note-0003-abcd', createdAt: 1, updatedAt: 1 } as never);
    await routeRequest('notes:save', passageDraft, notesFrame, ctx);
    expect(ctx.onNotesChanged).toHaveBeenLastCalledWith({
      conceptIds: ['sma'],
      urls: ['https://news.example/story'],
      noteId: 'note-0003-abcd',
    });
    await routeRequest('notes:delete', { id: 'note-0003-abcd' }, notesFrame, ctx);
    expect(ctx.onNotesChanged).toHaveBeenLastCalledWith({ conceptIds: [], urls: 'all' });
  });

  it('has no side effect for random messages (fuzz)', async () => {
    const types = fc.oneof(
      fc.string(),
      fc.constantFrom('notes:save', 'notes:delete', 'notes:import', 'notes:deleteAll', 'notes:restore', '__proto__', 'constructor'),
    );
    await fc.assert(
      fc.asyncProperty(
        types,
        fc.jsonValue(),
        fc.constantFrom(contentScript, { id: 'evil' } as Sender, {} as Sender),
        async (type, data, sender) => {
          const { ctx, touched } = recordingContext();
          const reply = await routeRequest(type, data, sender, ctx);
          // Nothing a content script or another extension sends writes or reads a note.
          expect(reply.ok ? type : 'refused').not.toMatch(/^notes:(save|delete|import|deleteAll|restore)$/);
          if (!reply.ok) expect(touched()).toBe(false);
          expect(typeof reply.ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    [
      'unknown concept id',
      { kind: 'concept', conceptId: 'no-such-concept', body: 'x', tags: [] },
      /concept "no-such-concept" is not in the Alliance Lens corpus/,
    ],
    ['"__proto__" as the concept id', { kind: 'concept', conceptId: '__proto__', body: 'x', tags: [] }, /conceptId: is not a concept id/],
    ['"constructor" among concept ids', { ...passageDraft, conceptIds: ['sma', 'constructor'] }, /conceptIds\.1: is not a concept id/],
    [
      '5,003 planted concept ids',
      { ...passageDraft, conceptIds: Array.from({ length: 5_003 }, (_, i) => `planted-${i}`) },
      /conceptIds: must name at most 16 concepts/,
    ],
    ['17 distinct known concept ids', { ...passageDraft, conceptIds: corpus.concepts.slice(0, 17).map((c) => c.id) }, /at most 16/],
    [
      '"toString" as a client id',
      { kind: 'concept', conceptId: 'sma', body: 'x', tags: [], clientId: 'toString' },
      /clientId: must not be a name JavaScript reserves/,
    ],
  ])('refuses a note with %s, naming the problem', async (_name, draft, message) => {
    const { ctx, store } = recordingContext();
    const realStore = new NotesStore(openNotesDb(`router-${Math.random()}`), new Map(corpus.concepts.map((c) => [c.id, c.name])));
    store.save.mockImplementation(realStore.save.bind(realStore) as never);
    const reply = await routeRequest('notes:save', draft, notesFrame, ctx);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(message);
    expect(await realStore.all()).toEqual([]);
  });

  it("deduplicates a passage note's concept ids before the cap", async () => {
    const { ctx, store } = recordingContext();
    await claimFrame(ctx, notesFrame, contentScript);
    const ids = corpus.concepts.slice(0, 16).map((c) => c.id);
    await routeRequest('notes:save', { ...passageDraft, conceptIds: [...ids, ...ids, ...ids] }, notesFrame, ctx);
    expect(store.save).toHaveBeenCalledWith(expect.objectContaining({ conceptIds: ids }));
  });

  it('limits note writes from a page to a burst of 5, then one a second, per tab', async () => {
    const clock = { now: 0 };
    const { ctx, store } = recordingContext(clock);
    const save = (sender: Sender) => routeRequest('notes:save', { kind: 'concept', conceptId: 'sma', body: 'x', tags: [] }, sender, ctx);
    const replies = [];
    for (let i = 0; i < 10; i++) replies.push(await save(notesFrame));
    expect(replies.map((r) => r.ok)).toEqual([true, true, true, true, true, false, false, false, false, false]);
    expect(replies[5]).toEqual({ ok: false, error: RATE_LIMIT_ERROR });
    expect(store.save).toHaveBeenCalledTimes(5);
    // Deletes share the bucket; another tab has its own.
    expect(await routeRequest('notes:delete', { id: 'note-0001-abcd' }, notesFrame, ctx)).toEqual({ ok: false, error: RATE_LIMIT_ERROR });
    expect((await save({ ...notesFrame, tab: { id: 8 } })).ok).toBe(true);
    clock.now = 1_000;
    expect((await save(notesFrame)).ok).toBe(true);
    expect((await save(notesFrame)).ok).toBe(false);
    // Over a minute of a page saving 10 times a second: about one a second gets through.
    let accepted = 0;
    for (let i = 0; i < 600; i++) {
      clock.now += 100;
      if ((await save(notesFrame)).ok) accepted++;
    }
    expect(accepted).toBeGreaterThanOrEqual(59);
    expect(accepted).toBeLessThanOrEqual(61);
  });

  it('never limits the dashboard (also opened in a tab), the popup or the side panel, but does limit an extension frame inside a page', async () => {
    const { ctx } = recordingContext();
    const save = (sender: Sender) => routeRequest('notes:save', { kind: 'concept', conceptId: 'sma', body: 'x', tags: [] }, sender, ctx);
    const dashboardTab: Sender = { ...extensionPage, tab: { id: 9 }, frameId: 0 };
    for (let i = 0; i < 20; i++) {
      expect((await save(dashboardTab)).ok).toBe(true);
      expect((await save(extensionPage)).ok).toBe(true);
    }
    const framed = [];
    for (let i = 0; i < 20; i++) framed.push((await save({ ...notesFrame, tab: { id: 10 } })).ok);
    expect(framed.filter(Boolean)).toHaveLength(5);
  });

  it('deletes a damaged record only for extension pages', async () => {
    const { ctx, store, touched } = recordingContext();
    expect((await routeRequest('notes:deleteMalformed', { key: 'x' }, contentScript, ctx)).ok).toBe(false);
    expect(touched()).toBe(false);
    expect(await routeRequest('notes:deleteMalformed', { key: 42 }, extensionPage, ctx)).toEqual({ ok: true, value: { deleted: true } });
    expect(store.deleteMalformed).toHaveBeenCalledWith(42);
  });

  it.each(['__proto__', 'constructor', 'toString'])('treats "%s" as no concept in any request', async (id) => {
    const { ctx, touched } = recordingContext();
    for (const [type, data] of [
      ['corpus:concept', { conceptId: id }],
      ['notes:forConcept', { conceptId: id }],
    ] as const) {
      const reply = await routeRequest(type, data, extensionPage, ctx);
      expect(reply).toEqual({ ok: false, error: expect.stringContaining('is not a concept id') });
    }
    expect(touched()).toBe(false);
  });

  it.each([
    ['packs:import', { text: '{}' }],
    ['packs:setEnabled', { id: 'alliance-desk', enabled: false }],
    ['packs:remove', { id: 'alliance-desk' }],
    ['packs:export', { id: 'alliance-desk' }],
    ['packs:saveConcept', { concept: { id: 'x-1', name: 'X one', aliases: ['X one'], definition: 'd', category: 'security' } }],
    ['packs:deleteConcept', { conceptId: 'x-1' }],
  ])('changes concept packs only for extension pages, rebuilding the matcher after each change: %s', async (type, data) => {
    const page = recordingContext();
    expect(await routeRequest(type, data, contentScript, page.ctx)).toEqual({
      ok: false,
      error: expect.stringMatching(/only accepted from Alliance Lens pages/),
    });
    expect(page.touched()).toBe(false);
    expect(page.ctx.packs.refresh).not.toHaveBeenCalled();
    const { ctx } = recordingContext();
    expect(await routeRequest(type, data, extensionPage, ctx)).toMatchObject({ ok: true });
    expect(ctx.packs.refresh).toHaveBeenCalledTimes(type === 'packs:export' ? 0 : 1);
  });

  it('names the field of an invalid pack request and refreshes nothing', async () => {
    const { ctx, touched } = recordingContext();
    expect(await routeRequest('packs:setEnabled', { id: '__proto__', enabled: true }, extensionPage, ctx)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid "packs:setEnabled" request: id:/),
    });
    expect(
      await routeRequest(
        'packs:saveConcept',
        { concept: { id: 'x', name: 'X', aliases: [], definition: 'd', category: 'security' } },
        extensionPage,
        ctx,
      ),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid "packs:saveConcept" request: concept\.aliases: must list at least one alias/),
    });
    expect(touched()).toBe(false);
  });
});
