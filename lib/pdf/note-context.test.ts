import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from '../matcher/compile';
import { ConceptSourceSchema, PassageTargetSchema } from '../notes/model';
import type { PdfTextItem } from './page-text';
import { PdfDocumentText } from './document-text';
import { pdfNotesUrl } from '../notes/model';
import { anchorPdfPassage, describePdfPassage, pdfPlace } from './anchor';
import { describePdfMention, mentionIn, readerPathFor } from './note-context';

const compiled = compileMatcher(loadCorpusFromDir('data'));
const FP = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

function report(pages: string[]) {
  const doc = new PdfDocumentText(compiled, 'Report', pages.length);
  pages.forEach((text, i) =>
    doc.addPage(i, [{ str: text, hasEOL: true, transform: [12, 0, 0, 12, 72, 800], height: 12 } satisfies PdfTextItem]),
  );
  return doc;
}
const pages = [
  'Opening page.',
  'Talks went on for months. Seoul and Washington signed the Special Measures Agreement in 2024. Costs rose.',
];

describe('where a note written in the PDF reader was written', () => {
  it('records an http(s) address or a file name, and nothing the reader could not open again', () => {
    expect(pdfPlace(FP, 1, { url: 'https://docs.example/r.pdf' })).toEqual({
      fingerprint: FP,
      pageIndex: 1,
      url: 'https://docs.example/r.pdf',
    });
    expect(pdfPlace(FP, 0, { fileName: 'report.pdf' })).toEqual({ fingerprint: FP, pageIndex: 0, fileName: 'report.pdf' });
    expect(pdfPlace(FP, 0, { url: 'file:///home/me/r.pdf' })).toEqual({ fingerprint: FP, pageIndex: 0 });
    expect(pdfPlace(FP, 0, { url: `https://docs.example/${'a'.repeat(4_000)}.pdf` })).toEqual({ fingerprint: FP, pageIndex: 0 });
    expect(pdfPlace(FP, 0)).toEqual({ fingerprint: FP, pageIndex: 0 });
  });

  it('gives a passage note its origin, and the model accepts it and refuses a non-web address', () => {
    const doc = report(pages);
    const start = pages[1]!.indexOf('Seoul');
    const target = describePdfPassage(doc, FP, 'Report', { pageIndex: 1, start, end: start + 5 }, { url: 'https://docs.example/r.pdf' })!;
    expect(target.pdf).toEqual({ fingerprint: FP, pageIndex: 1, url: 'https://docs.example/r.pdf' });
    expect(v.is(PassageTargetSchema, target)).toBe(true);
    expect(v.is(PassageTargetSchema, { ...target, pdf: { ...target.pdf, url: 'javascript:alert(1)' } })).toBe(false);
    expect(v.is(PassageTargetSchema, { ...target, pdf: { fingerprint: FP, pageIndex: 1 } })).toBe(true);
  });

  it('describes a concept mention with its sentence, document offsets and page, and finds the mention again', () => {
    const doc = report(pages);
    const mention = doc.mentions(1).find((m) => m.conceptId === 'sma')!;
    expect(mention).toBeDefined();
    const source = describePdfMention(doc, FP, 'Report', 1, mention, { fileName: 'report.pdf' })!;
    expect(v.parse(ConceptSourceSchema, source)).toEqual(source);
    expect(source).toMatchObject({ url: pdfNotesUrl(FP), title: 'Report', pdf: { fingerprint: FP, pageIndex: 1, fileName: 'report.pdf' } });
    expect(source.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Special Measures Agreement',
      prefix: 'Seoul and Washington signed the ',
      suffix: ' in 2024.',
    });
    expect(doc.fullText()!.slice(source.position!.start, source.position!.end)).toBe('Special Measures Agreement');
    const found = anchorPdfPassage(report(pages), source);
    expect(found).toEqual({ state: 'found', passage: { pageIndex: 1, start: mention.start, end: mention.end } });
    if (found.state === 'found') expect(mentionIn(doc, found.passage, 'sma')).toEqual(mention);
    if (found.state === 'found') expect(mentionIn(doc, found.passage, 'usfk')).toBeUndefined();
  });

  it('records no offsets while the pages before the mention are unread, and refuses a mention outside its page', () => {
    const partial = new PdfDocumentText(compiled, 'Report', 2);
    partial.addPage(1, [{ str: pages[1]!, hasEOL: true, transform: [12, 0, 0, 12, 72, 800], height: 12 }]);
    const mention = partial.mentions(1).find((m) => m.conceptId === 'sma')!;
    const source = describePdfMention(partial, FP, 'Report', 1, mention)!;
    expect(source.position).toBeUndefined();
    expect(source.pdf).toEqual({ fingerprint: FP, pageIndex: 1 });
    expect(anchorPdfPassage(report(pages), source)).toMatchObject({ state: 'found', passage: { pageIndex: 1, start: mention.start } });
    expect(describePdfMention(partial, FP, 'Report', 0, mention)).toBeUndefined();
    expect(describePdfMention(partial, FP, 'Report', 1, { start: 5, end: 5_000 })).toBeUndefined();
  });

  it('opens the reader on the address, or asks for the file by name (by title for notes older than this)', () => {
    expect(readerPathFor({ fingerprint: FP, pageIndex: 0, url: 'https://docs.example/a b.pdf?x=1&y=2' }, 'T')).toBe(
      'reader.html?url=https%3A%2F%2Fdocs.example%2Fa%20b.pdf%3Fx%3D1%26y%3D2',
    );
    expect(readerPathFor({ fingerprint: FP, pageIndex: 0, fileName: 'my report&.pdf' }, 'T')).toBe('reader.html?file=my%20report%26.pdf');
    expect(readerPathFor({ fingerprint: FP, pageIndex: 0 }, 'Annual Report')).toBe('reader.html?file=Annual%20Report');
  });
});
