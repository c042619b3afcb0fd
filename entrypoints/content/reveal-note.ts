/**
 * Open in context: brings a note's passage (or a concept note's mention) into
 * view when the background asks (page:revealNote). A passage note is shown in
 * its panel beside its passage; a concept note's mention is found inside the
 * sentence it was written beside and its card is pinned. False while it cannot
 * be found yet (the background asks again at the page's next report).
 */
import type { NoteReveal } from '@/lib/messages';
import { anchor, type Anchored } from '@/lib/anchoring/anchor';
import { offsetOf } from '@/lib/anchoring/dom-text';
import type { Highlighter, Mention } from '@/lib/highlight/highlighter';
import { scrollBehavior, scrollToMention } from './reveal-mention';

export interface NoteRevealDeps {
  highlighter: Pick<Highlighter, 'mentions'>;
  pinCard(mention: Mention): void;
  showPassageNote(noteId: string): boolean;
}

/** The concept's mention whose text starts inside the anchored sentence. */
function mentionIn(found: Anchored, conceptId: string, highlighter: NoteRevealDeps['highlighter']): Mention | null {
  return (
    highlighter
      .mentions()
      .filter((m) => m.conceptId === conceptId)
      .find((m) => {
        const range = m.range();
        if (!range) return false;
        const at = offsetOf(found.text, range.startContainer, range.startOffset);
        return at >= found.start && at < found.end;
      }) ?? null
  );
}

export function createNoteReveal(deps: NoteRevealDeps): (reveal: NoteReveal) => boolean {
  return (reveal) => {
    if (reveal.conceptId === undefined) return deps.showPassageNote(reveal.noteId);
    const found = anchor(document.body, reveal);
    if (!found) return false;
    const mention = mentionIn(found, reveal.conceptId, deps.highlighter);
    if (mention && scrollToMention(mention, 'auto')) {
      deps.pinCard(mention);
      return true;
    }
    // Highlights are off here (or the mention is no longer a match): the sentence itself comes into view.
    const node = found.text.nodes.find((n) => n.start + n.node.data.length > found.start)?.node.parentElement;
    node?.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
    return !!node;
  };
}
