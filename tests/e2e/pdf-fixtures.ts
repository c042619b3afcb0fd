/**
 * Test PDFs written with pdf-lib from our own text (no binaries of unknown
 * origin), with the gold list of mentions a reader should see highlighted.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts, type PDFRef } from 'pdf-lib';

/** One page: paragraphs of lines exactly as they break on the page ("" between paragraphs). */
export type PageLines = string[];

export interface GoldMention {
  page: number;
  conceptId: string;
  text: string;
}

/** An outline (bookmarks) with one entry per page, titled by the page's first line. */
function addOutline(doc: PDFDocument, titles: string[]) {
  const { context } = doc;
  const outlineRef = context.nextRef();
  const refs: PDFRef[] = titles.map(() => context.nextRef());
  titles.forEach((title, i) => {
    const item = context.obj({ Title: PDFString.of(title), Parent: outlineRef, Dest: [doc.getPage(i).ref, PDFName.of('Fit')] });
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < titles.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    context.assign(refs[i]!, item);
  });
  context.assign(outlineRef, context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs.at(-1)!, Count: titles.length }));
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
}

/**
 * Writes pages of lines in Helvetica 11 pt, with an outline of the pages'
 * first lines. The document ID is derived from `id` (as a revised edition
 * keeps its first ID, a test can reuse one).
 */
export async function makePdf(title: string, pages: PageLines[], id = title): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer('Alliance Lens tests');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([612, 792]);
    let y = 720;
    for (const line of lines) {
      if (line) page.drawText(line, { x: 72, y, size: 11, font });
      y -= line ? 15 : 12;
    }
  }
  addOutline(
    doc,
    pages.map((lines) => lines[0] ?? ''),
  );
  const hex = createHash('md5').update(id).digest('hex');
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(hex), PDFHexString.of(hex)]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A multi-page report on the alliance, with concept names broken across lines, and hyphenated at the margin. */
export const REPORT_PAGES: PageLines[] = [
  [
    'Alliance Costs and Deterrence',
    '',
    'In 2024 Seoul and Washington concluded the twelfth Special Measures',
    'Agreement, which sets the Korean share of the costs of stationing',
    'U.S. Forces Korea. The SMA runs for five years and raises the share',
    'by 8.3 percent in its first year.',
  ],
  [
    'Nuclear consultation',
    '',
    'The Washington Declaration of April 2023 created the Nuclear',
    'Consultative Group. The NCG met for the first time in Seoul in July',
    'and discussed extended deterrence and joint planning.',
  ],
  [
    'Shipbuilding and sustainment',
    '',
    'Under the Regional Sustainment',
    'Framework (RSF), U.S. Navy ships can be repaired in allied yards.',
    'Hanwha Ocean completed the first such overhaul; the Regional Sus-',
    'tainment Framework now covers more yards in the region.',
  ],
  [
    'Trade',
    '',
    'The KORUS FTA and the Inflation Reduction Act shape investment, while',
    'IPEF talks continue among the fourteen partners of the Indo-',
    'Pacific Economic Framework.',
  ],
];

export const REPORT_GOLD: GoldMention[] = [
  { page: 0, conceptId: 'sma', text: 'Special Measures Agreement' },
  { page: 0, conceptId: 'usfk', text: 'U.S. Forces Korea' },
  { page: 0, conceptId: 'sma', text: 'SMA' },
  { page: 1, conceptId: 'washington-declaration', text: 'Washington Declaration' },
  { page: 1, conceptId: 'ncg', text: 'Nuclear Consultative Group' },
  { page: 1, conceptId: 'ncg', text: 'NCG' },
  { page: 1, conceptId: 'extended-deterrence', text: 'extended deterrence' },
  { page: 2, conceptId: 'rsf', text: 'Regional Sustainment Framework' },
  { page: 2, conceptId: 'rsf', text: 'RSF' },
  { page: 2, conceptId: 'hanwha-ocean', text: 'Hanwha Ocean' },
  { page: 2, conceptId: 'rsf', text: 'Regional Sustainment Framework' },
  { page: 3, conceptId: 'korus-fta', text: 'KORUS FTA' },
  { page: 3, conceptId: 'ira', text: 'Inflation Reduction Act' },
  { page: 3, conceptId: 'ipef', text: 'IPEF' },
  { page: 3, conceptId: 'ipef', text: 'Indo-Pacific Economic Framework' },
];

/** The other senses of the same acronyms: nothing here should be highlighted. */
export const CONTRAST_PAGES: PageLines[] = [
  [
    'Advances in neuromuscular medicine',
    '',
    'Spinal muscular atrophy (SMA) is a genetic disease of the motor',
    'neurons. Gene therapy for SMA in infants now reaches most patients,',
    'and newborn screening for SMA has spread to many countries.',
    '',
    'In Sudan, fighting between the army and the RSF (Rapid Support',
    'Forces) displaced millions; the RSF controls much of Darfur.',
  ],
];
export const CONTRAST_GOLD: GoldMention[] = [];

/** A PDF written by hand from its objects (for what pdf-lib cannot write), with a correct cross-reference table. */
function handMadePdf(objects: string[], trailer: string): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const hexOf = (n: number, seed: string) =>
  createHash('sha256')
    .update(seed)
    .digest('hex')
    .slice(0, n * 2);

/** A PDF whose standard security handler needs a user password (pdf-lib cannot encrypt): PDF.js asks for it. */
export function makePasswordPdf(): Buffer {
  return handMadePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${hexOf(32, 'owner')}> /U <${hexOf(32, 'user')}> /P -44 >>`,
    ],
    `/Encrypt 4 0 R /ID [<${hexOf(16, 'id')}> <${hexOf(16, 'id')}>]`,
  );
}

/**
 * Korean text in a font that is not embedded, encoded with the predefined
 * UniKS-UCS2-H character map (as older Korean government PDFs are): PDF.js
 * needs the Korean CMaps shipped with the reader to read it. Two lines,
 * 주한미군 (USFK) and 한미동맹 (the alliance), as UCS-2 codes.
 */
export function makeKoreanPdf(): Buffer {
  const content = 'BT /F1 24 Tf 72 700 Td <C8FCD55CBBF8AD70> Tj 0 -40 Td <D55CBBF8B3D9B9F9> Tj ET';
  return handMadePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      '<< /Type /Font /Subtype /Type0 /BaseFont /HYSMyeongJo-Medium /Encoding /UniKS-UCS2-H /DescendantFonts [6 0 R] >>',
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HYSMyeongJo-Medium /CIDSystemInfo << /Registry (Adobe) /Ordering (Korea1) /Supplement 1 >> /FontDescriptor 7 0 R /DW 1000 >>',
      '<< /Type /FontDescriptor /FontName /HYSMyeongJo-Medium /Flags 6 /FontBBox [0 -148 1001 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 60 >>',
    ],
    `/ID [<${hexOf(16, 'korean')}> <${hexOf(16, 'korean')}>]`,
  );
}

/** Starts like a PDF, then is nothing but noise. */
export const MALFORMED_PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\nthis is not a PDF body at all\n%%EOF\n',
  'latin1',
);
