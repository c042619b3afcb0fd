import { render, screen } from '@testing-library/preact';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { NotesDbContext } from '@/components/hooks/use-notes';
import { openNotesDb } from '@/lib/notes/db';
import { CheckedDraftSchema } from '@/lib/notes/model';
import { NotesStore } from '@/lib/notes/store';
import { PageNotes } from './PageNotes';

const PAGE = 'https://news.example/a';

describe('PageNotes', () => {
  it("lists the page's passage notes, those whose passage was not found apart", async () => {
    // No shortcut assigned (the fake browser has no commands).
    vi.spyOn(browser.commands, 'getAll').mockImplementation((async () => []) as never);
    const store = new NotesStore(openNotesDb(`page-notes-${Math.random()}`), new Map([['sma', 'SMA']]));
    const save = (body: string, url = PAGE) =>
      store.save(
        v.parse(CheckedDraftSchema, {
          kind: 'passage',
          conceptIds: ['sma'],
          body,
          tags: [],
          target: {
            url,
            title: 'T',
            quote: { type: 'TextQuoteSelector', exact: 'the SMA', prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: 0, end: 7 },
          },
        }),
      );
    await save('found on the page');
    const lost = await save('passage edited away');
    await save('on another page', 'https://news.example/b');
    render(
      <NotesDbContext.Provider value={store.db}>
        <PageNotes url={PAGE} tabId={1} notFound={[lost.id]} />
      </NotesDbContext.Provider>,
    );
    const notFound = await screen.findByRole('heading', { name: 'Not found on this page' });
    expect(screen.getByText('found on the page').compareDocumentPosition(notFound) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(notFound.compareDocumentPosition(screen.getByText('passage edited away')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByText('on another page')).toBeNull();
  });
});
