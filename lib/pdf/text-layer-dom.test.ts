import { describe, expect, it } from 'vitest';
import { buildPageText, type PdfTextItem } from './page-text';
import { applyMarks, offsetsToRange, PDF_MARK_CLASS, PDF_RUN_CLASS, rangeToOffsets, tagItems } from './text-layer-dom';

const style = { colour: () => '#123456', label: (id: string) => `concept ${id}` };

/** A text layer as PDF.js builds it: one span per item, a <br> after each line. */
function layerOf(lines: string[]) {
  const items: PdfTextItem[] = lines.map((str, i) => ({ str, hasEOL: true, transform: [12, 0, 0, 12, 72, 800 - 14 * i], height: 12 }));
  const layer = document.createElement('div');
  const spans = lines.map((str) => {
    const span = document.createElement('span');
    span.textContent = str;
    layer.append(span, document.createElement('br'));
    return span;
  });
  document.body.replaceChildren(layer);
  tagItems(spans);
  return { layer, spans, page: buildPageText(items) };
}

describe('text layer marks', () => {
  it('marks a mention broken across two spans as one mention, focusable once, without changing the text', () => {
    const { layer, spans, page } = layerOf(['Seoul renewed the Special Measures', 'Agreement in 2024.']);
    const start = page.text.indexOf('Special');
    const marks = applyMarks(
      spans,
      spans.map((s) => s.textContent!),
      page,
      [{ conceptId: 'sma', start, end: start + 26, text: 'Special Measures Agreement' }],
      style,
      7,
    );
    expect(marks.map((m) => m.textContent)).toEqual(['Special Measures', 'Agreement']);
    expect(marks.map((m) => m.dataset.text)).toEqual(['Special Measures Agreement', undefined]);
    expect(new Set(marks.map((m) => m.dataset.alMention))).toEqual(new Set(['7']));
    expect(marks.map((m) => m.tabIndex)).toEqual([0, -1]);
    expect(spans.map((s) => s.textContent)).toEqual(['Seoul renewed the Special Measures', 'Agreement in 2024.']);
    // Applying again (say, after the evidence changed) replaces rather than nests.
    applyMarks(
      spans,
      spans.map((s) => s.textContent!),
      page,
      [],
      style,
      9,
    );
    expect(layer.querySelectorAll(`.${PDF_MARK_CLASS}`)).toHaveLength(0);
    expect(spans[0]!.childNodes).toHaveLength(1);
  });
});

describe('marks at the glyphs’ positions', () => {
  it('gives each mark and the text around it the width its glyphs have, keeping the text and its offsets', () => {
    const { layer, spans, page } = layerOf(['U.S. Forces Korea. The SMA runs']);
    const start = page.text.indexOf('SMA');
    // Boundaries 10 px apart, except the A, 4 px wide.
    const edges = [0];
    for (let i = 0; i < page.text.length; i++) edges.push(edges[i]! + (i === start + 2 ? 4 : 10));
    const marks = applyMarks(
      spans,
      spans.map((s) => s.textContent!),
      page,
      [{ conceptId: 'sma', start, end: start + 3, text: 'SMA' }],
      style,
      1,
      () => edges,
    );
    expect(marks[0]!.style.width).toBe('24px');
    const runs = [...spans[0]!.querySelectorAll<HTMLElement>(`.${PDF_RUN_CLASS}`)];
    expect(runs.map((r) => [r.textContent, r.style.width])).toEqual([
      ['U.S. Forces Korea. The ', `${start * 10}px`],
      [' runs', '50px'],
    ]);
    expect(spans[0]!.textContent).toBe('U.S. Forces Korea. The SMA runs');
    // A selection inside a run still reads as offsets in the page's text.
    const range = document.createRange();
    range.setStart(runs[1]!.firstChild!, 1);
    range.setEnd(runs[1]!.firstChild!, 5);
    expect(rangeToOffsets(layer, page, range)).toEqual([start + 4, start + 8]);
    // Marked again without marks: the span is its plain text again.
    applyMarks(
      spans,
      spans.map((s) => s.textContent!),
      page,
      [],
      style,
      2,
      () => edges,
    );
    expect(spans[0]!.childNodes).toHaveLength(1);
  });
});

describe('selection and offsets', () => {
  it('reads a selection across spans and marks as offsets in the page text, and draws offsets back as a range', () => {
    const { layer, spans, page } = layerOf(['The alliance faces a pacing', 'challenge from the NCG today.']);
    const ncg = page.text.indexOf('NCG');
    applyMarks(
      spans,
      spans.map((s) => s.textContent!),
      page,
      [{ conceptId: 'ncg', start: ncg, end: ncg + 3, text: 'NCG' }],
      style,
      1,
    );
    const range = document.createRange();
    range.setStart(spans[0]!.firstChild!, 'The alliance faces a '.length);
    const mark = layer.querySelector('mark')!;
    range.setEnd(mark.firstChild!, 2);
    const offsets = rangeToOffsets(layer, page, range)!;
    expect(page.text.slice(...offsets)).toBe('pacing challenge from the NC');
    expect(offsetsToRange(layer, page, ...offsets)!.toString()).toBe('pacingchallenge from the NC');
  });

  it('trims whitespace and ignores a selection of nothing but a line break', () => {
    const { layer, spans, page } = layerOf(['First line ', 'second line']);
    const range = document.createRange();
    range.setStart(spans[0]!.firstChild!, 6);
    range.setEnd(spans[1]!.firstChild!, 6);
    expect(page.text.slice(...rangeToOffsets(layer, page, range)!)).toBe('line second');
    const empty = document.createRange();
    empty.setStart(spans[0]!.firstChild!, 10);
    empty.setEnd(spans[0]!.firstChild!, 11);
    expect(rangeToOffsets(layer, page, empty)).toBeUndefined();
  });
});
