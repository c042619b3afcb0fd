/**
 * Open in context: brings a note's passage (or a concept note's mention) into
 * view when the background asks (page:revealNote). A passage note is shown in
 * its panel beside its marker; a concept note's mention is found inside the
 * sentence it was written beside and its card is pinned. False while it cannot
 * be found yet (the background asks again at the page's next report).
 */
import type { NoteReveal } from '@/lib/messages';
import { anchor, type Anchored } from '@/lib/anchoring/anchor';
import { domText, offsetOf } from '@/lib/anchoring/dom-text';
import type { Highlighter } from '@/lib/highlight/highlighter';

export interface NoteRevealDeps {
  highlighter: Pick<Highlighter, 'mentionRefs'>;
  pinCard(mark: HTMLElement): void;
  showPassageNote(noteId: string): boolean;
}

const scrollBehavior = (): ScrollBehavior => (matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth');

/** The concept's mark whose text starts inside the anchored sentence (marks are wrapped now if they were not). */
function mentionIn(found: Anchored, conceptId: string, highlighter: NoteRevealDeps['highlighter']): HTMLElement | null {
  const marks = highlighter
    .mentionRefs()
    .filter((m) => m.conceptId === conceptId)
    .flatMap((m) => m.mark() ?? []);
  if (!marks.length) return null;
  // Wrapping splits text nodes but never changes the text: the anchored offsets still hold.
  const text = domText(document.body);
  return marks.find((mark) => {
    const at = offsetOf(text, mark, 0);
    return at >= found.start && at < found.end;
  }) ?? null;
}

export function createNoteReveal(deps: NoteRevealDeps): (reveal: NoteReveal) => boolean {
  return (reveal) => {
    if (reveal.conceptId === undefined) return deps.showPassageNote(reveal.noteId);
    const found = anchor(document.body, reveal);
    if (!found) return false;
    const mark = mentionIn(found, reveal.conceptId, deps.highlighter);
    if (mark) {
      mark.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
      deps.pinCard(mark);
      return true;
    }
    // Highlights are off here (or the mention is no longer a match): the sentence itself comes into view.
    const node = found.text.nodes.find((n) => n.start + n.node.data.length > found.start)?.node.parentElement;
    node?.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
    return !!node;
  };
}
