import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { PageConcepts } from './PageConcepts';

const corpus = loadCorpusFromDir('data');

describe('PageConcepts', () => {
  it('groups the page concepts by category with counts, and reveals one on click', () => {
    const onReveal = vi.fn();
    render(<PageConcepts corpus={corpus} counts={{ sma: 3, usfk: 1, ira: 2 }} dark={false} onReveal={onReveal} />);
    expect(screen.getByRole('region', { name: 'Security & defence' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Economy & trade' })).toBeTruthy();
    const sma = screen.getByRole('button', { name: /Special Measures Agreement/ });
    expect(sma.textContent).toContain('3');
    fireEvent.click(sma);
    expect(onReveal).toHaveBeenCalledWith('sma');
  });

  it('says so when the page has no concepts', () => {
    render(<PageConcepts corpus={corpus} counts={{}} dark={false} onReveal={vi.fn()} />);
    expect(screen.getByText('No alliance concepts on this page.')).toBeTruthy();
  });
});
