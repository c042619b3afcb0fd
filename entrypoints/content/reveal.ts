/**
 * Next / previous highlight (shortcuts, the popup's concept list): scrolls to
 * a mention and pins its card.
 */
import type { Highlighter } from '@/lib/highlight/highlighter';

/** Reveals the next (1) or previous (-1) mention, of one concept or of any; false when there is none. */
export type Reveal = (conceptId: string | null, direction: 1 | -1) => boolean;

export function createReveal(highlighter: Highlighter, pinCard: (mark: HTMLElement) => void): Reveal {
  let index = -1;
  return (conceptId, direction) => {
    // Every mention counts, also those far from view and not wrapped yet: the one shown is wrapped now.
    const mentions = highlighter.mentionRefs().filter((m) => conceptId === null || m.conceptId === conceptId);
    if (!mentions.length) return false;
    index = (index + direction + mentions.length) % mentions.length;
    const mark = mentions[index]!.mark();
    if (!mark) return false;
    mark.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    pinCard(mark);
    return true;
  };
}
