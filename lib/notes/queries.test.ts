import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { openNotesDb } from './db';
import { CheckedDraftSchema, type NoteDraft } from './model';
import { NotesStore } from './store';
import { allRecords, anchorsOnPage, conceptNotes, notesOnConcept, notesOnPage } from './queries';

const T0 = Date.UTC(2026, 0, 1);
const PAGE = 'https://news.example/a';

const passage = (body: string, conceptIds: string[]): NoteDraft => ({
  kind: 'passage',
  conceptIds,
  body,
  tags: ['kept-private'],
  target: {
    url: PAGE,
    title: 'A story',
    quote: { type: 'TextQuoteSelector', exact: 'the SMA', prefix: 'on ', suffix: ' talks' },
    position: { type: 'TextPositionSelector', start: 3, end: 10 },
  },
});

/** A concept note on the SMA, a passage note naming the SMA and the RSF, one naming the RSF only, and a damaged record. */
async function seeded() {
  let now = T0;
  const store = new NotesStore(
    openNotesDb(`queries-${Math.random()}`),
    new Map([
      ['sma', 'SMA'],
      ['rsf', 'RSF'],
    ]),
    () => (now += 1_000),
  );
  const save = (draft: NoteDraft) => store.save(v.parse(CheckedDraftSchema, draft));
  await save({ kind: 'concept', conceptId: 'sma', body: 'on the SMA', tags: [] });
  await save(passage('a passage on both', ['sma', 'rsf']));
  await save(passage('a passage on the RSF', ['rsf']));
  await store.db.notes.put({ id: 'damaged-0001', kind: 'concept', conceptId: 'sma' } as never);
  return store;
}

describe('note queries', () => {
  it("count a concept's concept notes and the passage notes naming it, newest first, damaged records left out", async () => {
    const { db } = await seeded();
    expect((await notesOnConcept(db, 'sma')).map((n) => n.body)).toEqual(['a passage on both', 'on the SMA']);
    expect((await notesOnConcept(db, 'rsf')).map((n) => n.body)).toEqual(['a passage on the RSF', 'a passage on both']);
    expect(await conceptNotes(db, 'sma', 1)).toEqual({ count: 2, latest: [expect.objectContaining({ body: 'a passage on both' })] });
  });

  it('give the card (through the store) the count the glossary shows', async () => {
    const store = await seeded();
    for (const id of ['sma', 'rsf', 'ncg']) expect((await store.forConcept(id)).count).toBe((await notesOnConcept(store.db, id)).length);
  });

  it("give a page's notes, and its anchors without bodies or tags", async () => {
    const { db } = await seeded();
    expect(await notesOnPage(db, PAGE)).toHaveLength(2);
    const anchors = await anchorsOnPage(db, PAGE);
    expect(anchors.map((a) => Object.keys(a).sort())).toEqual([
      ['id', 'position', 'quote'],
      ['id', 'position', 'quote'],
    ]);
    expect(JSON.stringify(anchors)).not.toMatch(/passage on|kept-private/);
  });

  it('split every record into notes and damaged records', async () => {
    const { notes, damaged } = await allRecords((await seeded()).db);
    expect(notes.map((n) => n.body)).toEqual(['a passage on the RSF', 'a passage on both', 'on the SMA']);
    expect(damaged).toEqual([{ id: 'damaged-0001', kind: 'concept', conceptId: 'sma' }]);
  });
});
