/**
 * The card's term on the page: the extension's own marks only (a look-alike a
 * page planted never opens a card), the mention a mark belongs to (a mention
 * split by inline tags has several marks), its text, and the same term again
 * after the highlighter wrapped it anew. DOM reads only, no extension API.
 */
import { isOwnMark, MARK_TAG } from '@/lib/highlight/wrap';

const MARK_SELECTOR = `${MARK_TAG}[data-concept-id]`;

/** How far (px) a term may have moved when its text is wrapped again and still be taken for the same term. */
const REWRAP_TOLERANCE = 48;

const distance = (a: DOMRect, b: DOMRect) => Math.hypot(a.left - b.left, a.top - b.top);

/** The extension's own mark an element is (or is in). */
export function ownMarkOf(el: Element | null): HTMLElement | null {
  const mark = el?.closest<HTMLElement>(MARK_SELECTOR) ?? null;
  return mark && isOwnMark(mark) ? mark : null;
}

export function markOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? ownMarkOf(target) : null;
}

/** The mark an event happened on, also inside a page's open shadow root (where `target` is the host). */
export const markOfEvent = (e: Event) => markOf(e.composedPath()[0] ?? e.target);

/** Our marks of the mention a mark belongs to, in document order. */
export function mentionPieces(mark: HTMLElement): HTMLElement[] {
  const id = mark.dataset.alMention;
  const root = mark.getRootNode() as Document | ShadowRoot;
  const pieces = id ? [...root.querySelectorAll<HTMLElement>(`${MARK_SELECTOR}[data-al-mention="${CSS.escape(id)}"]`)] : [];
  return pieces.filter(isOwnMark);
}

/** The first piece of the mention a mark belongs to: the card's reference for the whole mention. */
export function mentionStart(mark: HTMLElement): HTMLElement {
  return mentionPieces(mark)[0] ?? mark;
}

/** The mention's text as the page writes it, its pieces joined ("NCG", "핵협의그룹"). */
export function mentionText(start: HTMLElement): string {
  const pieces = mentionPieces(start);
  return (pieces.length ? pieces : [start]).map((p) => p.textContent ?? '').join('').replace(/\s+/g, ' ').trim();
}

/** Whether two marks show the same term: the same concept where the term was (a term wrapped again is a new element). */
export function sameTerm(a: HTMLElement, b: HTMLElement, rectOf: (el: HTMLElement) => DOMRect | undefined): boolean {
  const [ra, rb] = [rectOf(a), rectOf(b)];
  return a.dataset.conceptId === b.dataset.conceptId && !!ra && !!rb && distance(ra, rb) < REWRAP_TOLERANCE;
}

/**
 * The mark that now shows the term `mark` showed: the highlighter wraps a
 * paragraph again when the page changes it, and the old element leaves the
 * page. The same concept's mark nearest to where the term was is the term.
 */
export function rewrapped(mark: HTMLElement, root: Document | ShadowRoot, lastRect: DOMRect): HTMLElement | null {
  let best: HTMLElement | null = null;
  let bestDistance = REWRAP_TOLERANCE;
  for (const candidate of root.querySelectorAll<HTMLElement>(`${MARK_SELECTOR}[data-concept-id="${CSS.escape(mark.dataset.conceptId ?? '')}"]`)) {
    if (!isOwnMark(candidate)) continue;
    const d = distance(candidate.getBoundingClientRect(), lastRect);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best && mentionStart(best);
}
