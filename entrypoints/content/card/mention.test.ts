import { describe, expect, it } from 'vitest';
import { MARK_CLASS, MARK_TAG, unwrapMarks, wrapRun } from '@/lib/highlight/wrap';
import { collectRuns } from '@/lib/highlight/blocks';
import { markOf, mentionPieces, mentionStart, mentionText, ownMarkOf, rewrapped, sameTerm } from './mention';
import { CardTerm } from './term';

/** "Nuclear Consultative Group" split by an inline tag (two marks, one mention), and a look-alike the page planted. */
function page() {
  const p = document.createElement('p');
  const b = document.createElement('b');
  b.textContent = 'Nuclear';
  p.append('The ', b, ' Consultative  Group met. ');
  const fake = document.createElement(MARK_TAG);
  fake.className = MARK_CLASS;
  fake.dataset.conceptId = 'ncg';
  fake.dataset.alMention = '1';
  fake.textContent = 'NCG';
  p.append(fake);
  document.body.replaceChildren(p);
  const [run] = collectRuns(document.body);
  const start = run!.text.indexOf('Nuclear');
  const marks = wrapRun(run!, [{ start, length: 'Nuclear Consultative  Group'.length, conceptId: 'ncg', mentionId: 1, decorate() {} }]);
  return { marks, fake };
}

describe('the card term', () => {
  it('is one of our marks, never a look-alike the page planted', () => {
    const { marks, fake } = page();
    expect(marks).toHaveLength(2);
    expect(ownMarkOf(marks[1]!.firstChild!.parentElement)).toBe(marks[1]);
    expect(ownMarkOf(fake)).toBeNull();
    expect(markOf(fake)).toBeNull();
    expect(markOf(document)).toBeNull();
  });

  it('is the whole mention: its pieces in order, the first as reference, the text as written', () => {
    const { marks } = page();
    expect(mentionPieces(marks[1]!)).toEqual(marks);
    expect(mentionStart(marks[1]!)).toBe(marks[0]);
    expect(mentionText(marks[0]!)).toBe('Nuclear Consultative Group');
  });

  it('is found again after it was wrapped anew, near where it was, and is the same term there', () => {
    const { marks } = page();
    const [first] = marks;
    const at = (left: number, top: number) => ({ left, top }) as DOMRect;
    expect(rewrapped(first!, document, first!.getBoundingClientRect())).toBe(first);
    expect(rewrapped(first!, document, at(500, 500))).toBeNull();
    expect(sameTerm(first!, marks[1]!, () => at(10, 10))).toBe(true);
    const far = new Map([[first!, at(10, 10)], [marks[1]!, at(10, 100)]]);
    expect(sameTerm(first!, marks[1]!, (el) => far.get(el))).toBe(false);
  });

  it("follows the card's term to its new mark after the page had it wrapped again, and says when it is gone", () => {
    const { marks } = page();
    const term = new CardTerm(marks[0]!, 'card');
    term.describedByCard(true);
    expect(marks[0]!.getAttribute('aria-describedby')).toBe('card');
    const again = page().marks;
    expect(marks[0]!.isConnected).toBe(false);
    expect(term.refind()).toBe(true);
    expect(term.mark).toBe(again[0]);
    term.describedByCard(false);
    expect(again[0]!.hasAttribute('aria-describedby')).toBe(false);
    unwrapMarks(again);
    expect(term.refind()).toBe(false);
  });
});
