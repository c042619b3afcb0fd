/**
 * Next / previous highlight (shortcuts, the popup's concept list): scrolls to
 * a mention and opens its card, from the shortcut with a focus ring round the
 * term (Enter pins it), from the popup pinned.
 */
import type { Highlighter, Mention } from '@/lib/highlight/highlighter';

/** Reveals the next (1) or previous (-1) mention, of one concept or of any; false when there is none. */
export type Reveal = (conceptId: string | null, direction: 1 | -1, how: 'keyboard' | 'pin') => boolean;

export const scrollBehavior = (): ScrollBehavior => (matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth');

/** Scrolls a mention's text to the middle of the view; false when its text is gone. */
export function scrollToMention(mention: Mention, behavior = scrollBehavior()): boolean {
  const parent = mention.range()?.startContainer.parentElement;
  parent?.scrollIntoView({ block: 'center', behavior });
  return !!parent;
}

export function createReveal(
  highlighter: Pick<Highlighter, 'mentions'>,
  open: (mention: Mention, how: 'keyboard' | 'pin') => void,
): Reveal {
  let index = -1;
  return (conceptId, direction, how) => {
    // Every mention counts, also those far from view and not painted yet.
    const mentions = highlighter.mentions().filter((m) => conceptId === null || m.conceptId === conceptId);
    if (!mentions.length) return false;
    index = (index + direction + mentions.length) % mentions.length;
    const mention = mentions[index]!;
    // The card opens once the scroll has brought the term into view (it follows its term from there).
    if (!scrollToMention(mention, 'auto')) return false;
    open(mention, how);
    return true;
  };
}
