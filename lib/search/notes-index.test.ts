import { describe, expect, it } from 'vitest';
import { NotesIndex } from './notes-index';
import type { Note } from '../notes/model';

const notes: Note[] = [
  {
    id: 'note-aaaa-0001',
    kind: 'concept',
    conceptId: 'sma',
    body: 'Cost talks restart in 2025',
    tags: ['budget'],
    createdAt: 1,
    updatedAt: 10,
  },
  { id: 'note-aaaa-0002', kind: 'concept', conceptId: 'ncg', body: 'Nuclear planning body', tags: [], createdAt: 2, updatedAt: 20 },
  {
    id: 'note-aaaa-0003',
    kind: 'passage',
    conceptIds: ['rsf'],
    body: 'Shipyards matter',
    tags: ['navy'],
    createdAt: 3,
    updatedAt: 30,
    target: {
      url: 'https://keia.example/a',
      title: 'KEI',
      quote: { type: 'TextQuoteSelector', exact: 'distributed maintenance network', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 5 },
    },
  },
];
const index = new NotesIndex(
  notes,
  new Map([
    ['sma', 'Special Measures Agreement'],
    ['ncg', 'Nuclear Consultative Group'],
    ['rsf', 'Regional Sustainment Framework'],
  ]),
);

describe('NotesIndex', () => {
  it('finds by body, tag, quote and concept name, with prefixes', () => {
    expect(index.find({ query: 'cost' }).map((n) => n.id)).toEqual(['note-aaaa-0001']);
    expect(index.find({ query: 'navy' }).map((n) => n.id)).toEqual(['note-aaaa-0003']);
    expect(index.find({ query: 'maint' }).map((n) => n.id)).toEqual(['note-aaaa-0003']);
    expect(index.find({ query: 'special measures' }).map((n) => n.id)).toEqual(['note-aaaa-0001']);
  });
  it('filters by concept, tag, site and date; newest first without a query', () => {
    expect(index.find({ query: '' }).map((n) => n.id)).toEqual(['note-aaaa-0003', 'note-aaaa-0002', 'note-aaaa-0001']);
    expect(index.find({ query: '', conceptId: 'ncg' }).map((n) => n.id)).toEqual(['note-aaaa-0002']);
    expect(index.find({ query: '', tag: 'budget' }).map((n) => n.id)).toEqual(['note-aaaa-0001']);
    expect(index.find({ query: '', site: 'keia.example' }).map((n) => n.id)).toEqual(['note-aaaa-0003']);
    expect(index.find({ query: '', since: 15 }).map((n) => n.id)).toEqual(['note-aaaa-0003', 'note-aaaa-0002']);
  });
  it('follows edits, additions and deletions without a rebuild', () => {
    const live = new NotesIndex(notes, new Map([['sma', 'Special Measures Agreement']]));
    const edited = { ...notes[0]!, body: 'Shipbuilding talks instead', updatedAt: 40 } as Note;
    const added: Note = {
      id: 'note-aaaa-0004',
      kind: 'concept',
      conceptId: 'sma',
      body: 'Escalator clause',
      tags: ['cost'],
      createdAt: 4,
      updatedAt: 50,
    };
    live.sync([edited, notes[2]!, added]);
    expect(live.find({ query: 'cost' }).map((n) => n.id)).toEqual(['note-aaaa-0004']);
    expect(live.find({ query: 'shipbuilding' }).map((n) => n.id)).toEqual(['note-aaaa-0001']);
    expect(live.find({ query: 'nuclear' })).toEqual([]);
    expect(live.find({ query: '' }).map((n) => n.id)).toEqual(['note-aaaa-0004', 'note-aaaa-0001', 'note-aaaa-0003']);
  });
});
