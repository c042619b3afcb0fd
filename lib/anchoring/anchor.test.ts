import { describe as group, expect, it } from 'vitest';
import { anchor, describe, describeMention } from './anchor';
import { passageRanges } from './passage-ranges';

const PASSAGE = 'Special Measures Agreement sets';

/** An article whose passage crosses an inline tag, followed by code. */
function article() {
  const doc = document;
  const p = doc.createElement('p');
  const em = doc.createElement('em');
  em.textContent = 'Special Measures';
  p.append('The ', em, ' Agreement sets costs.');
  const code = doc.createElement('code');
  code.textContent = 'sets';
  doc.body.replaceChildren(p, code);
  return { doc, p, em };
}

/** The reader's selection of PASSAGE: from inside <em> to the text after it. */
function selection({ doc, p, em }: ReturnType<typeof article>) {
  const range = doc.createRange();
  range.setStart(em.firstChild!, 0);
  range.setEnd(p.lastChild!, ' Agreement sets'.length);
  return range;
}

group('describe and anchor', () => {
  it('describe a selection as W3C selectors, which anchor finds again', () => {
    const page = article();
    const selectors = describe(page.doc.body, selection(page))!;
    expect(selectors.quote).toMatchObject({ type: 'TextQuoteSelector', exact: PASSAGE, prefix: 'The ', suffix: ' costs.sets' });
    expect(selectors.position).toMatchObject({ type: 'TextPositionSelector', start: 4 });
    const found = anchor(page.doc.body, selectors)!;
    expect(found.text.text.slice(found.start, found.end)).toBe(PASSAGE);
  });

  it('anchor follows the passage when the page added text before it, and gives up when it is gone', () => {
    const page = article();
    const selectors = describe(page.doc.body, selection(page))!;
    page.p.prepend('Update: a correction. ');
    const found = anchor(page.doc.body, selectors)!;
    expect(found.text.text.slice(found.start, found.end)).toBe(PASSAGE);
    page.p.replaceChildren('Tariffs and steel quotas, nothing about troops.');
    page.doc.querySelector('code')!.remove();
    expect(anchor(page.doc.body, selectors)).toBeNull();
  });

  it('describe gives null for a selection without text', () => {
    const page = article();
    const range = page.doc.createRange();
    range.setStart(page.p.firstChild!, 3);
    range.setEnd(page.p.firstChild!, 4);
    expect(describe(page.doc.body, range)).toBeNull();
  });
});

group('passage ranges', () => {
  it('cover the anchored passage across inline tags, one range per text node, and leave the DOM as it is', () => {
    const page = article();
    const before = page.doc.body.outerHTML;
    const found = anchor(page.doc.body, describe(page.doc.body, selection(page))!)!;
    const ranges = passageRanges(found);
    expect(ranges.map((r) => r.toString())).toEqual(['Special Measures', ' Agreement sets']);
    expect(ranges[0]!.startContainer).toBe(page.em.firstChild);
    expect(page.doc.body.outerHTML).toBe(before);
  });

  it('never cover text inside code', () => {
    const page = article();
    const code = page.doc.querySelector('code')!;
    const text = anchor(page.doc.body, describe(page.doc.body, selection(page))!)!.text;
    const inCode = text.text.lastIndexOf('sets');
    expect(passageRanges({ text, start: inCode, end: inCode + 4 })).toEqual([]);
    expect(code.textContent).toBe('sets');
  });
});

group('describeMention', () => {
  it('describes a mention split over inline tags with its sentence, which anchor finds again without a position', () => {
    const p = document.createElement('p');
    const b = document.createElement('b');
    b.textContent = 'Nuclear ';
    p.append('Intro. Officials said the ', b, 'Consultative Group met in June. Next sentence.');
    document.body.replaceChildren(p);
    const mention = document.createRange();
    mention.setStart(b.firstChild!, 0);
    mention.setEnd(p.lastChild!, 'Consultative Group'.length);
    const selectors = describeMention(document.body, mention)!;
    expect(selectors.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Nuclear Consultative Group',
      prefix: 'Officials said the ',
      suffix: ' met in June.',
    });
    const found = anchor(document.body, { quote: selectors.quote })!;
    expect(found.text.text.slice(found.start, found.end)).toBe('Nuclear Consultative Group');
    const outside = document.createRange();
    outside.selectNodeContents(document.createElement('span'));
    expect(describeMention(p, outside)).toBeNull();
  });
});
