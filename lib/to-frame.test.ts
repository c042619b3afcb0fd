import { describe, expect, it } from 'vitest';
import { parseToFrame } from './to-frame';

describe('messages to the frame', () => {
  it('are parsed strictly; anything else is dropped', () => {
    expect(parseToFrame({ type: 'concept', conceptId: 'sma', conceptName: 'SMA', pinned: true })).toEqual({
      type: 'concept',
      conceptId: 'sma',
      conceptName: 'SMA',
      pinned: true,
    });
    expect(parseToFrame({ type: 'concept', conceptId: 'sma', conceptName: 'SMA', pinned: true, body: 'x' })).toBeNull();
    expect(parseToFrame({ type: 'passage-show', url: 'https://x.example/', noteId: '../../etc' })).toBeNull();
  });

  it('carry the page and sentence a concept note is written on, checked like a stored note', () => {
    const source = {
      url: 'https://x.example/',
      title: 'T',
      quote: { type: 'TextQuoteSelector', exact: 'SMA', prefix: 'The ', suffix: ' was signed.' },
    };
    const concept = { type: 'concept', conceptId: 'sma', conceptName: 'SMA', pinned: true };
    expect(parseToFrame({ ...concept, source })).toEqual({ ...concept, source });
    expect(parseToFrame({ ...concept, source: { ...source, quote: { ...source.quote, exact: '' } } })).toBeNull();
    expect(parseToFrame({ ...concept, source: { ...source, body: 'x' } })).toBeNull();
  });

  it('cap the concepts of a new passage note', () => {
    const quote = { type: 'TextQuoteSelector', exact: 'q', prefix: '', suffix: '' };
    const position = { type: 'TextPositionSelector', start: 0, end: 1 };
    const message = (n: number) => ({
      type: 'passage-new',
      url: 'https://x.example/',
      title: 'T',
      quote,
      position,
      conceptIds: Array.from({ length: n }, (_, i) => `c${i}`),
    });
    expect(parseToFrame(message(16))).not.toBeNull();
    expect(parseToFrame(message(17))).toBeNull();
  });
});
