import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConceptSource } from '@/lib/notes/model';

const asked = vi.hoisted(() => [] as { type: string; data: unknown }[]);
vi.mock('@/lib/ask-background', () => ({
  askBackground: vi.fn(async (type: string, data: unknown) => {
    asked.push({ type, data });
    if (type !== 'notes:forConcept') return { id: 'note-0000-0001' };
    // The reload after a save answers later than the broadcast of that save arrives.
    const saved = asked.some((a) => a.type === 'notes:save');
    if (saved) await new Promise((r) => setTimeout(r, 30));
    return saved
      ? {
          count: 1,
          latest: [{ id: 'note-0000-0001', kind: 'concept', conceptId: 'sma', body: 'Seen', tags: [], createdAt: 1, updatedAt: 1 }],
        }
      : { count: 0, latest: [] };
  }),
}));
const { LiveCardNotes } = await import('./LiveCardNotes');

const source: ConceptSource = {
  url: 'https://news.example/a',
  title: 'A story',
  quote: { type: 'TextQuoteSelector', exact: 'SMA', prefix: 'Seoul signed the ', suffix: ' in October.' },
  position: { type: 'TextPositionSelector', start: 17, end: 20 },
};
const props = { conceptId: 'sma', conceptName: 'Special Measures Agreement', pinned: true, onPin: () => undefined };
const fetches = () => asked.filter((a) => a.type === 'notes:forConcept').length;

describe('LiveCardNotes (the card notes the notes frame and the PDF reader show)', () => {
  beforeEach(() => void (asked.length = 0));

  it('saves a new note with the page it was written on, reloads at once, and skips the broadcast of its own save', async () => {
    const { rerender } = render(<LiveCardNotes {...props} source={source} version={0} />);
    await waitFor(() => expect(fetches()).toBe(1));
    fireEvent.click(await screen.findByRole('button', { name: 'Add note' }));
    fireEvent.input(await screen.findByRole('textbox', { name: 'Note' }), { target: { value: 'Signed early' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull());
    expect(asked.find((a) => a.type === 'notes:save')?.data).toEqual({
      kind: 'concept',
      conceptId: 'sma',
      body: 'Signed early',
      tags: [],
      source,
    });
    // Its own reload: the saved note shows whether or not the broadcast comes.
    await waitFor(() => expect(fetches()).toBe(2));
    // The background's notes:changed for that same note fetches nothing more (and cancels nothing); another change does.
    rerender(<LiveCardNotes {...props} source={source} version={1} changedNoteId="note-0000-0001" />);
    await screen.findByText('Seen');
    rerender(<LiveCardNotes {...props} source={source} version={1} changedNoteId="note-0000-0001" />);
    expect(fetches()).toBe(2);
    rerender(<LiveCardNotes {...props} source={source} version={2} changedNoteId="note-0000-0002" />);
    await waitFor(() => expect(fetches()).toBe(3));
  });

  it('saves a note without a source where there is no page (the PDF reader)', async () => {
    render(<LiveCardNotes {...props} version={0} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add note' }));
    fireEvent.input(await screen.findByRole('textbox', { name: 'Note' }), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() =>
      expect(asked.find((a) => a.type === 'notes:save')?.data).toEqual({ kind: 'concept', conceptId: 'sma', body: 'x', tags: [] }),
    );
  });
});
