/**
 * "Open in context": the note's page is opened in a new tab, and once that
 * tab's content script reports its page (page:report, sent whenever its
 * highlights change) it is asked to bring the note's passage or mention into
 * view. A report may come before the page's notes are anchored or its marks
 * made, so a reveal that finds nothing is asked again at the next report,
 * until it is found or REVEAL_TTL_MS have passed. The PDF reader reports its
 * document the same way once it has opened it. The tab's side is
 * entrypoints/content/reveal-note.ts (the reader's, entrypoints/reader/page-answers.ts).
 */
import type { NoteReveal } from '../messages';

export const REVEAL_TTL_MS = 30_000;
/** A PDF note's reveal waits longer: the reader may first have to pick the local file in the reader. */
export const PDF_REVEAL_TTL_MS = 10 * 60_000;

export class PendingReveals {
  private readonly pending = new Map<number, { reveal: NoteReveal; at: number; asking: boolean }>();

  constructor(
    /** Asks the tab's content script to reveal; resolves whether it did. */
    private readonly send: (tabId: number, reveal: NoteReveal) => Promise<boolean>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The tab just opened for `reveal` (a later reveal for the same tab replaces it). */
  add(tabId: number, reveal: NoteReveal): void {
    this.pending.set(tabId, { reveal, at: this.now(), asking: false });
  }

  /** The tab reported its page: ask it to reveal, once at a time. */
  async onReport(tabId: number): Promise<void> {
    const entry = this.pending.get(tabId);
    if (!entry || entry.asking) return;
    if (this.now() - entry.at > (entry.reveal.pdf ? PDF_REVEAL_TTL_MS : REVEAL_TTL_MS)) return void this.pending.delete(tabId);
    entry.asking = true;
    const done = await this.send(tabId, entry.reveal).catch(() => false);
    entry.asking = false;
    if (done && this.pending.get(tabId) === entry) this.pending.delete(tabId);
  }

  /** The tab was closed. */
  forget(tabId: number): void {
    this.pending.delete(tabId);
  }
}
