/**
 * Paints mentions with the CSS Custom Highlight API and clears them: one
 * `Highlight` per concept, registered as `alliance-lens--<conceptId>`, holding
 * StaticRanges (which the browser does not keep up to date on every DOM
 * change of the page, unlike live Ranges). The page's DOM is never written:
 * the `::highlight()` rules live in a constructed stylesheet adopted by the
 * document and by each open shadow root the highlighter reads (a document's
 * rules do not reach into shadow trees). Nothing else; deciding what to paint
 * is the mention keeper's job.
 */
import type { CompiledMatcher } from '../matcher/compile';
import type { HighlightStyle } from '../settings';
import type { TextRun } from './blocks';

const HIGHLIGHT_PREFIX = 'alliance-lens--';
const highlightName = (conceptId: string) => `${HIGHLIGHT_PREFIX}${conceptId}`;

type Registry = Map<string, Highlight>;

/** Whether a run's nodes still hold its text (the page may have rewritten them since it was read). */
export function intact(run: TextRun): boolean {
  if (!run.nodes.every((n) => n.isConnected)) return false;
  if (run.slice) return run.nodes[0]!.data.startsWith(run.text, run.from);
  let at = 0;
  for (const n of run.nodes) {
    if (!run.text.startsWith(n.data, at)) return false;
    at += n.data.length;
  }
  return at === run.text.length;
}

/** The boundary points of [start, end) of a run's text in its nodes, or null past their end. */
export function pointsOf(run: TextRun, start: number, end: number): StaticRangeInit | null {
  const [a, b] = [start + run.from, end + run.from];
  let offset = 0;
  let first: [Text, number] | null = null;
  for (const node of run.nodes) {
    const length = node.data.length;
    if (!first && a < offset + length) first = [node, a - offset];
    if (first && b <= offset + length)
      return { startContainer: first[0], startOffset: first[1], endContainer: node, endOffset: b - offset };
    offset += length;
  }
  return null;
}

const hexToRgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}`;
};

/** The `::highlight()` rules of every concept for the reader's style and the page's look. */
export function highlightRules(concepts: CompiledMatcher['concepts'], style: HighlightStyle, dark: boolean): string {
  return Object.values(concepts)
    .map((c) => {
      const colour = dark ? c.colourDark : c.colour;
      const line =
        style === 'background'
          ? ''
          : `text-decoration-line: underline; text-decoration-style: solid; text-decoration-color: ${colour}; text-decoration-thickness: 2px; text-underline-offset: 0.18em;`;
      const fill = style === 'underline' ? '' : `background-color: rgba(${hexToRgb(colour)}, ${dark ? 0.24 : 0.16});`;
      return `::highlight(${highlightName(c.id)}) { ${line} ${fill} }`;
    })
    .join('\n');
}

export class Painter {
  private readonly highlights = new Map<string, Highlight>();
  private readonly roots = new Set<ShadowRoot>();
  private readonly sheet: CSSStyleSheet | null;
  private readonly registry: Registry | null;
  private adopted = false;

  constructor(
    private readonly doc: Document,
    private readonly concepts: CompiledMatcher['concepts'],
  ) {
    const view = (doc.defaultView ?? globalThis) as typeof globalThis;
    this.registry = (view.CSS as { highlights?: Registry } | undefined)?.highlights ?? null;
    this.sheet = typeof view.CSSStyleSheet === 'function' && 'adoptedStyleSheets' in doc ? new view.CSSStyleSheet() : null;
  }

  /** Sets the rules for the reader's style and the page's look, and adopts them in the document. */
  style(style: HighlightStyle, dark: boolean) {
    if (!this.sheet) return;
    this.sheet.replaceSync(highlightRules(this.concepts, style, dark));
    if (!this.adopted) {
      this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, this.sheet];
      this.adopted = true;
    }
  }

  /** Adopts the rules in an open shadow root; whether it was new (the caller then observes it). */
  adopt(shadow: ShadowRoot): boolean {
    if (this.roots.has(shadow)) return false;
    this.roots.add(shadow);
    if (this.sheet) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, this.sheet];
    return true;
  }

  /** The open shadow roots met so far (caret hit-testing needs them named). */
  shadowRoots(): ShadowRoot[] {
    return [...this.roots];
  }

  paint(conceptId: string, range: StaticRange) {
    this.highlightOf(conceptId)?.add(range);
  }

  unpaint(conceptId: string, range: StaticRange) {
    this.highlights.get(conceptId)?.delete(range);
  }

  /** Removes every highlight and rule of ours: the page looks exactly as before. */
  clear() {
    for (const [id, highlight] of this.highlights) {
      if (this.registry?.get(highlightName(id)) === highlight) this.registry.delete(highlightName(id));
    }
    this.highlights.clear();
    if (this.sheet && this.adopted) this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
    this.adopted = false;
    for (const shadow of this.roots) if (this.sheet) shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter((s) => s !== this.sheet);
    this.roots.clear();
  }

  private highlightOf(conceptId: string): Highlight | undefined {
    if (!this.registry) return undefined;
    let highlight = this.highlights.get(conceptId);
    if (!highlight) {
      highlight = new Highlight();
      this.highlights.set(conceptId, highlight);
    }
    // Registered again if the page deleted or replaced our entry.
    const name = highlightName(conceptId);
    if (this.registry.get(name) !== highlight) this.registry.set(name, highlight);
    return highlight;
  }
}
