/**
 * The pages of an open PDF: placeholders for every page, canvas + text layer
 * rendered only for pages near the viewport, concept marks in the text layer,
 * and drawn overlays for notes and search hits (rectangles over the text, so
 * they never split the spans the marks live in).
 */
import { OPS, TextLayer, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { t } from '@/lib/i18n';
import type { PdfDocumentText } from '@/lib/pdf/document-text';
import { applyMarks, offsetsToRange, rangeToOffsets, tagItems, type Boundaries, type MarkStyle } from '@/lib/pdf/text-layer-dom';
import { boundaryFractions, glyphWidths } from '@/lib/pdf/glyph-extents';

export interface Overlay {
  pageIndex: number;
  start: number;
  end: number;
  kind: 'note' | 'search' | 'flash';
  id: string;
}

interface PageView {
  index: number;
  el: HTMLElement;
  state: 'empty' | 'rendering' | 'rendered';
  scale: number;
  layer?: HTMLElement;
  spans: HTMLElement[];
  items: string[];
  overlayEl?: HTMLElement;
  /** The mention decisions shown, to skip re-marking when nothing changed. */
  markedKey: string;
  /** Where the glyphs of each item lie along its span (marks are drawn over the glyphs, not the browser font's letters). */
  boundaries?: Boundaries;
  /** The render in progress, shared by everyone who asks for this page meanwhile. */
  pending?: Promise<void>;
}

/** Pages this far outside the viewport (in viewport heights) are rendered ahead of the scroll. */
const RENDER_MARGIN = '150% 0px';
/** Rendered pages kept beyond this many are released (canvas memory on long documents). */
const MAX_RENDERED = 12;

export const textItems = (items: unknown[]): TextItem[] => items.filter((i): i is TextItem => typeof (i as TextItem).str === 'string');

export class PdfViewer {
  private pages: PageView[] = [];
  private observer: IntersectionObserver;
  private overlays: Overlay[] = [];
  private nextMentionId = 1;
  private renderedOrder: PageView[] = [];
  scale = 1.25;
  private destroyed = false;
  private marksOn = true;

  constructor(
    private readonly container: HTMLElement,
    private readonly pdf: PDFDocumentProxy,
    private readonly text: PdfDocumentText,
    private readonly style: MarkStyle,
  ) {
    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), { root: container, rootMargin: RENDER_MARGIN });
  }

  /** Builds placeholders sized like the first page (each page takes its own size once rendered). */
  async init(initialScale?: number) {
    const first = await this.pdf.getPage(1);
    if (initialScale) this.scale = initialScale;
    const base = first.getViewport({ scale: 1 });
    const doc = this.container.ownerDocument;
    const frag = doc.createDocumentFragment();
    for (let i = 0; i < this.pdf.numPages; i++) {
      const el = doc.createElement('div');
      el.className = 'pdf-page';
      el.dataset.pageIndex = String(i);
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', t('reader_notePage', i + 1));
      this.setSize(el, base.width, base.height);
      frag.append(el);
      this.pages.push({ index: i, el, state: 'empty', scale: 0, spans: [], items: [], markedKey: '' });
    }
    this.container.replaceChildren(frag);
    for (const p of this.pages) this.observer.observe(p.el);
  }

  private setSize(el: HTMLElement, width: number, height: number) {
    el.style.setProperty('--page-w', `${width}`);
    el.style.setProperty('--page-h', `${height}`);
    el.style.width = `${Math.floor(width * this.scale)}px`;
    el.style.height = `${Math.floor(height * this.scale)}px`;
  }

  private onIntersect(entries: IntersectionObserverEntry[]) {
    for (const e of entries) {
      const view = this.pages[Number((e.target as HTMLElement).dataset.pageIndex)];
      if (e.isIntersecting && view && view.state === 'empty') void this.render(view);
    }
  }

  /** Reads a page's text into the document model (once), without rendering it. */
  async readText(index: number, page?: PDFPageProxy) {
    if (this.text.hasPage(index)) return;
    const p = page ?? (await this.pdf.getPage(index + 1));
    const content = await p.getTextContent();
    this.text.addPage(index, textItems(content.items));
  }

  private render(view: PageView): Promise<void> {
    if (view.state === 'rendering' && view.pending) return view.pending;
    const pending = this.draw(view).finally(() => {
      if (view.pending === pending) view.pending = undefined;
    });
    view.pending = pending;
    return pending;
  }

  private async draw(view: PageView) {
    view.state = 'rendering';
    const scale = this.scale;
    try {
      const page = await this.pdf.getPage(view.index + 1);
      const viewport = page.getViewport({ scale });
      const ratio = globalThis.devicePixelRatio || 1;
      const doc = this.container.ownerDocument;
      const canvas = doc.createElement('canvas');
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.setAttribute('aria-hidden', 'true');
      const layer = doc.createElement('div');
      layer.className = 'textLayer';
      const overlay = doc.createElement('div');
      overlay.className = 'overlay-layer';
      overlay.setAttribute('aria-hidden', 'true');
      const content = await page.getTextContent();
      if (!this.text.hasPage(view.index)) this.text.addPage(view.index, textItems(content.items));
      const textLayer = new TextLayer({ textContentSource: content, container: layer, viewport });
      await Promise.all([
        page.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined }).promise,
        textLayer.render(),
      ]);
      // The glyphs' advances, from the operator list of the page just drawn (read once the canvas is done with it).
      const widths = glyphWidths(await page.getOperatorList(), { setFont: OPS.setFont, showText: OPS.showText });
      if (this.destroyed || scale !== this.scale || view.state !== 'rendering') {
        if (view.state === 'rendering') view.state = 'empty';
        return;
      }
      const items = textItems(content.items);
      view.boundaries = (index, span) => {
        const item = items[index];
        const fractions = item && boundaryFractions(item.str, widths.get(item.fontName));
        if (!item || !fractions) return undefined;
        // The span is stretched by --scale-x to the item's width on the page: in its own px it is that width over the stretch.
        const own = (item.width * scale) / (parseFloat(span.style.getPropertyValue('--scale-x')) || 1);
        return fractions.map((f) => f * own);
      };
      const base = page.getViewport({ scale: 1 });
      this.setSize(view.el, base.width, base.height);
      view.el.style.setProperty('--scale-factor', String(scale));
      view.el.style.setProperty('--total-scale-factor', String(scale * (page.userUnit || 1)));
      view.spans = textLayer.textDivs as HTMLElement[];
      view.items = [...textLayer.textContentItemsStr];
      tagItems(view.spans);
      view.layer = layer;
      view.overlayEl = overlay;
      view.markedKey = '';
      view.el.replaceChildren(canvas, overlay, layer);
      view.state = 'rendered';
      this.remark(view);
      this.drawOverlays(view);
      this.keepRendered(view);
    } catch (e) {
      if (view.state === 'rendering') view.state = 'empty';
      if ((e as Error)?.name !== 'RenderingCancelledException') throw e;
    }
  }

  /** Releases the pages rendered longest ago beyond the budget, keeping their text. */
  private keepRendered(view: PageView) {
    this.renderedOrder = [...this.renderedOrder.filter((v) => v !== view), view];
    while (this.renderedOrder.length > MAX_RENDERED) {
      const old = this.renderedOrder.shift()!;
      this.release(old);
    }
  }

  private release(view: PageView) {
    view.el.replaceChildren();
    view.state = 'empty';
    view.spans = [];
    view.layer = undefined;
    view.overlayEl = undefined;
    // A released page still in view is rendered again by the observer.
    this.observer.unobserve(view.el);
    this.observer.observe(view.el);
  }

  /** Puts the document's current decisions into a rendered page's marks (no-op if unchanged). */
  private remark(view: PageView) {
    const page = this.text.page(view.index);
    if (!page || view.state !== 'rendered') return;
    const mentions = this.marksOn ? this.text.mentions(view.index) : [];
    const key = mentions.map((m) => `${m.conceptId}@${m.start}`).join(',');
    if (key === view.markedKey) return;
    view.markedKey = key;
    applyMarks(view.spans, view.items, page, mentions, this.style, this.nextMentionId, view.boundaries);
    this.nextMentionId += mentions.length;
  }

  /** Highlights off puts every span back to its plain text; on brings the marks back. */
  showMarks(on: boolean) {
    this.marksOn = on;
    this.remarkAll();
  }

  /** After more of the document is read, ambiguous mentions may be decided differently. */
  remarkAll() {
    for (const v of this.pages) this.remark(v);
  }

  setOverlays(overlays: Overlay[]) {
    this.overlays = overlays;
    for (const v of this.pages) this.drawOverlays(v);
  }

  private drawOverlays(view: PageView) {
    const page = this.text.page(view.index);
    if (!view.overlayEl || !view.layer || !page) return;
    const doc = this.container.ownerDocument;
    const box = view.el.getBoundingClientRect();
    const rects: HTMLElement[] = [];
    for (const o of this.overlays) {
      if (o.pageIndex !== view.index) continue;
      const range = offsetsToRange(view.layer, page, o.start, o.end);
      if (!range) continue;
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        const div = doc.createElement('div');
        div.className = `overlay overlay-${o.kind}`;
        div.dataset.overlayId = o.id;
        div.style.left = `${r.left - box.left}px`;
        div.style.top = `${r.top - box.top}px`;
        div.style.width = `${r.width}px`;
        div.style.height = `${r.height}px`;
        rects.push(div);
      }
    }
    view.overlayEl.replaceChildren(...rects);
  }

  setScale(scale: number) {
    const anchor = this.currentPage();
    this.scale = scale;
    for (const v of this.pages) {
      const w = Number(v.el.style.getPropertyValue('--page-w'));
      const h = Number(v.el.style.getPropertyValue('--page-h'));
      if (v.state !== 'empty') this.release(v);
      this.setSize(v.el, w, h);
    }
    this.renderedOrder = [];
    this.scrollToPage(anchor);
  }

  /** The page at the top of the viewport. */
  currentPage(): number {
    const top = this.container.getBoundingClientRect().top + 8;
    for (const v of this.pages) if (v.el.getBoundingClientRect().bottom > top) return v.index;
    return 0;
  }

  scrollToPage(index: number) {
    this.pages[index]?.el.scrollIntoView({ block: 'start' });
  }

  /** Renders a page now (if it is not already) and resolves once it is. */
  async ensureRendered(index: number): Promise<HTMLElement | undefined> {
    const view = this.pages[index];
    if (!view) return undefined;
    if (view.state !== 'rendered') await this.render(view);
    return view.state === 'rendered' ? view.el : undefined;
  }

  /** Brings a passage into view, rendering its page first. */
  async reveal(pageIndex: number, start: number, end: number) {
    const el = await this.ensureRendered(pageIndex);
    const view = this.pages[pageIndex];
    const page = this.text.page(pageIndex);
    if (!el || !view?.layer || !page) return;
    const range = offsetsToRange(view.layer, page, start, end);
    const node = range?.startContainer.parentElement ?? el;
    node.scrollIntoView({ block: 'center' });
  }

  /** The mark of the mention starting at `start` on a page, the page rendered on demand. */
  async markAt(pageIndex: number, start: number): Promise<HTMLElement | undefined> {
    const el = await this.ensureRendered(pageIndex);
    return el?.querySelector<HTMLElement>(`mark[data-start="${start}"][tabindex]`) ?? undefined;
  }

  /** The selection as a passage on one page; undefined if it spans pages or selects nothing there. */
  selectionPassage(selection: Selection): { pageIndex: number; start: number; end: number } | undefined {
    if (selection.isCollapsed || !selection.rangeCount) return undefined;
    const range = selection.getRangeAt(0);
    const pageEl = (n: Node) => (n.nodeType === Node.TEXT_NODE ? n.parentElement : (n as Element))?.closest<HTMLElement>('.pdf-page');
    const from = pageEl(range.startContainer);
    if (!from || from !== pageEl(range.endContainer)) return undefined;
    const view = this.pages[Number(from.dataset.pageIndex)];
    const page = view && this.text.page(view.index);
    if (!view?.layer || !page) return undefined;
    const offsets = rangeToOffsets(view.layer, page, range);
    return offsets && { pageIndex: view.index, start: offsets[0], end: offsets[1] };
  }

  destroy() {
    this.destroyed = true;
    this.observer.disconnect();
    this.container.replaceChildren();
  }
}
