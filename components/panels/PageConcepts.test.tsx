import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { PageConcepts } from './PageConcepts';

const corpus = loadCorpusFromDir('data');

describe('PageConcepts', () => {
  it('groups the page concepts by category with counts, and reveals one on click', () => {
    const onReveal = vi.fn();
    render(<PageConcepts corpus={corpus} counts={{ sma: 3, usfk: 1, ira: 2 }} onReveal={onReveal} />);
    expect(screen.getByRole('region', { name: 'Security & defence' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Economy & trade' })).toBeTruthy();
    const sma = screen.getByRole('button', { name: /Special Measures Agreement/ });
    expect(sma.textContent).toContain('3');
    fireEvent.click(sma);
    expect(onReveal).toHaveBeenCalledWith('sma');
  });

  it('says so when the page has no concepts', () => {
    render(<PageConcepts corpus={corpus} counts={{}} onReveal={vi.fn()} />);
    expect(screen.getByText('No alliance concepts on this page.')).toBeTruthy();
  });

  it('narrows the list to the concepts whose name or alias matches the search, Korean too', () => {
    const counts = { sma: 3, usfk: 1, ira: 2 };
    const { rerender } = render(<PageConcepts corpus={corpus} counts={counts} query="  special MEASURES " onReveal={vi.fn()} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([expect.stringContaining('Special Measures Agreement')]);
    const korean = corpus.concepts.find((c) => c.id === 'usfk')!.aliases.find((a) => a.lang === 'ko')!.text;
    rerender(<PageConcepts corpus={corpus} counts={counts} query={korean} onReveal={vi.fn()} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([expect.stringContaining('United States Forces Korea')]);
    rerender(<PageConcepts corpus={corpus} counts={counts} query="zzz" onReveal={vi.fn()} />);
    expect(screen.getByText('No concept on this page matches “zzz”.')).toBeTruthy();
  });
});
