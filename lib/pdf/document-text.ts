/**
 * A PDF's text, page by page as pages are read, with the same matcher and
 * evidence rules as web pages: each paragraph is a block, the document (its
 * title and every page read so far) is the page the evidence is gathered from.
 * Pure: pages are added as plain text items.
 */
import type { CategoryId } from '../corpus/categories';
import type { CompiledMatcher } from '../matcher/compile';
import { createMatcher, type Candidate } from '../matcher/matcher';
import { PageEvidence, type BlockAnalysis } from '../matcher/evidence';
import { buildPageText, type PageText, type PdfTextItem } from './page-text';

/** Between pages in the document text (TextPosition offsets count it). */
const PAGE_SEPARATOR = '\n\n';

export interface PdfMention {
  conceptId: string;
  /** Offsets in the page's text. */
  start: number;
  end: number;
  text: string;
}

interface ReadPage {
  text: PageText;
  blocks: { offset: number; analysis: BlockAnalysis }[];
}

export class PdfDocumentText {
  private readonly pages: (ReadPage | undefined)[];
  private readonly evidence: PageEvidence;
  /** Categories switched off in the settings (their concepts are not shown or counted). */
  private hidden = new Set<string>();

  constructor(
    private readonly compiled: CompiledMatcher,
    title: string,
    readonly pageCount: number,
  ) {
    this.evidence = new PageEvidence(createMatcher(compiled), title);
    this.pages = Array.from({ length: pageCount }, () => undefined);
  }

  hasPage(index: number): boolean {
    return !!this.pages[index];
  }

  /** Reads one page's items (once; later calls keep the first reading). */
  addPage(index: number, items: PdfTextItem[]): PageText {
    const existing = this.pages[index];
    if (existing) return existing.text;
    const text = buildPageText(items);
    const blocks = text.blocks.map((b) => ({
      offset: b.start,
      analysis: this.evidence.analyse(text.text.slice(b.start, b.end), b.heading),
    }));
    this.pages[index] = { text, blocks };
    return text;
  }

  page(index: number): PageText | undefined {
    return this.pages[index]?.text;
  }

  /** Shows only concepts of the categories on (missing = on), as the settings say. */
  setCategories(categories: Partial<Record<CategoryId, boolean>>) {
    this.hidden = new Set(Object.entries(categories).flatMap(([id, on]) => (on === false ? [id] : [])));
  }

  /** The mentions to highlight on a page, decided with all the evidence read so far. */
  mentions(index: number): PdfMention[] {
    const page = this.pages[index];
    if (!page) return [];
    return page.blocks.flatMap(({ offset, analysis }) =>
      this.evidence
        .accepted(analysis)
        .filter((c: Candidate) => !this.hidden.has(this.compiled.concepts[c.conceptId]?.category ?? ''))
        .map((c: Candidate) => ({ conceptId: c.conceptId, start: offset + c.start, end: offset + c.end, text: c.text })),
    );
  }

  /**
   * The mention after (by 1) or before (by -1) a position, in reading order,
   * wrapping around; only of `conceptId` when given. Over the pages read so far.
   */
  step(
    from: { pageIndex: number; start: number } | undefined,
    by: 1 | -1,
    conceptId?: string,
  ): { pageIndex: number; mention: PdfMention } | undefined {
    const all = this.pages.flatMap((_, i) =>
      this.mentions(i)
        .filter((m) => !conceptId || m.conceptId === conceptId)
        .map((mention) => ({ pageIndex: i, mention })),
    );
    if (!all.length) return undefined;
    const at = from ?? { pageIndex: -1, start: -1 };
    const after = (x: (typeof all)[number]) => x.pageIndex > at.pageIndex || (x.pageIndex === at.pageIndex && x.mention.start > at.start);
    const before = (x: (typeof all)[number]) => x.pageIndex < at.pageIndex || (x.pageIndex === at.pageIndex && x.mention.start < at.start);
    if (by === 1) return all.find(after) ?? all[0];
    return all.findLast(before) ?? all.at(-1);
  }

  /** concept id → mentions on the pages read so far. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    this.pages.forEach((p, i) => {
      if (p) for (const m of this.mentions(i)) counts[m.conceptId] = (counts[m.conceptId] ?? 0) + 1;
    });
    return counts;
  }

  /** Offset of a page's first character in the document text; undefined until every page before it is read. */
  pageStart(index: number): number | undefined {
    let offset = 0;
    for (let i = 0; i < index; i++) {
      const p = this.pages[i];
      if (!p) return undefined;
      offset += p.text.text.length + PAGE_SEPARATOR.length;
    }
    return offset;
  }

  /** The whole document's text, once every page is read. */
  fullText(): string | undefined {
    if (this.pages.some((p) => !p)) return undefined;
    return this.pages.map((p) => p!.text.text).join(PAGE_SEPARATOR);
  }

  /** The page and page offset of a document offset (every page read). */
  locate(docOffset: number): { pageIndex: number; offset: number } | undefined {
    let start = 0;
    for (let i = 0; i < this.pageCount; i++) {
      const p = this.pages[i];
      if (!p) return undefined;
      const end = start + p.text.text.length;
      if (docOffset <= end) return { pageIndex: i, offset: docOffset - start };
      start = end + PAGE_SEPARATOR.length;
    }
    return undefined;
  }
}
