/**
 * A token bucket per key (a tab): a burst of `burst` actions, then one per
 * `refillMs`. A reader saving notes never meets it; a page script that
 * drives the note editor in a loop does.
 */
export class RateLimiter<K> {
  private readonly buckets = new Map<K, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly refillMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; false when its bucket is empty. */
  take(key: K): boolean {
    const at = this.now();
    const tokens = this.tokens(key, at);
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at });
    if (this.buckets.size > 64) this.forgetFull(at);
    return allowed;
  }

  private tokens(key: K, at: number): number {
    const bucket = this.buckets.get(key);
    return bucket ? Math.min(this.burst, bucket.tokens + (at - bucket.at) / this.refillMs) : this.burst;
  }

  /** A full bucket is the same as none: dropping them keeps the map as small as the tabs being busy. */
  private forgetFull(at: number) {
    for (const key of [...this.buckets.keys()]) if (this.tokens(key, at) >= this.burst) this.buckets.delete(key);
  }
}
