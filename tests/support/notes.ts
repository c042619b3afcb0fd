/** Notes for component tests: a store on a fresh database, and a passage target on a test page. */
import * as v from 'valibot';
import { openNotesDb } from '@/lib/notes/db';
import { CheckedDraftSchema, type NoteDraft } from '@/lib/notes/model';
import { NotesStore } from '@/lib/notes/store';
import type { Corpus } from '@/lib/corpus/schema';

/** A store on a database of its own, knowing the corpus's concepts; `save` checks a draft as the background does. */
export function testStore(corpus: Corpus, now?: () => number) {
  const store = new NotesStore(openNotesDb(`test-notes-${Math.random()}`), new Map(corpus.concepts.map((c) => [c.id, c.name])), now);
  return { store, save: (draft: NoteDraft) => store.save(v.parse(CheckedDraftSchema, draft)) };
}

/** A passage note's target: `exact` at the start of the page "A story". */
export const passageOn = (exact: string, url = 'https://news.example/a') => ({
  url,
  title: 'A story',
  quote: { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start: 0, end: exact.length },
});
