import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computePosition, type Platform } from '@floating-ui/dom';
import { avoidBand, candidatePlacements, MAX_FLOATING_HEIGHT, placementConfig, VIEWPORT_PADDING, type Box } from './placement';

const rect = (x: number, y: number, width: number, height: number) => DOMRect.fromRect({ x, y, width, height });

/**
 * floating-ui over plain numbers: a viewport, the band's box, and a surface of
 * `natural` height that `size` caps through max-height (as the DOM would).
 */
async function place(viewport: { width: number; height: number }, band: Box, startX: number, width: number, natural: number) {
  let maxHeight = MAX_FLOATING_HEIGHT;
  const height = () => Math.min(natural, maxHeight);
  const platform: Platform = {
    getElementRects: () => ({
      reference: { x: band.left, y: band.top, width: band.right - band.left, height: band.bottom - band.top },
      floating: { x: 0, y: 0, width, height: height() },
    }),
    getClippingRect: () => ({ x: 0, y: 0, ...viewport }),
    getDimensions: () => ({ width, height: height() }),
    // The rest of the DOM platform, as for a viewport with no scaling and no offset parent.
    isRTL: () => false,
    isElement: () => true,
    getOffsetParent: () => window,
    getDocumentElement: () => document.documentElement,
    getClientRects: () => [],
    getScale: () => ({ x: 1, y: 1 }),
    convertOffsetParentRelativeRectToViewportRelativeRect: ({ rect }) => rect,
  };
  const config = placementConfig(band, startX, viewport.width, width, (px) => (maxHeight = px));
  const { x, y, placement } = await computePosition({ getBoundingClientRect: () => rect(0, 0, 0, 0) }, {} as HTMLElement, {
    ...config,
    platform,
  });
  return { x, y, placement, width, height: height() };
}

describe('avoidBand', () => {
  it('covers the term’s line box and the line after it, across the text column', () => {
    // A term of 18 px glyphs on 26 px lines: the line box starts 4 px above the glyphs.
    expect(avoidBand([rect(300, 100, 80, 18)], 26, { left: 40, right: 700 })).toEqual({ top: 96, bottom: 148, left: 40, right: 700 });
  });

  it('spans every line of a term broken across two lines', () => {
    const band = avoidBand([rect(600, 100, 90, 20), rect(40, 124, 60, 20)], 24, { left: 40, right: 700 })!;
    expect([band.top, band.bottom]).toEqual([98, 170]);
  });

  it('has no box for a term with no rects (gone from the page)', () => {
    expect(avoidBand([], 24, { left: 0, right: 100 })).toBeNull();
    expect(avoidBand([rect(0, 0, 0, 0)], 24, { left: 0, right: 100 })).toBeNull();
  });
});

describe('candidatePlacements', () => {
  const band = { top: 300, bottom: 350, left: 200, right: 840 };
  it('offers beside the column only where the surface fits there whole', () => {
    expect(candidatePlacements(band, 1280, 360)).toEqual(['bottom-start', 'top-start', 'right-start']);
    expect(candidatePlacements(band, 1000, 360)).toEqual(['bottom-start', 'top-start']);
    expect(candidatePlacements({ ...band, left: 400, right: 900 }, 1280, 360)).toEqual([
      'bottom-start',
      'top-start',
      'right-start',
      'left-start',
    ]);
  });
});

describe('placementConfig', () => {
  it('goes below the next line when there is room, at the term’s left edge', async () => {
    const p = await place({ width: 1280, height: 800 }, { top: 100, bottom: 150, left: 40, right: 700 }, 300, 360, 300);
    expect(p).toMatchObject({ placement: 'bottom-start', x: 300, y: 156, height: 300 });
  });

  it('goes above when only above has room', async () => {
    const p = await place({ width: 800, height: 800 }, { top: 600, bottom: 650, left: 40, right: 760 }, 300, 360, 300);
    expect(p).toMatchObject({ placement: 'top-start', y: 600 - 6 - 300 });
  });

  it('goes beside the column on a wide screen when neither above nor below holds it', async () => {
    const p = await place({ width: 1400, height: 700 }, { top: 330, bottom: 380, left: 100, right: 900 }, 300, 360, 500);
    expect(p).toMatchObject({ placement: 'right-start', x: 906, height: 500 });
  });

  it('becomes a sheet on the side with the most room, capped to fit, on a narrow screen', async () => {
    const p = await place({ width: 360, height: 640 }, { top: 380, bottom: 430, left: 0, right: 360 }, 120, 344, 500);
    expect(p.placement).toBe('top-start');
    expect(p.y).toBe(VIEWPORT_PADDING);
    expect(p.y + p.height).toBeLessThanOrEqual(380);
    expect(p.x).toBe(VIEWPORT_PADDING);
  });

  it('never covers the band and stays whole in the viewport, wherever the term is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          vw: fc.integer({ min: 320, max: 1600 }),
          vh: fc.integer({ min: 300, max: 1000 }),
          top: fc.double({ min: 0, max: 1, noNaN: true }),
          lines: fc.integer({ min: 1, max: 3 }),
          lineHeight: fc.integer({ min: 18, max: 40 }),
          column: fc.double({ min: 0.3, max: 1, noNaN: true }),
          start: fc.double({ min: 0, max: 1, noNaN: true }),
          natural: fc.integer({ min: 80, max: 900 }),
        }),
        async ({ vw, vh, top, lines, lineHeight, column, start, natural }) => {
          const colLeft = Math.round((vw * (1 - column)) / 2);
          const colRight = vw - colLeft;
          const y = Math.round(top * (vh - lineHeight * (lines + 1)));
          const band = { top: y, bottom: y + lineHeight * (lines + 1), left: colLeft, right: colRight };
          const width = Math.min(360, vw - 2 * VIEWPORT_PADDING);
          const startX = colLeft + Math.round(start * (colRight - colLeft - 40));
          const p = await place({ width: vw, height: vh }, band, startX, width, natural);
          const box = { left: p.x, right: p.x + p.width, top: p.y, bottom: p.y + p.height };
          const overlaps = box.left < band.right && box.right > band.left && box.top < band.bottom && box.bottom > band.top;
          expect(overlaps, JSON.stringify({ box, band, placement: p.placement })).toBe(false);
          expect(box.left).toBeGreaterThanOrEqual(VIEWPORT_PADDING - 0.5);
          expect(box.right).toBeLessThanOrEqual(vw - VIEWPORT_PADDING + 0.5);
          expect(box.top).toBeGreaterThanOrEqual(VIEWPORT_PADDING - 0.5);
          expect(box.bottom).toBeLessThanOrEqual(vh - VIEWPORT_PADDING + 0.5);
        },
      ),
      { numRuns: 300 },
    );
  });
});
