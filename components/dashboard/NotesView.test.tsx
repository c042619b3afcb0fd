import { fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { NotesDbContext } from '@/components/hooks/use-notes';
import { formatDateTime } from '@/lib/i18n';
import type { Note } from '@/lib/notes/model';
import { passageOn, testStore } from '@/tests/support/notes';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { NotesView, daysOf } from './NotesView';

const corpus = loadCorpusFromDir('data');
const DAY = 24 * 3600 * 1000;

afterEach(() => vi.restoreAllMocks());

async function viewWithNotes() {
  // happy-dom lays nothing out: the virtual list is given a window's height so it renders its rows.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(700);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
  vi.spyOn(browser.commands, 'getAll').mockImplementation((async () => []) as never);
  // The concept note is written three days before the passage note.
  const times = [Date.now() - 3 * DAY, Date.now()];
  const { store, save } = testStore(corpus, () => times.shift() ?? Date.now());
  await save({ kind: 'concept', conceptId: 'sma', body: 'a concept note', tags: [] });
  await save({ kind: 'passage', conceptIds: ['sma'], body: 'a passage note', tags: [], target: passageOn('the SMA') });
  render(
    <NotesDbContext.Provider value={store.db}>
      <NotesView corpus={corpus} />
    </NotesDbContext.Provider>,
  );
  await screen.findByText('a passage note');
  return store;
}

describe('NotesView', () => {
  it('marks each note with its kind', async () => {
    await viewWithNotes();
    const row = (body: string) => screen.getByText(body).closest('article')!;
    expect(within(row('a passage note')).getByText('Passage note')).toBeTruthy();
    expect(within(row('a concept note')).getByText('Concept note')).toBeTruthy();
    expect(within(row('a concept note')).queryByText('Passage note')).toBeNull();
  });

  it('offers the days notes were written on, written as the notes show their dates, and keeps the notes since the chosen one', async () => {
    await viewWithNotes();
    const since = screen.getByRole('combobox', { name: 'Since' }) as HTMLSelectElement;
    const options = within(since).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Any date', expect.any(String), expect.any(String)]);
    // Each day's label is the date part of the times shown on the notes, newest first.
    const times = [...document.querySelectorAll('.note-row time')].map((el) => el.textContent!);
    expect(times.map((time) => options.slice(1).findIndex((o) => time.startsWith(o.textContent!)))).toEqual([0, 1]);
    fireEvent.change(since, { target: { value: options[1]!.getAttribute('value') } });
    await expect.poll(() => screen.queryByText('a concept note')).toBeNull();
    expect(screen.getByText('a passage note')).toBeTruthy();
  });

  it('marks the words of the search in the notes it finds (mark.js), and only there', async () => {
    await viewWithNotes();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search notes' }), { target: { value: 'passage' } });
    await expect.poll(() => screen.queryByText('a concept note')).toBeNull();
    const hits = [...document.querySelectorAll('mark.search-hit')].map((m) => m.textContent);
    expect(hits).toContain('passage');
    expect(document.querySelector('.note-body')!.textContent).toBe('a passage note');
  });

  it("imports through a button with a localised label, not the browser's own file input", async () => {
    await viewWithNotes();
    const button = screen.getByRole('button', { name: 'Choose a file…' });
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.hidden).toBe(true);
    const clicked = vi.fn();
    input.addEventListener('click', clicked);
    fireEvent.click(button);
    expect(clicked).toHaveBeenCalledOnce();
    expect(button.getAttribute('aria-describedby')).toBe('import-label');
  });
});

describe('daysOf', () => {
  it('gives each day once, newest first, keeping the chosen day', () => {
    const at = (y: number, m: number, d: number, h: number) => new Date(y, m, d, h).getTime();
    const notes = [at(2026, 11, 7, 9), at(2026, 11, 7, 18), at(2026, 10, 30, 1)].map((updatedAt) => ({ updatedAt }) as Note);
    expect(daysOf(notes, 0)).toEqual([new Date(2026, 11, 7).getTime(), new Date(2026, 10, 30).getTime()]);
    expect(daysOf(notes, new Date(2026, 0, 1).getTime())).toHaveLength(3);
    expect(formatDateTime(at(2026, 11, 7, 9))).toContain('7 Dec 2026');
  });
});
