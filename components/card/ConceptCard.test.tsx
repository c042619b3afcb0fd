import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '@/lib/i18n';
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

  it('is compact: acronym and Korean name under the name, the whole definition, sources at a glance, the rest under More, the notes below in view', () => {
    const notes = <div data-testid="notes" />;
    render(<ConceptCard {...props({ pinned: false, notes })} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Special Measures Agreement');
    expect(document.querySelector('.other-name')!.textContent).toBe('SMA · 방위비분담특별협정');
    const card = document.querySelector('.card')!;
    // The definition is never clamped; it scrolls with More in the body, and the notes sit below the body (never scrolled away).
    expect(card.querySelector('.card-body > .short + .language-switch + .sources-line + details.detail')).toBeTruthy();
    expect(card.querySelector('.short')!.className).toBe('short');
    expect(card.querySelector('.card-body + [data-testid="notes"]')).toBeTruthy();
    expect(card.querySelectorAll('[data-testid="notes"]')).toHaveLength(1);
    const line = card.querySelector('.sources-line')!;
    expect(line.textContent).toMatch(/^Sources .+ · .+/);
    const more = card.querySelector<HTMLDetailsElement>('details.detail')!;
    expect(more.open).toBe(false);
    for (const inside of [
      screen.getByText(corpus.concepts.find((c) => c.id === 'sma')!.detail),
      screen.getByText('4 November 2024'),
      screen.getByRole('button', { name: 'Status of Forces Agreement (1966)' }),
      screen.getByRole('link', { name: /glossary/ }),
    ]) {
      expect(more.contains(inside)).toBe(true);
    }
  });
});

describe('formatIsoDate', () => {
  it('formats years, months and days', () => {
    expect(formatIsoDate('2023')).toBe('2023');
    expect(formatIsoDate('2023-04')).toBe('April 2023');
    expect(formatIsoDate('2023-04-26')).toBe('26 April 2023');
  });
});

afterEach(() => setLanguage('en'));

describe('ConceptCard in two languages: the interface language first, the other one click away, the term as written', () => {
  it('in English: the English name and definition first, the Korean name beside, Korean one click away', () => {
    const p = props();
    render(<ConceptCard {...p} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Special Measures Agreement');
    expect(screen.getByText('방위비분담특별협정').getAttribute('lang')).toBe('ko');
    fireEvent.click(screen.getByRole('button', { name: 'Read in Korean' }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('방위비분담특별협정');
    expect(screen.getByText(p.concept.ko!.short)).toBeTruthy();
    expect(screen.getByText('Special Measures Agreement')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Read in English' }));
    expect(screen.getByText(p.concept.short)).toBeTruthy();
  });

  it('in Korean: the Korean name and definition first, Korean labels, dates and related names; English one click away', () => {
    setLanguage('ko');
    const p = props();
    render(<ConceptCard {...p} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('방위비분담특별협정');
    expect(screen.getByText(p.concept.ko!.short)).toBeTruthy();
    expect(screen.getByText(p.concept.ko!.detail)).toBeTruthy();
    expect(screen.getByText('안보·국방')).toBeTruthy();
    expect(screen.getByText('2024년 11월 4일')).toBeTruthy();
    expect(screen.getByText('제12차 협정 서명(2026~2030년 적용)')).toBeTruthy();
    expect(screen.getByRole('button', { name: '주한미군지위협정(SOFA)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '닫기' })).toBeTruthy();
    // Source names in their Korean form where the corpus has one.
    expect(document.querySelector('.sources-line')!.textContent).toMatch(/한미경제연구소|윌슨센터/);
    fireEvent.click(screen.getByRole('button', { name: '영어로 보기' }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Special Measures Agreement');
    expect(screen.getByText(p.concept.short)).toBeTruthy();
  });

  it('shows the term as written on the page when it is not one of the names', () => {
    setLanguage('ko');
    const { unmount } = render(<ConceptCard {...props({ term: 'SMA' })} />);
    expect(screen.getByText('이 페이지의 표기: “SMA”')).toBeTruthy();
    unmount();
    render(<ConceptCard {...props({ term: '방위비 분담 특별협정' })} />);
    expect(screen.queryByText(/이 페이지의 표기/)).toBeNull();
  });

  it('formats dates per locale', () => {
    expect(formatIsoDate('2023-04-26')).toBe('26 April 2023');
    setLanguage('ko');
    expect(formatIsoDate('2023-04-26')).toBe('2023년 4월 26일');
    expect(formatIsoDate('2023-04')).toBe('2023년 4월');
    expect(formatIsoDate('2023')).toBe('2023년');
  });
});
