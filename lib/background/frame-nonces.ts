/**
 * One-time passes for notes frames. A content script registers the nonce it
 * puts in its frame's URL before embedding it; the frame claims it on load,
 * from the same tab, once. A frame a page embeds itself carries a nonce no
 * content script registered, so it never opens (Firefox lets pages embed
 * web-accessible pages; Chrome's dynamic URL already keeps them out).
 */
export const NONCE_TTL_MS = 60_000;
/** Enough for every card and panel a reader opens in a minute, across tabs. */
const MAX_PENDING = 256;

export class FrameNonces {
  private readonly pending = new Map<string, { tabId: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  register(nonce: string, tabId: number): void {
    this.expire();
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(nonce, { tabId, at: this.now() });
  }

  /** True once for a nonce registered from the same tab within the TTL. */
  claim(nonce: string, tabId: number): boolean {
    this.expire();
    const entry = this.pending.get(nonce);
    if (!entry || entry.tabId !== tabId) return false;
    this.pending.delete(nonce);
    return true;
  }

  private expire() {
    const oldest = this.now() - NONCE_TTL_MS;
    for (const [nonce, { at }] of this.pending) if (at < oldest) this.pending.delete(nonce);
  }
}
