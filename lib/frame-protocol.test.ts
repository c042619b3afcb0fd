import { describe, expect, it } from 'vitest';
import { handshakeNonce, makeNonce, parseFromFrame, randomHostTag } from './frame-protocol';

const port = () => new MessageChannel().port1;

describe('the notes frame handshake', () => {
  it('takes a well-formed nonce, alone, with exactly one port', () => {
    const nonce = makeNonce();
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(makeNonce()).not.toBe(nonce);
    expect(handshakeNonce({ nonce }, [port()])).toBe(nonce);
    expect(handshakeNonce({ nonce }, [])).toBeUndefined();
    expect(handshakeNonce({ nonce }, [port(), port()])).toBeUndefined();
    expect(handshakeNonce({ nonce, type: 'concept' }, [port()])).toBeUndefined();
    expect(handshakeNonce(nonce, [port()])).toBeUndefined();
    expect(handshakeNonce(null, [port()])).toBeUndefined();
    // A frame loaded without a nonce (a page embedding it) never opens a channel; nor does a nonce of another shape.
    for (const bad of ['', 'x'.repeat(32), nonce.toUpperCase(), `${nonce}0`, 42])
      expect(handshakeNonce({ nonce: bad }, [port()])).toBeUndefined();
  });
});

describe('messages from the frame', () => {
  it('are parsed strictly; anything else is dropped', () => {
    expect(parseFromFrame({ type: 'draft', dirty: true })).toEqual({ type: 'draft', dirty: true });
    expect(parseFromFrame({ type: 'tab-out', backwards: false })).toEqual({ type: 'tab-out', backwards: false });
    expect(parseFromFrame({ type: 'pin' })).toEqual({ type: 'pin' });
    expect(parseFromFrame({ type: 'draft', dirty: true, text: 'secret' })).toBeNull();
    expect(parseFromFrame({ type: 'draft', dirty: 'yes' })).toBeNull();
    expect(parseFromFrame({ type: 'draft' })).toBeNull();
    expect(parseFromFrame({ type: 'draft', open: true })).toBeNull();
    expect(parseFromFrame({ type: 'pin', open: true })).toBeNull();
    expect(parseFromFrame({ type: 'navigate', url: 'https://evil.example/' })).toBeNull();
    expect(parseFromFrame({ type: 'toString' })).toBeNull();
    expect(parseFromFrame({ type: '__proto__' })).toBeNull();
    expect(parseFromFrame('__proto__')).toBeNull();
    expect(parseFromFrame(null)).toBeNull();
    expect(parseFromFrame(['pin'])).toBeNull();
  });

  it('come back as fresh objects, never the object posted', () => {
    const posted = { type: 'editing', open: true };
    const parsed = parseFromFrame(posted);
    expect(parsed).toEqual(posted);
    expect(parsed).not.toBe(posted);
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
