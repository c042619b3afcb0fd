/**
 * The text of one PDF page as the reader sees it: PDF.js text items (one per
 * text-layer span) joined into lines and paragraphs, with each item's offset
 * kept so a match in the joined text maps back onto the spans it covers.
 * Pure: built from plain items, tested without PDF.js.
 */

/** What this module needs of a PDF.js TextItem. */
export interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  /** PDF.js's text matrix [a, b, c, d, e, f]: e, f the origin, d the font height. */
  transform: number[];
  height: number;
}

export interface PageText {
  text: string;
  /** Offset in `text` of each item's first character (item i covers [starts[i], starts[i] + str.length)). */
  starts: number[];
  lengths: number[];
  /** Paragraphs: [start, end) in `text`, with the heading of their section. */
  blocks: { start: number; end: number; heading: string }[];
}

/** A gap between lines larger than this many line heights starts a new paragraph. */
const PARAGRAPH_GAP = 1.6;
/** A short paragraph without closing punctuation is read as a heading (the section of what follows). */
const HEADING_MAX_CHARS = 100;

const lineHeight = (item: PdfTextItem) => Math.abs(item.transform[3] ?? 0) || item.height || 10;

/**
 * Lines are joined with a space, so a name broken across a line break is one
 * name to the matcher; paragraphs with "\n", which the evidence rules read as
 * the end of a sentence. A line ending in a hyphen joins the next without a
 * space: "Indo-" + "Pacific" stays "Indo-Pacific", and a word hyphenated at
 * the margin ("Sus-" + "tainment") loses its hyphen (left out of the text,
 * so that item covers one character less of it).
 */
export function buildPageText(items: PdfTextItem[]): PageText {
  let text = '';
  const starts: number[] = [];
  const lengths: number[] = [];
  const breaks: number[] = [];
  let lineY: number | undefined;
  let lineH = 0;
  let pendingEol = false;
  for (const item of items) {
    const y = item.transform[5] ?? 0;
    const h = lineHeight(item);
    if (item.str && text) {
      const gap = lineY === undefined ? 0 : Math.abs(lineY - y);
      const newLine = pendingEol || (lineY !== undefined && gap > Math.max(lineH, h) * 0.5);
      if (newLine && gap > Math.max(lineH, h) * PARAGRAPH_GAP) {
        breaks.push(text.length);
        text += '\n';
      } else if (newLine && /\p{L}-$/u.test(text)) {
        if (/^\p{Ll}/u.test(item.str)) {
          text = text.slice(0, -1);
          const last = lengths.findLastIndex((n) => n > 0);
          lengths[last]!--;
        }
      } else if (newLine && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
      pendingEol = false;
    }
    starts.push(text.length);
    lengths.push(item.str.length);
    text += item.str;
    if (item.str) {
      lineY = y;
      lineH = h;
    }
    if (item.hasEOL) pendingEol = true;
  }
  const blocks: PageText['blocks'] = [];
  let heading = '';
  let from = 0;
  for (const end of [...breaks, text.length]) {
    const raw = text.slice(from, end);
    if (raw.trim()) {
      const trimmed = raw.trim();
      const isHeading = trimmed.length <= HEADING_MAX_CHARS && !/[.,;:!?)"”]$/.test(trimmed);
      if (isHeading) heading = trimmed;
      blocks.push({ start: from, end, heading });
    }
    from = end + 1;
  }
  return { text, starts, lengths, blocks };
}

/** The pieces of [start, end) that fall in items: [item index, offset in item, length]. */
export function itemPieces(page: PageText, start: number, end: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < page.starts.length; i++) {
    const s = page.starts[i]!;
    const e = s + page.lengths[i]!;
    if (e <= start || s >= end || e === s) continue;
    const from = Math.max(s, start);
    out.push([i, from - s, Math.min(e, end) - from]);
  }
  return out;
}

/** The offset in the page text of a point inside item `index`, `offset` characters in. */
export function pageOffset(page: PageText, index: number, offset: number): number {
  return (page.starts[index] ?? page.text.length) + Math.min(offset, page.lengths[index] ?? 0);
}
