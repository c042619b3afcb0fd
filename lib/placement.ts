/**
 * Where every floating surface goes (the web card, the passage-note panel,
 * the PDF reader's card), and how the card behaves on hover: one module, so
 * web pages and PDFs read the same.
 *
 * A surface never covers the line its term (or selection) is on nor the line
 * below it: that band is the area to avoid. It goes below the band, above it,
 * or beside the text column when the screen is wide enough, whichever has
 * room, and is always whole inside the viewport: where no side holds it, it
 * takes the side with the most room as a compact sheet whose content scrolls
 * inside (its height capped there by `size`).
 */
import {
  autoUpdate,
  computePosition,
  flip,
  offset,
  shift,
  size,
  type ComputePositionConfig,
  type Middleware,
  type Placement,
} from '@floating-ui/dom';

/** A hover opens the card after this long on a term (web pages and PDFs alike). */
export const HOVER_OPEN_MS = 300;
/** …and closes it this long after the pointer left both the term and the card. */
export const HOVER_CLOSE_MS = 350;
/** The tallest a surface grows; taller content scrolls inside. */
export const MAX_FLOATING_HEIGHT = 600;
/** Kept free between a surface and the viewport's edges. */
export const VIEWPORT_PADDING = 8;
/** Between the band to avoid and the surface. */
const GAP = 6;

/**
 * What a surface is placed against: a floating-ui virtual element (the card's
 * term is a Range once highlights are painted, not an element). Its client
 * rects are its lines; `contextElement` is the element it sits in (for scroll
 * listeners, line height and the text column).
 */
export interface VirtualReference {
  getBoundingClientRect(): DOMRect;
  getClientRects(): ArrayLike<DOMRect> & Iterable<DOMRect>;
  contextElement?: Element;
}

/** A Range as a reference (keep a clone: a selection's own range changes as the selection does). */
export function rangeReference(range: Range): VirtualReference {
  const node = range.commonAncestorContainer;
  return {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    contextElement: node.nodeType === Node.ELEMENT_NODE ? (node as Element) : (node.parentElement ?? undefined),
  };
}

/** An element as a reference (the PDF reader's marks; in-page marks until highlights are painted). */
export function elementReference(element: Element): VirtualReference {
  return {
    getBoundingClientRect: () => element.getBoundingClientRect(),
    getClientRects: () => element.getClientRects(),
    contextElement: element,
  };
}

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * The band a surface must not cover: from the top of the reference's first
 * line box to the bottom of the line after its last (each line box is
 * `lineHeight` tall, centred on the glyphs' rect), across the text column.
 */
export function avoidBand(rects: ArrayLike<DOMRect>, lineHeight: number, column: { left: number; right: number }): Box | null {
  const lines = Array.from(rects).filter((r) => r.width > 0 || r.height > 0);
  if (!lines.length) return null;
  const top = Math.min(...lines.map((r) => r.top));
  const bottom = Math.max(...lines.map((r) => r.bottom));
  const glyphs = Math.max(...lines.map((r) => r.height));
  const leading = Math.max(0, lineHeight - glyphs) / 2;
  return {
    top: top - leading,
    bottom: bottom + leading + Math.max(lineHeight, glyphs),
    left: Math.min(column.left, ...lines.map((r) => r.left)),
    right: Math.max(column.right, ...lines.map((r) => r.right)),
  };
}

/** The line height of the text an element holds, in px ("normal" read as 1.2 em). */
export function lineHeightOf(element: Element | undefined): number {
  if (!element) return 0;
  const style = getComputedStyle(element);
  const px = parseFloat(style.lineHeight);
  return Number.isFinite(px) ? px : 1.2 * (parseFloat(style.fontSize) || 16);
}

/** The box of the block an element's text flows in (its text column). */
export function columnOf(element: Element | undefined): { left: number; right: number } | null {
  for (let el: Element | null = element ?? null; el; el = el.parentElement) {
    const display = getComputedStyle(el).display;
    if (!display.startsWith('inline') && display !== 'contents') {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right };
    }
  }
  return null;
}

/**
 * Where a surface may go, best first: below the band, above it, and beside
 * the column only where the surface fits there whole (beside, it would
 * otherwise be shifted back over the text).
 */
export function candidatePlacements(band: Box, viewportWidth: number, width: number): Placement[] {
  const room = width + GAP + VIEWPORT_PADDING;
  return [
    'bottom-start',
    'top-start',
    ...(viewportWidth - band.right >= room ? (['right-start'] as const) : []),
    ...(band.left >= room ? (['left-start'] as const) : []),
  ];
}

/**
 * The positioning for a surface of `width` that must avoid `band`: above or
 * below, it starts at `startX` (the term's left edge), shifted to fit; its
 * height is capped to the room it has (`onMaxHeight`).
 */
export function placementConfig(
  band: Box,
  startX: number,
  viewportWidth: number,
  width: number,
  onMaxHeight: (px: number) => void,
): Partial<ComputePositionConfig> {
  const [initial, ...fallbacks] = candidatePlacements(band, viewportWidth, width);
  const alignToTerm: Middleware = {
    name: 'alignToTerm',
    fn: ({ x, placement }) => ({ x: placement.startsWith('top') || placement.startsWith('bottom') ? startX : x }),
  };
  return {
    strategy: 'fixed',
    placement: initial,
    middleware: [
      offset(GAP),
      // Only the side axis decides: a side that cannot hold it all loses to the one with the most room.
      flip({ padding: VIEWPORT_PADDING, crossAxis: false, fallbackPlacements: fallbacks, fallbackStrategy: 'bestFit' }),
      alignToTerm,
      // Along the band only (never across it, into the text).
      shift({ padding: VIEWPORT_PADDING, crossAxis: false }),
      size({
        padding: VIEWPORT_PADDING,
        apply: ({ availableHeight }) => onMaxHeight(Math.max(0, Math.min(MAX_FLOATING_HEIGHT, availableHeight))),
      }),
    ],
  };
}

/** The band as a floating-ui reference. */
function bandReference(band: Box, contextElement: Element | undefined) {
  const rect = () => DOMRect.fromRect({ x: band.left, y: band.top, width: band.right - band.left, height: band.bottom - band.top });
  return { getBoundingClientRect: rect, getClientRects: () => [rect()], contextElement };
}

/**
 * Places `floating` once against `reference`; resolves with where it went,
 * or null when the reference has no box (gone from the page).
 */
export async function placeFloating(reference: VirtualReference, floating: HTMLElement): Promise<Placement | null> {
  const context = reference.contextElement;
  const rects = reference.getClientRects();
  const column = columnOf(context) ?? { left: innerWidth, right: 0 };
  const band = avoidBand(rects, lineHeightOf(context), column);
  if (!band) return null;
  const startX = Math.min(...Array.from(rects).map((r) => r.left));
  // Measured at its full height, so the side chosen is the one with room for all of it.
  floating.style.setProperty('max-height', `${MAX_FLOATING_HEIGHT}px`);
  const viewportWidth = document.documentElement.clientWidth;
  const config = placementConfig(band, startX, viewportWidth, floating.offsetWidth, (px) =>
    floating.style.setProperty('max-height', `${px}px`),
  );
  const { x, y, placement } = await computePosition(bandReference(band, context), floating, config);
  floating.style.setProperty('left', `${x}px`);
  floating.style.setProperty('top', `${y}px`);
  floating.dataset.placement = placement;
  return placement;
}

/**
 * Keeps `floating` placed against `reference` while the page scrolls,
 * resizes or reflows, until the returned function is called. `onUpdate` runs
 * before each placement; returning false skips it (the reference is gone).
 */
export function followReference(reference: VirtualReference, floating: HTMLElement, onUpdate?: () => boolean | undefined): () => void {
  const anchor = { getBoundingClientRect: () => reference.getBoundingClientRect(), contextElement: reference.contextElement };
  return autoUpdate(anchor, floating, () => {
    if (onUpdate?.() === false) return;
    void placeFloating(reference, floating);
  });
}
