import { describe as group, expect, it } from 'vitest';
import { anchor, describe, describeMention } from './anchor';
import { markPassage, NOTE_CLASS, NOTE_TAG, passageMarkOf, unmarkPassages } from './passage-marks';

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

group('passage marks', () => {
  it('mark the anchored passage across inline tags, and unmarking restores the DOM exactly', () => {
    const page = article();
    const before = page.doc.body.outerHTML;
    const textNodes = [...page.p.childNodes].map((n) => (n.nodeType === 3 ? n : n.firstChild));
    const found = anchor(page.doc.body, describe(page.doc.body, selection(page))!)!;
    const marks = markPassage(found);
    expect(marks.map((m) => m.textContent).join('')).toBe(PASSAGE);
    expect(marks.every((m) => m.localName === NOTE_TAG && m.classList.contains(NOTE_CLASS))).toBe(true);
    // Markers say nothing about the note: mark.js's flag and our class only.
    expect(new Set(marks.flatMap((m) => m.getAttributeNames()))).toEqual(new Set(['class', 'data-markjs']));
    expect(passageMarkOf(marks[0]!.firstChild!.parentElement)).toBe(marks[0]);
    unmarkPassages(page.doc);
    expect(page.doc.body.outerHTML).toBe(before);
    expect([...page.p.childNodes].map((n) => (n.nodeType === 3 ? n : n.firstChild))).toEqual(textNodes);
  });

  it('never mark inside code, and a look-alike the page planted is no marker', () => {
    const page = article();
    const code = page.doc.querySelector('code')!;
    const text = anchor(page.doc.body, describe(page.doc.body, selection(page))!)!.text;
    const inCode = text.text.lastIndexOf('sets');
    expect(markPassage({ text, start: inCode, end: inCode + 4 })).toEqual([]);
    expect(code.childNodes).toHaveLength(1);
    const fake = page.doc.createElement(NOTE_TAG);
    fake.className = NOTE_CLASS;
    page.p.append(fake);
    expect(passageMarkOf(fake)).toBeNull();
    unmarkPassages(page.doc);
    expect(fake.isConnected).toBe(true);
  });
});

group('describeMention', () => {
  it("describes a mention split over marks with its sentence, which anchor finds again without a position", () => {
    const p = document.createElement('p');
    const [a, b] = [document.createElement('al-mark'), document.createElement('al-mark')];
    a.textContent = 'Nuclear ';
    b.textContent = 'Consultative Group';
    p.append('Intro. Officials said the ', a, b, ' met in June. Next sentence.');
    document.body.replaceChildren(p);
    const selectors = describeMention(document.body, a, b)!;
    expect(selectors.quote).toEqual({ type: 'TextQuoteSelector', exact: 'Nuclear Consultative Group', prefix: 'Officials said the ', suffix: ' met in June.' });
    const found = anchor(document.body, { quote: selectors.quote })!;
    expect(found.text.text.slice(found.start, found.end)).toBe('Nuclear Consultative Group');
    const outside = document.createElement('al-mark');
    expect(describeMention(p, outside, outside)).toBeNull();
  });
});
