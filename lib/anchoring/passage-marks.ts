/**
 * Marks an anchored passage on the page with the highlighter's wrapping, so
 * unmarking restores the DOM exactly. Markers carry no note id: which note a
 * marker shows stays with the script that made it.
 */
import { isInsideForbidden } from '../highlight/blocks';
import { isOwnMark, unwrapMarks, wrapRanges } from '../highlight/wrap';
import type { Anchored } from './anchor';

export const NOTE_TAG = 'al-note';
export const NOTE_CLASS = 'alliance-lens-note';

/** Wraps the passage's text in note markers (never inside inputs, editors or code); returns them. */
export function markPassage({ text, start, end }: Anchored): HTMLElement[] {
  const nodes = text.nodes.filter((n) => n.start < end && n.start + n.node.data.length > start && !isInsideForbidden(n.node));
  if (!nodes.length) return [];
  const base = nodes[0]!.start;
  return wrapRanges(
    nodes.map((n) => n.node),
    [{ start: Math.max(0, start - base), length: end - Math.max(start, base) }],
    NOTE_TAG,
    NOTE_CLASS,
    () => undefined,
  );
}

/** Our note marker an event target is in (a look-alike the page planted is none). */
export function passageMarkOf(target: EventTarget | null): HTMLElement | null {
  const marker = target instanceof Element ? target.closest<HTMLElement>(`${NOTE_TAG}.${NOTE_CLASS}`) : null;
  return marker && isOwnMark(marker) ? marker : null;
}

/** Removes every note marker of ours under root. */
export function unmarkPassages(root: ParentNode) {
  unwrapMarks([...root.querySelectorAll(`${NOTE_TAG}.${NOTE_CLASS}`)].filter(isOwnMark));
}
