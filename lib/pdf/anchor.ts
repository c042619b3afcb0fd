/**
 * Passage notes in PDFs: W3C TextQuote + TextPosition selectors over the
 * document text, with the page index as a hint, and the document identified
 * by PDF.js's fingerprint of its bytes (a renamed or moved copy is the same
 * document). A passage not found is reported as such, never moved to other text.
 */
import { describeQuote, matchQuote } from '../anchoring/text-quote';
import { pdfNotesUrl, type PassageTarget, type PdfPlace } from '../notes/model';
import type { PdfDocumentText } from './document-text';

/** Where the reader got the document. */
export type PdfOrigin = { url: string } | { fileName: string };

const WEB_ADDRESS = /^https?:\/\/\S+$/i;

/** A page of a document, with where it came from when the reader can open it again (an http(s) address or a file's name). */
export function pdfPlace(fingerprint: string, pageIndex: number, origin?: PdfOrigin): PdfPlace {
  const place: PdfPlace = { fingerprint, pageIndex };
  if (origin && 'url' in origin && WEB_ADDRESS.test(origin.url) && origin.url.length <= 4_000) place.url = origin.url;
  if (origin && 'fileName' in origin && origin.fileName) place.fileName = origin.fileName.slice(0, 1_000);
  return place;
}

export interface PdfPassage {
  pageIndex: number;
  /** Offsets in the page's text. */
  start: number;
  end: number;
}

/** Selectors for [start, end) of a page; undefined until the pages before it are read. */
export function describePdfPassage(
  doc: PdfDocumentText,
  fingerprint: string,
  title: string,
  passage: PdfPassage,
  origin?: PdfOrigin,
): PassageTarget | undefined {
  const page = doc.page(passage.pageIndex);
  const pageStart = doc.pageStart(passage.pageIndex);
  if (!page || pageStart === undefined) return undefined;
  const { quote, position } = describeQuote(page.text, passage.start, passage.end);
  return {
    url: pdfNotesUrl(fingerprint),
    title,
    quote,
    position: { type: 'TextPositionSelector', start: pageStart + position.start, end: pageStart + position.end },
    pdf: pdfPlace(fingerprint, passage.pageIndex, origin),
  };
}

export type AnchorResult = { state: 'found'; passage: PdfPassage } | { state: 'not-found' } | { state: 'pending' };

/**
 * Finds a note's passage (or a concept note's mention): first on its own page, then anywhere in the
 * document once every page is read. Pending while neither can be decided.
 */
export function anchorPdfPassage(
  doc: PdfDocumentText,
  target: Pick<PassageTarget, 'quote' | 'pdf'> & Partial<Pick<PassageTarget, 'position'>>,
): AnchorResult {
  const pageIndex = target.pdf?.pageIndex ?? 0;
  const page = pageIndex < doc.pageCount ? doc.page(pageIndex) : undefined;
  if (page) {
    const pageStart = doc.pageStart(pageIndex);
    const hint =
      pageStart === undefined || !target.position
        ? undefined
        : { type: 'TextPositionSelector' as const, start: target.position.start - pageStart, end: target.position.end - pageStart };
    const onPage = matchQuote(page.text, target.quote, hint && hint.start >= 0 ? hint : undefined);
    if (onPage) return { state: 'found', passage: { pageIndex, start: onPage[0], end: onPage[1] } };
  }
  const full = doc.fullText();
  if (full === undefined) return { state: 'pending' };
  const anywhere = matchQuote(full, target.quote, target.position);
  if (!anywhere) return { state: 'not-found' };
  const from = doc.locate(anywhere[0]);
  const to = doc.locate(anywhere[1]);
  // A passage that would straddle two pages is not one the reader wrote a note on.
  if (!from || !to || from.pageIndex !== to.pageIndex) return { state: 'not-found' };
  return { state: 'found', passage: { pageIndex: from.pageIndex, start: from.offset, end: to.offset } };
}
