import { describe, expect, it } from 'vitest';
import { FromFrameSchema, isHandshake, makeNonce, parseFrameMessage, randomHostTag, ToFrameSchema } from './frame-protocol';

const port = () => new MessageChannel().port1;

describe('the notes frame handshake', () => {
  it('accepts only its own nonce, alone, with exactly one port', () => {
    const nonce = makeNonce();
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(makeNonce()).not.toBe(nonce);
    expect(isHandshake({ nonce }, [port()], nonce)).toBe(true);
    expect(isHandshake({ nonce: makeNonce() }, [port()], nonce)).toBe(false);
    expect(isHandshake({ nonce }, [], nonce)).toBe(false);
    expect(isHandshake({ nonce }, [port(), port()], nonce)).toBe(false);
    expect(isHandshake({ nonce, type: 'concept' }, [port()], nonce)).toBe(false);
    expect(isHandshake(nonce, [port()], nonce)).toBe(false);
    // A frame loaded without a nonce (a page embedding it) never opens a channel.
    expect(isHandshake({ nonce: '' }, [port()], '')).toBe(false);
  });
});

describe('port messages', () => {
  it('are parsed strictly both ways; anything else is dropped', () => {
    expect(parseFrameMessage(ToFrameSchema, { type: 'concept', conceptId: 'sma', conceptName: 'SMA', pinned: true })).toEqual({ type: 'concept', conceptId: 'sma', conceptName: 'SMA', pinned: true });
    expect(parseFrameMessage(ToFrameSchema, { type: 'concept', conceptId: 'sma', conceptName: 'SMA', pinned: true, body: 'x' })).toBeNull();
    expect(parseFrameMessage(ToFrameSchema, { type: 'passage-show', url: 'https://x.example/', noteId: '../../etc' })).toBeNull();
    expect(parseFrameMessage(FromFrameSchema, { type: 'draft', dirty: true })).toEqual({ type: 'draft', dirty: true });
    expect(parseFrameMessage(FromFrameSchema, { type: 'draft', dirty: true, text: 'secret' })).toBeNull();
    expect(parseFrameMessage(FromFrameSchema, '__proto__')).toBeNull();
  });

  it('carry the page and sentence a concept note is written on, checked like a stored note', () => {
    const source = { url: 'https://x.example/', title: 'T', quote: { type: 'TextQuoteSelector', exact: 'SMA', prefix: 'The ', suffix: ' was signed.' } };
    const concept = { type: 'concept', conceptId: 'sma', conceptName: 'SMA', pinned: true };
    expect(parseFrameMessage(ToFrameSchema, { ...concept, source })).toEqual({ ...concept, source });
    expect(parseFrameMessage(ToFrameSchema, { ...concept, source: { ...source, quote: { ...source.quote, exact: '' } } })).toBeNull();
    expect(parseFrameMessage(ToFrameSchema, { ...concept, source: { ...source, body: 'x' } })).toBeNull();
  });

  it('cap the concepts of a new passage note', () => {
    const quote = { type: 'TextQuoteSelector', exact: 'q', prefix: '', suffix: '' };
    const position = { type: 'TextPositionSelector', start: 0, end: 1 };
    const message = (n: number) => ({ type: 'passage-new', url: 'https://x.example/', title: 'T', quote, position, conceptIds: Array.from({ length: n }, (_, i) => `c${i}`) });
    expect(parseFrameMessage(ToFrameSchema, message(16))).not.toBeNull();
    expect(parseFrameMessage(ToFrameSchema, message(17))).toBeNull();
  });
});

describe('randomHostTag', () => {
  it('is a valid custom element name, different each time', () => {
    const tags = new Set(Array.from({ length: 50 }, randomHostTag));
    expect(tags.size).toBe(50);
    for (const tag of tags) {
      expect(tag).toMatch(/^[a-z]{4}-[a-z]{8}$/);
      expect(document.createElement(tag).attachShadow({ mode: 'closed' })).toBeTruthy();
    }
  });
});
