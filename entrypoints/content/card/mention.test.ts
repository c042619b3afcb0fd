import { describe, expect, it } from 'vitest';
import type { Mention } from '@/lib/highlight/highlighter';
import { mentionText, refound, sameTerm } from './mention';
import { CardTerm } from './term';

/** A mention over "Nuclear Consultative  Group", split by an inline tag, placed at `rect`. */
function mention(rect: { left: number; top: number }, conceptId = 'ncg'): Mention & { gone: boolean } {
  const p = document.createElement('p');
  const b = document.createElement('b');
  b.textContent = 'Nuclear';
  p.append('The ', b, ' Consultative  Group met.');
  document.body.append(p);
  const m = {
    conceptId,
    gone: false,
    alive: () => !m.gone,
    range() {
      if (m.gone) return null;
      const r = document.createRange();
      r.setStart(b.firstChild!, 0);
      r.setEnd(p.lastChild!, ' Consultative  Group'.length);
      r.getBoundingClientRect = () =>
        ({ ...rect, x: rect.left, y: rect.top, width: 10, height: 10, right: rect.left + 10, bottom: rect.top + 10 }) as DOMRect;
      return r;
    },
  };
  return m;
}

describe('the card term', () => {
  it('is the mention as the page writes it, whitespace collapsed', () => {
    document.body.replaceChildren();
    expect(mentionText(mention({ left: 0, top: 0 }))).toBe('Nuclear Consultative Group');
  });

  it('is the same term as a new mention of its concept where it was, and not one far away or of another concept', () => {
    const at = (left: number, top: number) => ({ left, top }) as DOMRect;
    const [a, b] = [mention(at(10, 10)), mention(at(12, 10))];
    expect(sameTerm(a, b, (m) => m.range()?.getBoundingClientRect())).toBe(true);
    expect(sameTerm(a, mention(at(10, 200)), (m) => m.range()?.getBoundingClientRect())).toBe(false);
    expect(sameTerm(a, mention(at(10, 10), 'sma'), (m) => m.range()?.getBoundingClientRect())).toBe(false);
    expect(refound([mention(at(300, 300)), b], 'ncg', at(10, 10))).toBe(b);
    expect(refound([mention(at(300, 300))], 'ncg', at(10, 10))).toBeNull();
  });

  it("follows the card's term to the mention that shows it after the page re-rendered it, and says when it is gone", () => {
    const first = mention({ left: 40, top: 40 });
    const term = new CardTerm(first);
    expect(term.present()).toBe(true);
    first.gone = true;
    expect(term.present()).toBe(false);
    const again = mention({ left: 42, top: 40 });
    expect(term.refind([mention({ left: 400, top: 40 }), again])).toBe(true);
    expect(term.mention).toBe(again);
    again.gone = true;
    expect(term.refind([again])).toBe(false);
  });
});
