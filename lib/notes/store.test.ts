import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openNotesDb, SCHEMA_V1, SCHEMA_V2, watchDbHealth, type DbHealth } from './db';
import { NotesStore } from './store';
import { expectingDexieWarnings, openStubbornV1, whileDatabasesCannotOpen } from '@/tests/support/db-faults';
import { ImportError, NotesUnavailableError, StorageFullError, guardWrite } from './errors';
import { MAX_IMPORT_BYTES } from './import';
import * as v from 'valibot';
import { CheckedDraftSchema, type Note, type NoteDraft } from './model';
import { loadCorpusFromDir } from '../../scripts/load-corpus';

const CONCEPTS = new Map(loadCorpusFromDir('data').concepts.map((c) => [c.id, c.name]));
/** 2026-01-01: test clocks count from here, since notes before 2000 are refused. */
const T0 = Date.UTC(2026, 0, 1);

let dbCounter = 0;
function freshStore(now?: () => number) {
  return new NotesStore(openNotesDb(`notes-test-${++dbCounter}-${Math.random()}`), CONCEPTS, now);
}

/** What the router hands the store: a draft its schema has checked. */
const checked = (draft: NoteDraft) => v.parse(CheckedDraftSchema, draft);
const conceptDraft = (body: string, conceptId = 'sma'): NoteDraft => ({ kind: 'concept', conceptId, body, tags: ['cost'] });
/** A concept note written on a page: the mention, with its sentence around it. */
const withSource = {
  kind: 'concept',
  conceptId: 'sma',
  body: 'written while reading',
  tags: [],
  source: {
    url: 'https://news.example/a',
    title: 'A story',
    quote: { type: 'TextQuoteSelector', exact: 'SMA', prefix: 'Seoul and Washington signed the ', suffix: ' in October.' },
    position: { type: 'TextPositionSelector', start: 120, end: 123 },
  },
} satisfies NoteDraft;
const passageDraft = (body: string, url = 'https://news.example/a'): NoteDraft => ({
  kind: 'passage',
  conceptIds: ['sma'],
  body,
  tags: [],
  target: {
    url,
    title: 'A story',
    quote: { type: 'TextQuoteSelector', exact: 'the Special Measures Agreement', prefix: 'renegotiating ', suffix: ' before' },
    position: { type: 'TextPositionSelector', start: 10, end: 40 },
  },
});

describe('NotesStore', () => {
  it('creates, reads, updates and deletes with undo', async () => {
    let t = T0 + 1_000;
    const store = freshStore(() => t);
    const a = await store.save(checked(conceptDraft('first')));
    t = T0 + 2_000;
    await store.save(checked(conceptDraft('second')));
    expect((await store.forConcept('sma')).count).toBe(2);
    expect((await store.forConcept('sma', 1)).latest.map((n) => n.body)).toEqual(['second']);
    t = T0 + 3_000;
    const edited = await store.save(checked({ ...conceptDraft('first, edited'), id: a.id }));
    expect(edited.createdAt).toBe(T0 + 1_000);
    expect(edited.updatedAt).toBe(T0 + 3_000);
    expect(await store.delete(a.id)).toBe(true);
    expect((await store.forConcept('sma')).count).toBe(1);
    expect(await store.restore(a.id)).toBe(true);
    expect((await store.forConcept('sma')).latest[0]!.body).toBe('first, edited');
  });

  it('finds passage notes by normalised page URL', async () => {
    const store = freshStore();
    await store.save(checked(passageDraft('on a')));
    await store.save(checked(passageDraft('on b', 'https://news.example/b')));
    expect((await store.forPage('https://news.example/a')).map((n) => n.body)).toEqual(['on a']);
  });

  it('refuses to update a note that does not exist', async () => {
    const store = freshStore();
    await expect(store.save(checked({ ...conceptDraft('x'), id: 'missing-note-id' }))).rejects.toThrow(/No note with id/);
  });

  it('turns a quota failure, also wrapped in an AbortError, into "storage full"', async () => {
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    await expect(guardWrite(() => Promise.reject(quota))).rejects.toBeInstanceOf(StorageFullError);
    const wrapped = Object.assign(new Error('aborted'), { name: 'AbortError', inner: quota });
    await expect(guardWrite(() => Promise.reject(wrapped))).rejects.toThrow(/Storage is full/);
  });

  it('leaves no partial write when a transaction fails', async () => {
    const store = freshStore();
    await store.save(checked(conceptDraft('kept')));
    const before = await store.all();
    await expect(
      store.db.transaction('rw', store.db.notes, async () => {
        await store.db.notes.put({ ...before[0]!, id: 'half-written-1', body: 'half' });
        throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
      }),
    ).rejects.toThrow();
    expect(await store.all()).toEqual(before);
  });
});

describe('migration', () => {
  it('opens a version-1 database with nothing lost', async () => {
    const name = `notes-v1-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/v1-notes.json'), 'utf8')) as Record<string, unknown>[];
    await v1.table('notes').bulkPut(fixture);
    v1.close();

    const store = new NotesStore(openNotesDb(name), CONCEPTS);
    const notes = await store.all();
    expect(notes).toHaveLength(fixture.length);
    for (const original of fixture) {
      const migrated = notes.find((n) => n.id === original.id)!;
      expect(migrated).toMatchObject({ ...original, tags: (original.tags as string[] | undefined) ?? [] });
    }
    expect(store.db.verno).toBe(2);
  });
  it('tolerates a mix of old- and new-shape records, and an upgrade that fails part-way leaves version 1 intact', async () => {
    const name = `notes-mixed-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const old = { id: 'old', kind: 'concept', conceptId: 'sma', conceptIds: ['sma'], body: 'old shape', createdAt: 1, updatedAt: 1 };
    const current = { ...old, id: 'new', body: 'new shape', tags: ['kept'] };
    await v1.table('notes').bulkPut([old, current]);
    v1.close();

    // An upgrade that dies after changing the first record: IndexedDB rolls the whole upgrade back.
    const broken = new Dexie(name);
    broken.version(1).stores(SCHEMA_V1);
    broken
      .version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        await tx.table('notes').update('old', { tags: ['half-done'] });
        throw new Error('service worker stopped');
      });
    await expect(broken.open()).rejects.toThrow();
    broken.close();
    const reopened = new Dexie(name);
    await reopened.open();
    expect(reopened.verno).toBe(1);
    expect(await reopened.table('notes').get('old')).toEqual(old);
    reopened.close();

    const store = new NotesStore(openNotesDb(name), CONCEPTS);
    // Read raw: the migration keeps every record as it was, well-formed or not.
    expect(await store.db.notes.toArray()).toEqual(expect.arrayContaining([{ ...old, tags: [] }, current]));
    expect(store.db.verno).toBe(2);
  });

  it('never hangs when a newer version opens while other tabs hold the database open', async () => {
    await expectingDexieWarnings(/Another connection wants to upgrade database/, async () => {
      const name = `notes-versionchange-${Math.random()}`;
      const background = new NotesStore(openNotesDb(name), CONCEPTS);
      const dashboard = new NotesStore(openNotesDb(name), CONCEPTS);
      await background.save(checked(conceptDraft('written before the update')));
      expect(await dashboard.all()).toHaveLength(1);

      // The next release adds a version: the open connections close themselves (versionchange) instead of blocking it.
      const next = new Dexie(name);
      next.version(2).stores(SCHEMA_V2);
      next.version(3).stores({ ...SCHEMA_V2, notes: `${SCHEMA_V2.notes}, [kind+updatedAt]` });
      await next.open();
      expect(next.verno).toBe(3);
      expect(background.db.isOpen()).toBe(false);
      expect(dashboard.db.isOpen()).toBe(false);
      expect((await next.table('notes').toArray()).map((n) => n.body)).toEqual(['written before the update']);
      next.close();
    });
  });

  it('reports an upgrade blocked by a connection that will not close, then proceeds once it does', async () => {
    await expectingDexieWarnings(/blocked by other connection holding version 1/, async () => {
      const name = `notes-blocked-${Math.random()}`;
      const v1 = await openStubbornV1(name);

      const health: DbHealth[] = [];
      const db = openNotesDb(name);
      const stop = watchDbHealth(db, (h) => health.push(h));
      try {
        await expect.poll(() => health).toEqual(['blocked']);
        v1.close();
        await expect.poll(() => health).toEqual(['blocked', 'ok']);
      } finally {
        stop();
        db.close();
        v1.close();
      }
    });
  });

  it('says notes are unavailable when the database cannot be opened (as in a private window), and saves nothing silently', async () => {
    await whileDatabasesCannotOpen(async () => {
      const db = openNotesDb(`notes-private-${Math.random()}`);
      const health: DbHealth[] = [];
      watchDbHealth(db, (h) => health.push(h));
      await expect.poll(() => health).toEqual(['unavailable']);
      const save = new NotesStore(db, CONCEPTS).save(checked(conceptDraft('a thought')));
      await expect(save).rejects.toBeInstanceOf(NotesUnavailableError);
      await expect(save).rejects.toThrow(/unavailable.*still in the editor/);
    });
  });
});

describe('export and import', () => {
  it('round-trips: export → wipe → import gives identical data, and importing again changes nothing', async () => {
    const store = freshStore();
    await store.save(checked(conceptDraft('<img src=x onerror=alert(1)> stays text')));
    await store.save(checked(passageDraft('passage')));
    const before = await store.all();
    const { text } = await store.exportAs('json');
    await store.deleteAll();
    expect(await store.import(text, true)).toEqual({ added: 2, updated: 0, skipped: 0, applied: true });
    expect(await store.all()).toEqual(before);
    expect(await store.import(text, true)).toEqual({ added: 0, updated: 0, skipped: 2, applied: true });
    expect(await store.all()).toEqual(before);
  });

  it.each(['json', 'jsonld'] as const)('is lossless and idempotent for any set of notes through %s (property)', async (format) => {
    const body = fc.string({ maxLength: 200 });
    const tags = fc.uniqueArray(
      fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() === s && s.length > 0),
      { maxLength: 4 },
    );
    const sourceArb = fc
      .record({
        title: fc.string({ maxLength: 30 }),
        exact: fc.string({ minLength: 1, maxLength: 50 }),
        prefix: fc.string({ maxLength: 40 }),
      })
      .map(({ title, exact, prefix }) => ({
        ...withSource.source,
        title,
        quote: { ...withSource.source.quote, exact, prefix },
      }));
    const conceptArb = fc.record(
      { kind: fc.constant('concept' as const), body, tags, conceptId: fc.constantFrom('sma', 'rsf', 'ncg'), source: sourceArb },
      { requiredKeys: ['kind', 'body', 'tags', 'conceptId'] },
    );
    const passageArb = fc
      .record({
        body,
        tags,
        conceptIds: fc.uniqueArray(fc.constantFrom('sma', 'rsf', 'ncg', 'usfk'), { maxLength: 3 }),
        exact: fc.string({ minLength: 1, maxLength: 50 }),
        title: fc.string({ maxLength: 30 }),
      })
      .map(({ exact, title, ...d }): NoteDraft => {
        const draft = passageDraft(d.body) as Extract<NoteDraft, { kind: 'passage' }>;
        return { ...draft, ...d, target: { ...draft.target, title, quote: { ...draft.target.quote, exact } } };
      });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(conceptArb, passageArb), { maxLength: 8 }), async (drafts) => {
        const store = freshStore();
        for (const d of drafts) await store.save(checked(d));
        const before = await store.all();
        const { text } = await store.exportAs(format);
        await store.deleteAll();
        await store.import(text, true);
        await store.import(text, true);
        expect(await store.all()).toEqual(before);
        store.db.close();
      }),
      { numRuns: 15 },
    );
  });

  it('plans without writing on a dry run, and prefers the newer copy of a note', async () => {
    let t = T0 + 1_000;
    const store = freshStore(() => t);
    const note = await store.save(checked(conceptDraft('old')));
    const newer: Note = { ...note, body: 'newer', updatedAt: T0 + 5_000 };
    const backup = JSON.stringify({ format: 'alliance-lens-notes', version: 1, exportedAt: '', notes: [newer] });
    expect(await store.import(backup, false)).toEqual({ added: 0, updated: 1, skipped: 0, applied: false });
    expect((await store.all())[0]!.body).toBe('old');
    await store.import(backup, true);
    expect((await store.all())[0]!.body).toBe('newer');
    t = T0 + 6_000;
  });

  it('escapes Markdown and HTML in the Markdown export', async () => {
    const store = freshStore();
    await store.save(checked(conceptDraft('[click](javascript:alert(1)) <script>x</script> **bold**')));
    const { text } = await store.exportAs('markdown');
    expect(text).toContain('\\[click\\]\\(javascript:alert(1))');
    expect(text).toContain('\\*\\*bold\\*\\*');
    expect(text).toContain('&lt;script&gt;');
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/\]\(javascript:/);
  });

  it('exports W3C Web Annotations with text quote and position selectors', async () => {
    const store = freshStore();
    await store.save(checked(passageDraft('about the SMA')));
    const doc = JSON.parse((await store.exportAs('jsonld')).text);
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.items[0].target.selector.map((s: { type: string }) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    expect(doc.items[0].body[0]).toMatchObject({ type: 'TextualBody', value: 'about the SMA' });
  });
});

describe('a concept note records the page it was written on', () => {
  it('keeps its source through a save, an edit, the JSON and JSON-LD exports and their imports', async () => {
    const store = freshStore();
    const note = await store.save(checked(withSource));
    expect(note).toMatchObject({ kind: 'concept', source: withSource.source });
    const { createdAt: _c, updatedAt: _u, ...edit } = note;
    expect(await store.save(checked({ ...edit, body: 'edited' }))).toMatchObject({ body: 'edited', source: withSource.source });
    await store.save(checked(conceptDraft('written in the dashboard')));
    const before = await store.all();
    for (const format of ['json', 'jsonld'] as const) {
      const { text } = await store.exportAs(format);
      await store.deleteAll();
      expect(await store.import(text, true)).toMatchObject({ added: 2 });
      expect(await store.all()).toEqual(before);
    }
  });

  it('gives the page as a second Web Annotation target, and the sentence and page in Markdown', async () => {
    const store = freshStore();
    await store.save(checked(withSource));
    const doc = JSON.parse((await store.exportAs('jsonld')).text);
    expect(doc.items[0].target).toEqual([
      expect.objectContaining({ source: 'urn:alliance-lens:concept:sma' }),
      {
        type: 'SpecificResource',
        source: 'https://news.example/a',
        label: 'A story',
        selector: [withSource.source.quote, withSource.source.position],
      },
    ]);
    const md = (await store.exportAs('markdown')).text;
    expect(md).toContain('> Seoul and Washington signed the SMA in October.');
    expect(md).toContain('From A story `https://news.example/a`');
  });

  it('refuses a malformed source and names it, storing nothing', async () => {
    const store = freshStore();
    const bad = { ...withSource, source: { ...withSource.source, quote: { ...withSource.source.quote, exact: '' } } };
    // A draft reaches the store only through its schema, which names the field.
    const refused = v.safeParse(CheckedDraftSchema, bad);
    expect(!refused.success && v.getDotPath(refused.issues[0])).toBe('source.quote.exact');
    const backup = JSON.stringify({
      format: 'alliance-lens-notes',
      version: 1,
      exportedAt: '',
      notes: [{ ...withSource, id: 'with-bad-source', source: { url: '' }, createdAt: T0, updatedAt: T0 }],
    });
    await expect(store.import(backup, true)).rejects.toThrow(/source\.url/);
    expect(await store.all()).toEqual([]);
  });
});

describe('bad import files change nothing', () => {
  const valid = (over: Record<string, unknown> = {}) => ({
    id: 'good-note-0001',
    kind: 'concept',
    conceptId: 'sma',
    body: 'b',
    tags: [],
    createdAt: T0,
    updatedAt: T0 + 1,
    ...over,
  });
  const backup = (notes: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ format: 'alliance-lens-notes', version: 1, exportedAt: 'x', notes, ...extra });
  const goodText = backup([valid()]);
  const { target } = passageDraft('') as Extract<NoteDraft, { kind: 'passage' }>;
  const passage = (over: Record<string, unknown>) => {
    const { conceptId: _concept, ...note } = valid({ kind: 'passage', target, ...over });
    return note;
  };
  const BAD_FILES: [string, () => string, RegExp][] = [
    ['empty file', () => '', /not valid JSON/],
    ['truncated JSON', () => goodText.slice(0, goodText.length / 2), /not valid JSON/],
    ['plain text', () => 'hello notes', /not valid JSON/],
    ['a JSON array', () => '[]', /not an Alliance Lens backup/],
    ['a JSON string', () => '"notes"', /not an Alliance Lens backup/],
    ['null', () => 'null', /not an Alliance Lens backup/],
    ['foreign JSON (package.json)', () => JSON.stringify({ name: 'x', version: '1.0.0' }), /not an Alliance Lens backup/],
    ['foreign JSON with notes', () => JSON.stringify({ notes: [valid()] }), /not an Alliance Lens backup/],
    ['Hypothesis-like export', () => JSON.stringify({ format: 'hypothesis', annotations: [] }), /not an Alliance Lens backup/],
    ['missing version', () => JSON.stringify({ format: 'alliance-lens-notes', notes: [] }), /version/],
    ['version as string', () => backup([], { version: '1' }), /version/],
    ['newer version', () => backup([], { version: 99 }), /newer version/],
    ['version zero', () => backup([], { version: 0 }), /not known/],
    ['notes not a list', () => backup({ a: 1 }), /not a list/],
    ['note of wrong kind', () => backup([valid({ kind: 'highlight' })]), /note 1/],
    ['body is a number', () => backup([valid({ body: 42 })]), /body/],
    ['tags not a list', () => backup([valid({ tags: 'a,b' })]), /tags/],
    ['negative timestamp', () => backup([valid({ createdAt: -5 })]), /createdAt/],
    ['fractional timestamp', () => backup([valid({ updatedAt: 1.5 })]), /updatedAt/],
    ['id with spaces', () => backup([valid({ id: 'has spaces in it' })]), /id/],
    ['unknown extra field', () => backup([valid({ evil: '<script>' })]), /note 1/],
    ['huge body string', () => backup([valid({ body: 'x'.repeat(25_000) })]), /body/],
    ['too many tags', () => backup([valid({ tags: Array.from({ length: 40 }, (_, i) => `t${i}`) })]), /tags/],
    ['duplicate ids', () => backup([valid(), valid({ body: 'other' })]), /repeats the id/],
    ['passage note without target', () => backup([valid({ kind: 'passage', conceptIds: [] })]), /note 1/],
    ['second note bad after a good one', () => backup([valid(), valid({ id: 'good-note-0002', conceptId: '' })]), /note 2/],
    ['over 20 MB', () => backup([valid({ body: 'x' })]).padEnd(MAX_IMPORT_BYTES + 10, ' '), /20 MB/],
    // Poisoned files (issue 13): each once passed, then broke the dashboard or the exports.
    [
      'updatedAt 1e300 (beyond any date)',
      () => backup([valid({ updatedAt: 1e300 })]),
      /note 1 \(id "good-note-0001"\) is invalid: updatedAt: must be a valid date/,
    ],
    ['negative updatedAt', () => backup([valid({ updatedAt: -1 })]), /note 1 \(id "good-note-0001"\) is invalid: updatedAt/],
    ['NaN createdAt (null in JSON)', () => backup([valid({ createdAt: NaN })]), /note 1 \(id "good-note-0001"\) is invalid: createdAt/],
    [
      'a date before 2000',
      () => backup([valid({ createdAt: Date.UTC(1999, 11, 31) })]),
      /note 1 .*createdAt: must be a date on or after 2000-01-01/,
    ],
    ['a date a year ahead', () => backup([valid({ updatedAt: Date.now() + 365 * 86_400_000 })]), /note 1 .*updatedAt: is in the future/],
    ['"__proto__" as a concept id', () => backup([valid({ conceptId: '__proto__' })]), /note 1 .*conceptId: is not a concept id/],
    [
      '"constructor" among a passage\'s concept ids',
      () => backup([passage({ conceptIds: ['sma', 'constructor'] })]),
      /note 1 .*conceptIds\.1: is not a concept id/,
    ],
    ['"toString" as a concept id', () => backup([valid({ conceptId: 'toString' })]), /note 1 .*conceptId: is not a concept id/],
    [
      'a concept the corpus does not know',
      () => backup([valid({ conceptId: 'no-such-concept' })]),
      /note 1 .*concept "no-such-concept" is not in the Alliance Lens corpus/,
    ],
    [
      '"__proto__" as a note id',
      () => backup([valid({ id: '__proto__' })]),
      /note 1 \(id "__proto__"\) is invalid: id: must not be a name JavaScript reserves/,
    ],
    ['"constructor" as a note id', () => backup([valid(), valid({ id: 'constructor' })]), /note 2 \(id "constructor"\) is invalid: id/],
    ['"toString" as a note id', () => backup([valid({ id: 'toString' })]), /note 1 \(id "toString"\) is invalid: id/],
    [
      'a "__proto__" key in a note',
      () => backup([valid()]).replace('"kind"', '"__proto__": {"kind": "passage"}, "kind"'),
      /note 1 .*__proto__/,
    ],
    [
      '10,000 concept ids in one note',
      () => backup([passage({ conceptIds: Array.from({ length: 10_000 }, (_, i) => `planted-${i}`) })]),
      /note 1 .*conceptIds: must name at most 16 concepts/,
    ],
    [
      '5,003 concept ids in one note',
      () => backup([passage({ conceptIds: Array.from({ length: 5_003 }, (_, i) => (i % 2 ? 'sma' : `x${i}`)) })]),
      /note 1 .*conceptIds: must name at most 16 concepts/,
    ],
    ['the same concept twice', () => backup([passage({ conceptIds: ['sma', 'sma'] })]), /note 1 .*conceptIds: must not repeat a concept/],
    [
      'a Web Annotation with an unreadable date',
      () =>
        JSON.stringify({
          type: 'AnnotationCollection',
          items: [
            {
              id: 'urn:alliance-lens:note:good-note-0001',
              type: 'Annotation',
              created: 'yesterday',
              body: [{ type: 'TextualBody', value: 'x', purpose: 'commenting' }],
              target: { source: 'urn:alliance-lens:concept:sma' },
            },
          ],
        }),
      /annotation 1 \(id "good-note-0001"\) is invalid: createdAt/,
    ],
  ];

  it(`has at least 40 bad files`, () => expect(BAD_FILES.length).toBeGreaterThanOrEqual(40));

  it.each(BAD_FILES)('rejects %s with a message and keeps the notes byte for byte', async (_name, make, message) => {
    const store = freshStore();
    await store.save(checked(conceptDraft('precious')));
    await store.save(checked(passageDraft('also precious')));
    const before = JSON.stringify(await store.db.notes.toArray());
    const attempt = store.import(make(), true);
    await expect(attempt).rejects.toBeInstanceOf(ImportError);
    await expect(store.import(make(), true)).rejects.toThrow(message);
    await expect(store.import(make(), false)).rejects.toThrow(message);
    expect(JSON.stringify(await store.db.notes.toArray())).toBe(before);
  });
});

describe('a store that trusts nothing', () => {
  it("saves a new note under the client's id once: the same draft again returns the stored note", async () => {
    let t = T0;
    const store = freshStore(() => t);
    const draft = { ...conceptDraft('sent twice'), clientId: 'client-made-0001' };
    const first = await store.save(checked(draft));
    t += 5_000;
    const again = await store.save(checked(draft));
    expect(again).toEqual(first);
    expect(first.id).toBe('client-made-0001');
    expect(await store.all()).toHaveLength(1);
    await expect(store.save(checked({ ...draft, body: 'something else' }))).rejects.toThrow(
      /already used by another note; nothing was saved/,
    );
    await expect(store.save(checked({ ...draft, id: first.id }))).rejects.toThrow(/either new .* or an edit/);
    expect(await store.all()).toEqual([first]);
  });

  it('refuses concepts the corpus does not know, with nothing written', async () => {
    const store = freshStore();
    await expect(store.save(checked(conceptDraft('x', 'no-such-concept')))).rejects.toThrow(
      'The note was not saved: conceptId: concept "no-such-concept" is not in the Alliance Lens corpus.',
    );
    expect(await store.db.notes.count()).toBe(0);
  });

  it('lets the reader edit a note on a concept a later corpus dropped, but not add that concept anew', async () => {
    const store = freshStore();
    const old = {
      id: 'dropped-concept1',
      kind: 'concept',
      conceptId: 'retired-concept',
      body: 'old',
      tags: [],
      createdAt: T0,
      updatedAt: T0,
    };
    await store.db.notes.put(old as Note);
    const edited = await store.save(checked({ kind: 'concept', id: old.id, conceptId: 'retired-concept', body: 'edited', tags: [] }));
    expect(edited.body).toBe('edited');
    await expect(store.save(checked({ kind: 'concept', conceptId: 'retired-concept', body: 'new', tags: [] }))).rejects.toThrow(
      /not in the Alliance Lens corpus/,
    );
  });

  const damaged: Record<string, unknown>[] = [
    { id: 'huge-date-0001', kind: 'concept', conceptId: 'sma', body: 'from 1e300', tags: [], createdAt: T0, updatedAt: 1e300 },
    { id: 'wrong-types-01', kind: 'concept', conceptId: 42, body: ['x'], tags: 'a', createdAt: 'yesterday', updatedAt: null },
    { id: 'missing-fields' },
    { id: 12345, kind: 'passage' },
    {
      id: 'proto-concept1',
      kind: 'passage',
      conceptIds: ['constructor', '__proto__'],
      body: 'x',
      tags: [],
      createdAt: T0,
      updatedAt: T0,
      target: { url: 'https://x.example/' },
    },
  ];

  async function storeWithDamage() {
    const store = freshStore(() => T0 + 60_000);
    await store.save(checked(conceptDraft('good one')));
    await store.save(checked(passageDraft('good two')));
    // Written past the store, as an old version or a bug might have.
    await store.db.notes.bulkPut(damaged as never);
    return store;
  }

  it('hands out well-formed notes only; damaged records are listed with what is wrong', async () => {
    const store = await storeWithDamage();
    expect((await store.all()).map((n) => n.body).sort()).toEqual(['good one', 'good two']);
    expect((await store.forConcept('sma')).latest.map((n) => n.body).sort()).toEqual(['good one', 'good two']);
    expect((await store.forPage('https://news.example/a')).map((n) => n.body)).toEqual(['good two']);
    const skipped = await store.malformed();
    expect(skipped.map((s) => s.id).sort()).toEqual(['12345', 'huge-date-0001', 'missing-fields', 'proto-concept1', 'wrong-types-01']);
    expect(skipped.find((s) => s.id === 'huge-date-0001')!.problem).toBe('updatedAt: must be a valid date');
  });

  it('exports every format without the damaged records, and says how many it left out', async () => {
    const store = await storeWithDamage();
    for (const format of ['json', 'markdown', 'jsonld'] as const) {
      const file = await store.exportAs(format);
      expect(file.skipped).toBe(5);
      expect(file.text).toContain('good one');
      expect(file.text).not.toContain('from 1e300');
    }
    expect((await store.exportAs('markdown')).text).toMatch(
      /5 damaged record\(s\) left out: .*huge-date-0001 \(updatedAt: must be a valid date\)/,
    );
  });

  it('deletes a damaged record for good, and never a good note that way', async () => {
    const store = await storeWithDamage();
    const [good] = await store.all();
    expect(await store.deleteMalformed(good!.id)).toBe(false);
    expect(await store.deleteMalformed('huge-date-0001')).toBe(true);
    expect(await store.deleteMalformed(12345)).toBe(true);
    expect(await store.malformed()).toHaveLength(3);
    expect(await store.all()).toHaveLength(2);
    await expect(store.save(checked({ ...conceptDraft('edit'), id: 'missing-fields' }))).rejects.toThrow(
      /damaged; delete it from the dashboard/,
    );
  });

  it('an import replaces a damaged record with the good note of the same id', async () => {
    const store = await storeWithDamage();
    const good = { id: 'huge-date-0001', kind: 'concept', conceptId: 'sma', body: 'repaired', tags: [], createdAt: T0, updatedAt: T0 };
    const text = JSON.stringify({ format: 'alliance-lens-notes', version: 1, exportedAt: '', notes: [good] });
    expect(await store.import(text, true)).toEqual({ added: 0, updated: 1, skipped: 0, applied: true });
    expect((await store.all()).map((n) => n.body)).toContain('repaired');
  });

  it('reads back its own Web Annotation export: export JSON-LD → wipe → import gives the same notes', async () => {
    let t = T0;
    const store = freshStore(() => t);
    await store.save(checked({ ...conceptDraft('concept <b>note</b>\nline two'), tags: ['cost', 'talks'] }));
    t += 1_000;
    await store.save(checked({ ...passageDraft('passage note'), conceptIds: ['sma', 'usfk'] } as NoteDraft));
    t += 1_000;
    await store.save(checked({ ...conceptDraft(''), tags: [] }));
    const before = await store.all();
    const { text } = await store.exportAs('jsonld');
    await store.deleteAll();
    expect(await store.import(text, false)).toEqual({ added: 3, updated: 0, skipped: 0, applied: false });
    expect(await store.import(text, true)).toEqual({ added: 3, updated: 0, skipped: 0, applied: true });
    expect(await store.all()).toEqual(before);
    expect(await store.import(text, false)).toEqual({ added: 0, updated: 0, skipped: 3, applied: false });
  });
});
