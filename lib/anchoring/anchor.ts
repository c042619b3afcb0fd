/**
 * Anchoring in the DOM (the shape of Hypothesis's client): `describe` turns a
 * range the reader selected into W3C selectors, `anchor` finds those selectors
 * in a page again, or returns null rather than attach a note to the wrong text.
 * Both read the page's text as a reader sees it (dom-text.ts) and never write to the page.
 */
import { domText, offsetOf, type DomText } from './dom-text';
import { describeQuote, matchQuote, mentionQuote } from './text-quote';
import type { TextPositionSelector, TextQuoteSelector } from '../notes/model';

export interface PassageSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** A passage found under a root: offsets [start, end) into the root's text, which maps back to its nodes. */
export interface Anchored {
  text: DomText;
  start: number;
  end: number;
}

/** A concept note's source may carry no position (the quote and its context then decide). */
export function anchor(
  root: Element,
  selectors: Pick<PassageSelectors, 'quote'> & Partial<Pick<PassageSelectors, 'position'>>,
): Anchored | null {
  const text = domText(root);
  const at = matchQuote(text.text, selectors.quote, selectors.position);
  return at && { text, start: at[0], end: at[1] };
}

/** The selectors of a range under root, or null when it covers no text. */
export function describe(root: Element, range: Range): PassageSelectors | null {
  const dt = domText(root);
  const start = offsetOf(dt, range.startContainer, range.startOffset);
  const end = offsetOf(dt, range.endContainer, range.endOffset);
  if (end <= start || !dt.text.slice(start, end).trim()) return null;
  return describeQuote(dt.text, start, end);
}

/**
 * The selectors of a concept's mention under root (a range over its text),
 * with the rest of its sentence as context; null when the mention is not in
 * root's text (in a page's shadow root, say).
 */
export function describeMention(root: Element, mention: Range): PassageSelectors | null {
  if (!root.contains(mention.startContainer) || !root.contains(mention.endContainer)) return null;
  const dt = domText(root);
  const start = offsetOf(dt, mention.startContainer, mention.startOffset);
  const end = offsetOf(dt, mention.endContainer, mention.endOffset);
  return end > start ? mentionQuote(dt.text, start, end) : null;
}
