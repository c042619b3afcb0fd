import { render, screen } from '@testing-library/preact';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { NotesDbContext } from '@/components/hooks/use-notes';
import { openNotesDb } from '@/lib/notes/db';
import { CheckedDraftSchema, type NoteDraft } from '@/lib/notes/model';
import { NotesStore } from '@/lib/notes/store';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { ConceptPage } from './GlossaryView';

const corpus = loadCorpusFromDir('data');

describe('ConceptPage', () => {
  it("lists a concept's notes live, counted as the card counts them", async () => {
    const store = new NotesStore(openNotesDb(`glossary-${Math.random()}`), new Map(corpus.concepts.map((c) => [c.id, c.name])));
    const save = (draft: NoteDraft) => store.save(v.parse(CheckedDraftSchema, draft));
    const target = {
      url: 'https://news.example/a',
      title: 'A story',
      quote: { type: 'TextQuoteSelector' as const, exact: 'the Regional Sustainment Framework', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector' as const, start: 0, end: 35 },
    };
    await save({ kind: 'concept', conceptId: 'rsf', body: 'a concept note', tags: [] });
    await save({ kind: 'passage', conceptIds: ['rsf', 'sma'], body: 'a passage note', tags: [], target });
    await save({ kind: 'concept', conceptId: 'sma', body: 'about another concept', tags: [] });
    render(
      <NotesDbContext.Provider value={store.db}>
        <ConceptPage corpus={corpus} conceptId="rsf" />
      </NotesDbContext.Provider>,
    );
    const { count } = await store.forConcept('rsf');
    expect(await screen.findByRole('heading', { name: `Your notes (${count})` })).toBeTruthy();
    expect(count).toBe(2);
    expect(screen.getByText('a passage note')).toBeTruthy();
    expect(screen.queryByText('about another concept')).toBeNull();
    await save({ kind: 'concept', conceptId: 'rsf', body: 'written later', tags: [] });
    expect(await screen.findByRole('heading', { name: 'Your notes (3)' })).toBeTruthy();
  });
});
