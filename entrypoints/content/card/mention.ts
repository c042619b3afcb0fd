/**
 * The card's term on the page: a mention the highlighter decided (never an
 * element; nothing of ours is in the page), its text and where it is, and
 * the same term again after the page re-rendered its text. DOM reads only.
 */
import type { Mention } from '@/lib/highlight/highlighter';

/** How far (px) a term may have moved when the page renders its text anew and still be taken for the same term. */
const MOVE_TOLERANCE = 48;

const distance = (a: DOMRect, b: DOMRect) => Math.hypot(a.left - b.left, a.top - b.top);

/** The mention's text as the page writes it ("NCG", "핵협의그룹"), or '' once its text is gone. */
export function mentionText(mention: Mention): string {
  return (mention.range()?.toString() ?? '').replace(/\s+/g, ' ').trim();
}

/** Where the mention is in the viewport now, if its text is still on the page. */
export function mentionRect(mention: Mention): DOMRect | undefined {
  return mention.range()?.getBoundingClientRect();
}

/** Whether two mentions show the same term: the same concept where the term was (a re-rendered term is a new mention). */
export function sameTerm(a: Mention, b: Mention, rectOf: (m: Mention) => DOMRect | undefined): boolean {
  if (a === b) return true;
  const [ra, rb] = [rectOf(a), rectOf(b)];
  return a.conceptId === b.conceptId && !!ra && !!rb && distance(ra, rb) < MOVE_TOLERANCE;
}

/** The mention of `conceptId` nearest to where a term was, if one is close enough to be that term. */
export function refound(mentions: Mention[], conceptId: string, lastRect: DOMRect): Mention | null {
  let best: Mention | null = null;
  let bestDistance = MOVE_TOLERANCE;
  for (const candidate of mentions) {
    if (candidate.conceptId !== conceptId) continue;
    const rect = mentionRect(candidate);
    if (!rect) continue;
    const d = distance(rect, lastRect);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}
