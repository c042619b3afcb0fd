/**
 * Notes written in the PDF reader remember where they were written, so that
 * "Open in context" can open the document again: the reader fetches it from
 * its web address, or asks the reader for the local file by name.
 */
import { mentionQuote } from '../anchoring/text-quote';
import type { ConceptSource, PdfPlace } from '../notes/model';
import type { PdfDocumentText, PdfMention } from './document-text';
import { pdfNotesUrl } from '../notes/model';
import { pdfPlace, type PdfOrigin, type PdfPassage } from './anchor';

/**
 * The source of a concept note written on a mention: the document, its title,
 * the mention with its sentence, and its offsets in the document's text once
 * the pages before it are read (as a web page's concept note records them).
 */
export function describePdfMention(
  doc: PdfDocumentText,
  fingerprint: string,
  title: string,
  pageIndex: number,
  mention: Pick<PdfMention, 'start' | 'end'>,
  origin?: PdfOrigin,
): ConceptSource | undefined {
  const page = doc.page(pageIndex);
  if (!page || mention.end > page.text.length || mention.start >= mention.end) return undefined;
  const { quote, position } = mentionQuote(page.text, mention.start, mention.end);
  const pageStart = doc.pageStart(pageIndex);
  return {
    url: pdfNotesUrl(fingerprint),
    title: title.slice(0, 1_000),
    quote,
    ...(pageStart !== undefined && {
      position: { type: 'TextPositionSelector' as const, start: pageStart + position.start, end: pageStart + position.end },
    }),
    pdf: pdfPlace(fingerprint, pageIndex, origin),
  };
}

/** The reader page (under the extension's root) that shows a note's document again; old notes without an origin ask for it by title. */
export function readerPathFor(place: PdfPlace, title: string): string {
  return place.url ? `reader.html?url=${encodeURIComponent(place.url)}` : `reader.html?file=${encodeURIComponent(place.fileName ?? title)}`;
}

/** The concept's mention inside a found passage (a concept note's quote is its mention), if the matcher still marks one there. */
export function mentionIn(doc: PdfDocumentText, passage: PdfPassage, conceptId: string): PdfMention | undefined {
  return doc.mentions(passage.pageIndex).find((m) => m.conceptId === conceptId && m.start < passage.end && m.end > passage.start);
}
