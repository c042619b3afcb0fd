/**
 * One-time passes for notes frames. A content script registers the nonce it
 * puts in its frame's URL before embedding it; the frame claims it on load,
 * from the same tab, once. A frame a page embeds itself carries a nonce no
 * content script registered, so it never opens (Firefox lets pages embed
 * web-accessible pages; Chrome's dynamic URL already keeps them out).
 * A nonce carries the origin of the document that registered it (as the
 * browser names the sender): the claiming frame serves that page only.
 */
export const NONCE_TTL_MS = 60_000;
/** Enough for every card and panel a reader opens in a minute, across tabs. */
const MAX_PENDING = 256;

export class FrameNonces {
  private readonly pending = new Map<string, { tabId: number; pageOrigin: string | undefined; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `pageOrigin`: the registering document's (pageOrigin in lib/page-url.ts), undefined when it has none. */
  register(nonce: string, tabId: number, pageOrigin: string | undefined): void {
    this.expire();
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(nonce, { tabId, pageOrigin, at: this.now() });
  }

  /** Once for a nonce registered from the same tab within the TTL: the origin it was registered from; otherwise undefined. */
  claim(nonce: string, tabId: number): { pageOrigin: string | undefined } | undefined {
    this.expire();
    const entry = this.pending.get(nonce);
    if (!entry || entry.tabId !== tabId) return undefined;
    this.pending.delete(nonce);
    return { pageOrigin: entry.pageOrigin };
  }

  private expire() {
    const oldest = this.now() - NONCE_TTL_MS;
    for (const [nonce, { at }] of this.pending) if (at < oldest) this.pending.delete(nonce);
  }
}
