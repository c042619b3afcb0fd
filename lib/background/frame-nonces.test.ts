import { describe, expect, it } from 'vitest';
import { FrameNonces, NONCE_TTL_MS } from './frame-nonces';

describe('FrameNonces', () => {
  it('lets a nonce be claimed once, from the tab that registered it, within the TTL', () => {
    let now = 1_000;
    const nonces = new FrameNonces(() => now);
    nonces.register('a'.repeat(32), 7, 'https://news.example');
    expect(nonces.claim('a'.repeat(32), 8)).toBeUndefined();
    expect(nonces.claim('b'.repeat(32), 7)).toBeUndefined();
    expect(nonces.claim('a'.repeat(32), 7)).toEqual({ pageOrigin: 'https://news.example' });
    expect(nonces.claim('a'.repeat(32), 7)).toBeUndefined();
    nonces.register('c'.repeat(32), 7, undefined);
    expect(nonces.claim('c'.repeat(32), 7)).toEqual({ pageOrigin: undefined });
    nonces.register('d'.repeat(32), 7, 'https://news.example');
    now += NONCE_TTL_MS + 1;
    expect(nonces.claim('d'.repeat(32), 7)).toBeUndefined();
  });

  it('never holds more than a bounded number of nonces', () => {
    const nonces = new FrameNonces();
    for (let i = 0; i < 1_000; i++) nonces.register(i.toString(16).padStart(32, '0'), 1, 'https://news.example');
    expect(nonces.claim('0'.repeat(32), 1)).toBeUndefined();
    expect(nonces.claim((999).toString(16).padStart(32, '0'), 1)).toEqual({ pageOrigin: 'https://news.example' });
  });
});
