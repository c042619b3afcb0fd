import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { CardNotes, type CardNotesProps } from './CardNotes';

function props(over: Partial<CardNotesProps> = {}): CardNotesProps {
  return {
    conceptName: 'Special Measures Agreement',
    notes: { count: 0, latest: [] },
    pinned: true,
    onPin: vi.fn(),
    onSaveNote: vi.fn(async () => undefined),
    onDraftChange: vi.fn(),
    ...over,
  };
}

describe('CardNotes (the notes section the notes frame shows)', () => {
  it('says when there are no notes yet', () => {
    render(<CardNotes {...props()} />);
    expect(screen.getByText('No notes on this concept yet.')).toBeTruthy();
  });

  it('shows note text with HTML as text, never as markup', () => {
    const body = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    render(<CardNotes {...props({ notes: { count: 1, latest: [{ id: 'note-0000-0001', kind: 'concept', conceptId: 'sma', body, tags: ['<b>x</b>'], createdAt: 1, updatedAt: 1 }] } })} />);
    expect(screen.getByText(body)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText('#<b>x</b>')).toBeTruthy();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('pins a hover card before offering the editor', () => {
    const p = props({ pinned: false });
    render(<CardNotes {...p} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(p.onPin).toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Note' })).toBeTruthy();
  });

  it('saves a note, reports the draft, and keeps the draft with a message when saving fails', async () => {
    const onSaveNote = vi.fn().mockRejectedValueOnce(new Error('Storage is full: the note was not saved.')).mockResolvedValueOnce(undefined);
    const p = props({ onSaveNote });
    render(<CardNotes {...p} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    const box = screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Ask about 2026 costs' } });
    expect(p.onDraftChange).toHaveBeenLastCalledWith(true);
    fireEvent.input(screen.getByRole('textbox', { name: /Tags/ }), { target: { value: 'cost, cost, 2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Storage is full/));
    expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('Ask about 2026 costs');
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull());
    expect(onSaveNote).toHaveBeenLastCalledWith('Ask about 2026 costs', ['cost', '2026']);
    expect(p.onDraftChange).toHaveBeenLastCalledWith(false);
  });
});
