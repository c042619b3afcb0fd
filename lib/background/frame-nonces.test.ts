import { describe, expect, it } from 'vitest';
import { FrameNonces, NONCE_TTL_MS } from './frame-nonces';

describe('FrameNonces', () => {
  it('lets a nonce be claimed once, from the tab that registered it, within the TTL', () => {
    let now = 1_000;
    const nonces = new FrameNonces(() => now);
    nonces.register('a'.repeat(32), 7);
    expect(nonces.claim('a'.repeat(32), 8)).toBe(false);
    expect(nonces.claim('b'.repeat(32), 7)).toBe(false);
    expect(nonces.claim('a'.repeat(32), 7)).toBe(true);
    expect(nonces.claim('a'.repeat(32), 7)).toBe(false);
    nonces.register('c'.repeat(32), 7);
    now += NONCE_TTL_MS + 1;
    expect(nonces.claim('c'.repeat(32), 7)).toBe(false);
  });

  it('never holds more than a bounded number of nonces', () => {
    const nonces = new FrameNonces();
    for (let i = 0; i < 1_000; i++) nonces.register(i.toString(16).padStart(32, '0'), 1);
    expect(nonces.claim('0'.repeat(32), 1)).toBe(false);
    expect(nonces.claim((999).toString(16).padStart(32, '0'), 1)).toBe(true);
  });
});
