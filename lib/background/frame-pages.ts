/**
 * The page origin each claimed notes frame serves: the origin of the document
 * whose content script registered the frame's nonce, as the browser named
 * that sender (never a URL a script asserts). A frame inside a page (or an
 * iframe of another origin) may then name that origin's pages only. Kept in
 * the extension's session storage, out of content scripts' reach, so an open
 * frame can still save after the service worker restarts.
 */
export interface SessionArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** The frame as the browser names it: its tab, its frame id where the browser gives one, its URL (which holds its first nonce). */
export interface FrameSender {
  tabId: number;
  frameId?: number;
  url: string;
}

const PREFIX = 'frame-page ';
const tabPrefix = (tabId: number) => `${PREFIX}${tabId} `;
const keyOf = ({ tabId, frameId, url }: FrameSender) => `${tabPrefix(tabId)}${frameId ?? ''} ${url}`;

export class FramePages {
  constructor(private readonly area: SessionArea) {}

  /** `pageOrigin` undefined: the frame was opened from a document that has none, so it may name no page. */
  bind(frame: FrameSender, pageOrigin: string | undefined): Promise<void> {
    return this.area.set({ [keyOf(frame)]: pageOrigin ?? null });
  }

  /** The origin a frame serves; undefined for a frame never claimed, or opened from a document without one. */
  async originOf(frame: FrameSender): Promise<string | undefined> {
    const key = keyOf(frame);
    const value = (await this.area.get(key))[key];
    return typeof value === 'string' ? value : undefined;
  }

  /** A closed tab's frames are gone (frame ids are not reused within a tab). */
  async forgetTab(tabId: number): Promise<void> {
    const keys = Object.keys(await this.area.get(null)).filter((k) => k.startsWith(tabPrefix(tabId)));
    if (keys.length) await this.area.remove(keys);
  }
}
