import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { Concept } from '@/lib/corpus/schema';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { conceptView } from '../../lib/corpus/concept-view';
import { ConceptCard, formatIsoDate, type ConceptCardProps } from './ConceptCard';

const corpus = loadCorpusFromDir('data');

function props(over: Partial<ConceptCardProps> = {}): ConceptCardProps {
  const view = conceptView(corpus, 'sma');
  return {
    ...view,
    notes: { count: 0, latest: [] },
    pinned: true,
    dark: false,
    glossaryUrl: 'chrome-extension://x/dashboard.html#/glossary/sma',
    headingId: 'h',
    canGoBack: false,
    onBack: vi.fn(),
    onRelated: vi.fn(),
    onClose: vi.fn(),
    onPin: vi.fn(),
    onSaveNote: vi.fn(async () => undefined),
    ...over,
  };
}

describe('ConceptCard', () => {
  it('renders every field: name, category, definition, detail, dates, citation, related, notes', () => {
    const p = props();
    render(<ConceptCard {...p} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Special Measures Agreement');
    expect(screen.getByText('Security & defence')).toBeTruthy();
    expect(screen.getByText(p.concept.short)).toBeTruthy();
    expect(screen.getByText(p.concept.detail)).toBeTruthy();
    expect(screen.getByText('4 November 2024')).toBeTruthy();
    expect(screen.getAllByText(/Kayla Orta/).length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: /glossary/ }).getAttribute('href')).toBe(p.glossaryUrl);
    expect(screen.getByRole('button', { name: 'Status of Forces Agreement (1966)' })).toBeTruthy();
    expect(screen.getByText('No notes on this concept yet.')).toBeTruthy();
  });

  it('renders a concept without optional fields', () => {
    const bare: Concept = { ...corpus.concepts[0]!, dates: [], related: [], disambiguation: undefined };
    render(<ConceptCard {...props({ concept: bare, related: [] })} />);
    expect(screen.queryByRole('navigation', { name: 'Related' })).toBeNull();
    expect(document.querySelector('.dates')).toBeNull();
  });

  it('shows note text with HTML as text, never as markup', () => {
    const body = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    render(<ConceptCard {...props({ notes: { count: 1, latest: [{ id: 'note-0000-0001', kind: 'concept', conceptId: 'sma', body, tags: ['<b>x</b>'], createdAt: 1, updatedAt: 1 }] } })} />);
    expect(screen.getByText(body)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText('#<b>x</b>')).toBeTruthy();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('switches to a related concept and offers the way back', () => {
    const p = props({ canGoBack: true });
    render(<ConceptCard {...p} />);
    fireEvent.click(screen.getByRole('button', { name: 'Status of Forces Agreement (1966)' }));
    expect(p.onRelated).toHaveBeenCalledWith('sofa');
    fireEvent.click(screen.getByRole('button', { name: 'Back to the previous concept' }));
    expect(p.onBack).toHaveBeenCalled();
  });

  it('saves a note and keeps the draft with a message when saving fails', async () => {
    const onSaveNote = vi.fn().mockRejectedValueOnce(new Error('Storage is full: the note was not saved.')).mockResolvedValueOnce(undefined);
    render(<ConceptCard {...props({ onSaveNote })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    const box = screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Ask about 2026 costs' } });
    fireEvent.input(screen.getByRole('textbox', { name: /Tags/ }), { target: { value: 'cost, cost, 2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Storage is full/));
    expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('Ask about 2026 costs');
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull());
    expect(onSaveNote).toHaveBeenLastCalledWith('Ask about 2026 costs', ['cost', '2026']);
  });
});

describe('formatIsoDate', () => {
  it('formats years, months and days', () => {
    expect(formatIsoDate('2023')).toBe('2023');
    expect(formatIsoDate('2023-04')).toBe('April 2023');
    expect(formatIsoDate('2023-04-26')).toBe('26 April 2023');
  });
});
