import { fireEvent, render, screen } from '@testing-library/preact';
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
    pinned: true,
    dark: false,
    glossaryUrl: 'chrome-extension://x/dashboard.html#/glossary/sma',
    headingId: 'h',
    canGoBack: false,
    onBack: vi.fn(),
    onRelated: vi.fn(),
    onClose: vi.fn(),
    onPin: vi.fn(),
    ...over,
  };
}

describe('ConceptCard', () => {
  it('renders every field: name, category, definition, detail, dates, citation, related', () => {
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
  });

  it('renders a concept without optional fields', () => {
    const bare: Concept = { ...corpus.concepts[0]!, dates: [], related: [], disambiguation: undefined };
    render(<ConceptCard {...props({ concept: bare, related: [] })} />);
    expect(screen.queryByRole('navigation', { name: 'Related' })).toBeNull();
    expect(document.querySelector('.dates')).toBeNull();
  });

  it('switches to a related concept and offers the way back', () => {
    const p = props({ canGoBack: true });
    render(<ConceptCard {...p} />);
    fireEvent.click(screen.getByRole('button', { name: 'Status of Forces Agreement (1966)' }));
    expect(p.onRelated).toHaveBeenCalledWith('sofa');
    fireEvent.click(screen.getByRole('button', { name: 'Back to the previous concept' }));
    expect(p.onBack).toHaveBeenCalled();
  });

});

describe('formatIsoDate', () => {
  it('formats years, months and days', () => {
    expect(formatIsoDate('2023')).toBe('2023');
    expect(formatIsoDate('2023-04')).toBe('April 2023');
    expect(formatIsoDate('2023-04-26')).toBe('26 April 2023');
  });
});
