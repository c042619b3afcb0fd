/**
 * W3C TextQuoteSelector / TextPositionSelector: describe a passage, and find
 * it again later even if the page changed a little. Returns null rather than
 * attach a note to the wrong text.
 */
import search from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from '../notes/model';

const CONTEXT = 32;
/** At most this share of the quote may differ for a fuzzy match to count. */
const MAX_ERROR_RATE = 0.15;

export function describeQuote(text: string, start: number, end: number): { quote: TextQuoteSelector; position: TextPositionSelector } {
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** The most a mention's sentence gives as prefix or suffix (the selector's limit). */
const SENTENCE_CONTEXT = 200;
/** Where a sentence ends: a full stop, question or exclamation mark followed by a space, or a line break. */
const SENTENCE_END = /[.!?。？！](?=\s)|\n/g;

/**
 * A concept's mention as a TextQuoteSelector whose prefix and suffix are the
 * rest of its sentence (up to 200 characters each side): enough to find the
 * same mention again, and to show the reader where the note was written.
 */
export function mentionQuote(text: string, start: number, end: number): { quote: TextQuoteSelector; position: TextPositionSelector } {
  let from = Math.max(0, start - SENTENCE_CONTEXT);
  for (const m of text.slice(from, start).matchAll(SENTENCE_END)) from = Math.max(0, start - SENTENCE_CONTEXT) + m.index + m[0].length;
  const after = text.slice(end, end + SENTENCE_CONTEXT);
  SENTENCE_END.lastIndex = 0;
  const stop = SENTENCE_END.exec(after);
  const to = end + (stop ? stop.index + (stop[0] === '\n' ? 0 : 1) : after.length);
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(from, start).trimStart(),
      suffix: text.slice(end, to),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

function contextScore(text: string, start: number, end: number, quote: TextQuoteSelector): number {
  const before = text.slice(Math.max(0, start - quote.prefix.length), start);
  const after = text.slice(end, end + quote.suffix.length);
  let score = 0;
  for (let i = 1; i <= Math.min(before.length, quote.prefix.length); i++)
    if (before.at(-i) === quote.prefix.at(-i)) score++;
    else break;
  for (let i = 0; i < Math.min(after.length, quote.suffix.length); i++)
    if (after[i] === quote.suffix[i]) score++;
    else break;
  return score;
}

/** Where the quote is in `text` now: [start, end), or null when it cannot be found with confidence. */
export function matchQuote(text: string, quote: TextQuoteSelector, hint?: TextPositionSelector): [number, number] | null {
  const exact = quote.exact;
  if (!exact) return null;
  if (hint && text.slice(hint.start, hint.end) === exact) return [hint.start, hint.end];
  const exactHits: number[] = [];
  for (let i = text.indexOf(exact); i >= 0 && exactHits.length < 1000; i = text.indexOf(exact, i + 1)) exactHits.push(i);
  const pick = (hits: { start: number; end: number; errors: number }[]) => {
    let best = hits[0]!;
    let bestScore = -Infinity;
    for (const h of hits) {
      const distance = hint ? Math.abs(h.start - hint.start) / Math.max(1, text.length) : 0;
      const score = contextScore(text, h.start, h.end, quote) * 2 - h.errors * 4 - distance;
      if (score > bestScore) {
        bestScore = score;
        best = h;
      }
    }
    return [best.start, best.end] as [number, number];
  };
  if (exactHits.length) return pick(exactHits.map((start) => ({ start, end: start + exact.length, errors: 0 })));
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  if (maxErrors === 0 || exact.length > 2000) return null;
  const fuzzy = search(text, exact, maxErrors);
  if (!fuzzy.length) return null;
  const minErrors = Math.min(...fuzzy.map((m) => m.errors));
  return pick(fuzzy.filter((m) => m.errors === minErrors));
}
