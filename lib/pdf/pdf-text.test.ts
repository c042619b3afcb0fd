import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from '../matcher/compile';
import { buildPageText, itemPieces, pageOffset, type PdfTextItem } from './page-text';
import { PdfDocumentText } from './document-text';
import { pdfNotesUrl } from '../notes/model';
import { anchorPdfPassage, describePdfPassage } from './anchor';

const compiled = compileMatcher(loadCorpusFromDir('data'));

/** Lines of a page as PDF.js gives them: one item per line, 14 pt apart; a blank line opens a paragraph. */
function lines(...text: string[]): PdfTextItem[] {
  let y = 800;
  const items: PdfTextItem[] = [];
  for (const line of text) {
    if (line === '') {
      y -= 14;
      continue;
    }
    items.push({ str: line, hasEOL: true, transform: [12, 0, 0, 12, 72, y], height: 12 });
    y -= 14;
  }
  return items;
}

describe('page text', () => {
  it('joins lines with a space and paragraphs with a newline, keeping each item’s offset', () => {
    const page = buildPageText(lines('The Special Measures', 'Agreement was signed.', '', 'A second paragraph.'));
    expect(page.text).toBe('The Special Measures Agreement was signed.\nA second paragraph.');
    expect(page.starts).toEqual([0, 21, 43]);
    expect(page.blocks.map((b) => page.text.slice(b.start, b.end))).toEqual([
      'The Special Measures Agreement was signed.',
      'A second paragraph.',
    ]);
  });

  it('keeps items of one line together without inventing spaces', () => {
    const items: PdfTextItem[] = [
      { str: 'Nuclear Consul', hasEOL: false, transform: [12, 0, 0, 12, 72, 700], height: 12 },
      { str: 'tative Group', hasEOL: false, transform: [12, 0, 0, 12, 160, 700], height: 12 },
    ];
    expect(buildPageText(items).text).toBe('Nuclear Consultative Group');
  });

  it('maps a range back onto the items it covers, skipping the joins', () => {
    const page = buildPageText(lines('The Special Measures', 'Agreement was signed.'));
    expect(itemPieces(page, 4, 30)).toEqual([
      [0, 4, 16],
      [1, 0, 9],
    ]);
    expect(pageOffset(page, 1, 3)).toBe(24);
  });

  it('joins a line ending in a hyphen without a space, and drops a hyphen that split a word', () => {
    const page = buildPageText(lines('the Regional Sus-', 'tainment Framework and the Indo-', 'Pacific Economic Framework'));
    expect(page.text).toBe('the Regional Sustainment Framework and the Indo-Pacific Economic Framework');
    expect(page.lengths).toEqual([16, 32, 26]);
    // The split word maps onto both spans, the hyphen left out.
    const start = page.text.indexOf('Regional');
    expect(itemPieces(page, start, start + 'Regional Sustainment Framework'.length)).toEqual([
      [0, 4, 12],
      [1, 0, 18],
    ]);
  });

  it('reads a short line without a full stop as the heading of what follows', () => {
    const page = buildPageText(lines('Burden sharing', '', 'Costs rose.'));
    expect(page.blocks.map((b) => b.heading)).toEqual(['Burden sharing', 'Burden sharing']);
  });
});

describe('document text', () => {
  it('finds a name broken across a line break, or hyphenated at the margin, as one mention', () => {
    const doc = new PdfDocumentText(compiled, 'Report', 1);
    doc.addPage(
      0,
      lines(
        'Seoul and Washington renewed the Special Measures',
        'Agreement for 2026, and the Regional Sustain-',
        'ment Framework and IPEF, the Indo-',
        'Pacific Economic Framework, continue.',
      ),
    );
    expect(doc.mentions(0).map((m) => [m.conceptId, m.text])).toEqual([
      ['sma', 'Special Measures Agreement'],
      ['rsf', 'Regional Sustainment Framework'],
      ['ipef', 'IPEF'],
      ['ipef', 'Indo-Pacific Economic Framework'],
    ]);
  });

  it('applies the evidence rules: SMA the disease is not highlighted, SMA the cost-sharing deal is', () => {
    const medical = new PdfDocumentText(compiled, 'Clinical review', 1);
    medical.addPage(
      0,
      lines('Spinal muscular atrophy (SMA) is a genetic disease of motor neurons.', '', 'Gene therapy for SMA in infants.'),
    );
    expect(medical.mentions(0)).toEqual([]);
    const alliance = new PdfDocumentText(compiled, 'Alliance report', 1);
    alliance.addPage(0, lines('The SMA sets what Seoul pays toward the costs of USFK troops stationed in Korea.'));
    expect(
      alliance
        .mentions(0)
        .map((m) => m.conceptId)
        .sort(),
    ).toEqual(['sma', 'usfk']);
  });

  it('leaves out the concepts of categories switched off in the settings', () => {
    const doc = new PdfDocumentText(compiled, 'Report', 1);
    doc.addPage(0, lines('USFK and the Inflation Reduction Act.'));
    doc.setCategories({ economy: false });
    expect(doc.mentions(0).map((m) => m.conceptId)).toEqual(['usfk']);
    doc.setCategories({ economy: true });
    expect(doc.counts()).toEqual({ usfk: 1, ira: 1 });
  });

  it('counts mentions over the pages read and places pages in the document text', () => {
    const doc = new PdfDocumentText(compiled, 'Report', 3);
    doc.addPage(0, lines('The Nuclear Consultative Group met.'));
    doc.addPage(2, lines('The NCG met again.'));
    expect(doc.counts()).toEqual({ ncg: 2 });
    expect(doc.pageStart(2)).toBeUndefined();
    expect(doc.fullText()).toBeUndefined();
    doc.addPage(1, lines('Nothing here.'));
    expect(doc.pageStart(2)).toBe('The Nuclear Consultative Group met.'.length + 2 + 'Nothing here.'.length + 2);
    expect(doc.locate(doc.pageStart(2)! + 4)).toEqual({ pageIndex: 2, offset: 4 });
  });
});

describe('moving between mentions', () => {
  it('steps forward and back in reading order across pages, wrapping, optionally for one concept', () => {
    const doc = new PdfDocumentText(compiled, 'Report', 3);
    doc.addPage(0, lines('USFK and the Washington Declaration.'));
    doc.addPage(1, lines('Nothing here.'));
    doc.addPage(2, lines('USFK again.'));
    const at = (r: ReturnType<PdfDocumentText['step']>) => r && [r.pageIndex, r.mention.conceptId];
    expect(at(doc.step(undefined, 1))).toEqual([0, 'usfk']);
    expect(at(doc.step({ pageIndex: 0, start: 0 }, 1))).toEqual([0, 'washington-declaration']);
    expect(at(doc.step({ pageIndex: 0, start: 13 }, 1))).toEqual([2, 'usfk']);
    expect(at(doc.step({ pageIndex: 2, start: 0 }, 1))).toEqual([0, 'usfk']);
    expect(at(doc.step({ pageIndex: 0, start: 0 }, -1))).toEqual([2, 'usfk']);
    expect(at(doc.step({ pageIndex: 0, start: 0 }, 1, 'usfk'))).toEqual([2, 'usfk']);
    expect(doc.step(undefined, 1, 'rsf')).toBeUndefined();
  });
});

describe('PDF passage anchoring', () => {
  const FP = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  function report(pages: string[][]) {
    const doc = new PdfDocumentText(compiled, 'Report', pages.length);
    pages.forEach((p, i) => doc.addPage(i, lines(...p)));
    return doc;
  }
  const pages = [
    ['Opening page of the report.'],
    ['The alliance faces a pacing challenge.', 'Deterrence must be credible.'],
    ['Closing remarks.'],
  ];

  it('describes a passage with a quote, a document position and the page, and finds it again', () => {
    const doc = report(pages);
    const start = doc.page(1)!.text.indexOf('Deterrence');
    const target = describePdfPassage(doc, FP, 'report.pdf', { pageIndex: 1, start, end: start + 'Deterrence must'.length })!;
    expect(target.url).toBe(pdfNotesUrl(FP));
    expect(target.pdf).toEqual({ fingerprint: FP, pageIndex: 1 });
    expect(target.quote.exact).toBe('Deterrence must');
    expect(doc.fullText()!.slice(target.position.start, target.position.end)).toBe('Deterrence must');
    expect(anchorPdfPassage(report(pages), target)).toEqual({ state: 'found', passage: { pageIndex: 1, start, end: start + 15 } });
  });

  it('finds a passage that moved to another page, and reports one that is gone as not found', () => {
    const doc = report(pages);
    const start = doc.page(1)!.text.indexOf('pacing');
    const target = describePdfPassage(doc, FP, 'report.pdf', { pageIndex: 1, start, end: start + 'pacing challenge'.length })!;
    const moved = report([['Opening page of the report.'], ['Nothing.'], ['The alliance faces a pacing challenge.']]);
    expect(anchorPdfPassage(moved, target)).toMatchObject({ state: 'found', passage: { pageIndex: 2 } });
    const gone = report([['Opening page of the report.'], ['Something else entirely, a different text.'], ['Closing remarks.']]);
    expect(anchorPdfPassage(gone, target)).toEqual({ state: 'not-found' });
  });

  it('waits for the rest of the document before calling a passage missing from its page not found', () => {
    const doc = report(pages);
    const start = doc.page(1)!.text.indexOf('pacing');
    const target = describePdfPassage(doc, FP, 'r.pdf', { pageIndex: 1, start, end: start + 6 })!;
    const partial = new PdfDocumentText(compiled, 'Report', 3);
    partial.addPage(1, lines('A rewritten page.'));
    expect(anchorPdfPassage(partial, target)).toEqual({ state: 'pending' });
  });
});
