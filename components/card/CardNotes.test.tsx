import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { conceptDraftKey, memoryArea, newNoteDrafts } from '@/lib/notes/new-note-drafts';
import { CardNotes, type CardNotesProps } from './CardNotes';

function props(over: Partial<CardNotesProps> = {}): CardNotesProps {
  return {
    conceptName: 'Special Measures Agreement',
    notes: { count: 0, latest: [] },
    pinned: true,
    onPin: vi.fn(),
    onSaveNote: vi.fn(async () => undefined),
    onDraftChange: vi.fn(),
    draftKey: conceptDraftKey('sma'),
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
    render(
      <CardNotes
        {...props({
          notes: {
            count: 1,
            latest: [{ id: 'note-0000-0001', kind: 'concept', conceptId: 'sma', body, tags: ['<b>x</b>'], createdAt: 1, updatedAt: 1 }],
          },
        })}
      />,
    );
    expect(screen.getByText(body)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText('#<b>x</b>')).toBeTruthy();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('is a compact strip in a hover card (count, latest note, Add note) that pins the card before offering the editor', () => {
    const p = props({
      pinned: false,
      notes: {
        count: 2,
        latest: [{ id: 'note-0000-0001', kind: 'concept', conceptId: 'sma', body: 'Latest thought', tags: [], createdAt: 1, updatedAt: 1 }],
      },
    });
    const { rerender } = render(<CardNotes {...p} />);
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Your notes 2');
    expect(screen.getByText('Latest thought')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(p.onPin).toHaveBeenCalled();
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull();
    rerender(<CardNotes {...p} pinned />);
    expect(screen.getByRole('textbox', { name: 'Note' })).toBeTruthy();
    // The editor stands alone: the notes list does not push it (or Save) down.
    expect(screen.queryByText('Latest thought')).toBeNull();
  });

  it('keeps an unsaved draft when the card goes, offers it again, and drops it on Cancel', async () => {
    const drafts = newNoteDrafts(memoryArea());
    const first = render(<CardNotes {...props({ drafts })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => screen.getByRole('textbox', { name: 'Note' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Note' }), { target: { value: 'Half a thought' } });
    fireEvent.input(screen.getByRole('textbox', { name: /Tags/ }), { target: { value: 'cost' } });
    first.unmount();
    await waitFor(async () => expect(await drafts.get(conceptDraftKey('sma'))).toEqual({ body: 'Half a thought', tags: 'cost' }));

    // A hover card says a draft waits; a pinned card opens it in the editor.
    const hover = render(<CardNotes {...props({ drafts, pinned: false })} />);
    await waitFor(() => screen.getByRole('button', { name: 'Continue your draft' }));
    hover.unmount();
    render(<CardNotes {...props({ drafts })} />);
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('Half a thought'));
    expect((screen.getByRole('textbox', { name: /Tags/ }) as HTMLInputElement).value).toBe('cost');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(async () => expect(await drafts.get(conceptDraftKey('sma'))).toBeNull());
    expect(screen.getByRole('button', { name: 'Add note' })).toBeTruthy();
  });

  it('a click on Add note while a kept draft is still being read waits for it, then opens the draft', async () => {
    let answer!: (d: { body: string; tags: string } | null) => void;
    const slow = {
      get: () => new Promise<{ body: string; tags: string } | null>((r) => (answer = r)),
      set: vi.fn(async () => undefined),
      discard: vi.fn(async () => undefined),
    };
    render(<CardNotes {...props({ drafts: slow })} />);
    const add = screen.getByRole('button', { name: 'Add note' });
    fireEvent.click(add);
    // Not lost and not an empty editor that the first keystroke would save over the draft.
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull();
    expect(add.getAttribute('aria-busy')).toBe('true');
    answer({ body: 'Kept while reading', tags: 'cost' });
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('Kept while reading'));
    expect(slow.set).not.toHaveBeenCalled();
  });

  it('a click on Add note while the draft store is being read opens an empty editor once it says there is none', async () => {
    let answer!: (d: null) => void;
    const slow = {
      get: () => new Promise<null>((r) => (answer = r)),
      set: vi.fn(async () => undefined),
      discard: vi.fn(async () => undefined),
    };
    render(<CardNotes {...props({ drafts: slow })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    answer(null);
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe(''));
  });

  it('tells when its editor opens and closes, and nothing about how many notes there are', () => {
    const onEditingChange = vi.fn();
    const note = { id: 'note-0000-0001', kind: 'concept' as const, conceptId: 'sma', body: 'One', tags: [], createdAt: 1, updatedAt: 1 };
    const { rerender } = render(<CardNotes {...props({ onEditingChange })} />);
    rerender(<CardNotes {...props({ onEditingChange, notes: { count: 9, latest: [note, { ...note, id: 'note-0000-0002' }] } })} />);
    expect(onEditingChange.mock.calls).toEqual([[false]]);
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onEditingChange.mock.calls).toEqual([[false], [true], [false]]);
  });

  it('drops the draft once the note is saved', async () => {
    const drafts = newNoteDrafts(memoryArea());
    await drafts.set(conceptDraftKey('sma'), { body: 'Kept', tags: '' });
    const p = props({ drafts });
    render(<CardNotes {...p} />);
    await waitFor(() => screen.getByRole('textbox', { name: 'Note' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(async () => expect(await drafts.get(conceptDraftKey('sma'))).toBeNull());
    expect(p.onSaveNote).toHaveBeenCalledWith('Kept', []);
  });

  it('saves a note, reports the draft, and keeps the draft with a message when saving fails', async () => {
    const onSaveNote = vi
      .fn()
      .mockRejectedValueOnce(new Error('Storage is full: the note was not saved.'))
      .mockResolvedValueOnce(undefined);
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
