import { describe, expect, it } from 'vitest';
import { mentionQuote, describeQuote, matchQuote } from './text-quote';
import { domText, offsetOf } from './dom-text';
import { pointAt, rangeOf } from '@/tests/support/dom-range';

const ARTICLE =
  'Seoul and Washington signed the 12th Special Measures Agreement in November. Under the Special Measures Agreement, Seoul pays part of the cost of US forces. Critics say the deal came early.';

describe('a mention with its sentence', () => {
  it('takes the rest of the sentence as prefix and suffix, and finds the same mention again', () => {
    const at = ARTICLE.lastIndexOf('Special Measures Agreement');
    const { quote, position } = mentionQuote(ARTICLE, at, at + 26);
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Special Measures Agreement',
      prefix: 'Under the ',
      suffix: ', Seoul pays part of the cost of US forces.',
    });
    const edited = `Intro. ${ARTICLE}`;
    expect(matchQuote(edited, quote, { ...position, start: 0, end: 0 })).toEqual([at + 7, at + 33]);
  });

  it('stops at a line break and at 200 characters either side', () => {
    const text = `Heading\n${'x'.repeat(300)} SMA ${'y'.repeat(300)}`;
    const at = text.indexOf('SMA');
    const { quote } = mentionQuote(text, at, at + 3);
    expect(quote.prefix).toBe(`${'x'.repeat(199)} `);
    expect(quote.suffix).toHaveLength(200);
    const short = mentionQuote('Heading\nThe SMA\nnext', 12, 15).quote;
    expect([short.prefix, short.suffix]).toEqual(['The ', '']);
  });
});

describe('text quote anchoring', () => {
  const start = ARTICLE.indexOf('Under the Special');
  const end = ARTICLE.indexOf(', Seoul pays');
  const { quote, position } = describeQuote(ARTICLE, start, end);

  it('finds the passage where it was', () => {
    expect(matchQuote(ARTICLE, quote, position)).toEqual([start, end]);
  });

  it('finds it after text was inserted before it', () => {
    const moved = `UPDATE: a correction was added. ${ARTICLE}`;
    const found = matchQuote(moved, quote, position)!;
    expect(moved.slice(...found)).toBe('Under the Special Measures Agreement');
  });

  it('tells repeated phrases apart by their context', () => {
    const q = describeQuote(
      ARTICLE,
      ARTICLE.lastIndexOf('Special Measures Agreement'),
      ARTICLE.lastIndexOf('Special Measures Agreement') + 26,
    );
    const edited = `Intro. ${ARTICLE}`;
    const found = matchQuote(edited, q.quote, { ...q.position, start: 0, end: 0 })!;
    expect(found[0]).toBe(edited.lastIndexOf('Special Measures Agreement'));
  });

  it('finds a slightly changed passage', () => {
    const changed = ARTICLE.replace('Under the Special Measures Agreement', 'Under the Special Measures Agreements');
    const found = matchQuote(changed, quote, position)!;
    expect(changed.slice(...found)).toMatch(/^Under the Special Measures Agreement/);
  });

  it('gives up rather than attach to the wrong text when the passage is gone', () => {
    const removed = 'A different article about tariffs and steel quotas, with nothing about the cost of troops at all.';
    expect(matchQuote(removed, quote, position)).toBeNull();
  });
});

describe('DOM text', () => {
  it('maps offsets to ranges across inline tags and back', () => {
    const doc = new DOMParser().parseFromString(
      '<p>The <em>Special Measures</em> Agreement <script>var x=1</script>sets costs.</p>',
      'text/html',
    );
    const dt = domText(doc.body);
    expect(dt.text).toBe('The Special Measures Agreement sets costs.');
    const start = dt.text.indexOf('Special');
    const from = pointAt(dt, start, 'start')!;
    const to = pointAt(dt, start + 'Special Measures Agreement'.length, 'end')!;
    expect(from.node.data.slice(from.offset)).toBe('Special Measures');
    expect(to.node.data.slice(0, to.offset)).toBe(' Agreement');
    expect(offsetOf(dt, from.node, from.offset)).toBe(start);
    expect(rangeOf(dt, start, start + 3)).not.toBeNull();
  });
});
