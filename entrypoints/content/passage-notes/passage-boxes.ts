/**
 * Draws the reader's annotated passages as boxes in the extension's layer,
 * from the passages' ranges (Range.getClientRects), and keeps them over their
 * text as the page scrolls, resizes or lays itself out again. The boxes take
 * no pointer events: a click on a passage is found by hit-testing (noteAt).
 * Nothing is written to the page and nothing goes into `CSS.highlights`.
 */
import { caretAt, rectsContain } from '@/lib/highlight/hit-test';
import type { UiLayer } from '../ui-layer';
import { drawBoxes } from '../boxes';

export interface Passage {
  noteId: string;
  ranges: Range[];
}

export interface PassageBoxes {
  /** Draws these passages (replacing those drawn before). */
  set(passages: Passage[]): void;
  /** Shows or hides every passage (highlights switched on or off for the page). */
  show(on: boolean): void;
  /** The note whose passage is under a viewport point (its text, not anything the page put over it). */
  noteAt(x: number, y: number): string | undefined;
  /** The passage of a note, if drawn. */
  passage(noteId: string): Passage | undefined;
  /** Whether every drawn passage still covers the text it was anchored to (the page may have re-rendered it). */
  intact(): boolean;
}

const rectsOf = (p: Passage) => p.ranges.flatMap((r) => [...r.getClientRects()]);

/** Draws until `signal` aborts. */
export function passageBoxes(layer: UiLayer, signal: AbortSignal): PassageBoxes {
  let passages: { passage: Passage; texts: string[] }[] = [];
  let frame = 0;
  let shown = true;

  function draw() {
    frame = 0;
    if (!passages.length || !shown) {
      layer.clear('passages');
      return;
    }
    const height = innerHeight;
    const boxes = passages.flatMap(({ passage }) => rectsOf(passage)).filter((r) => r.width > 0 && r.bottom > 0 && r.top < height);
    drawBoxes(layer.slot('passages'), 'passage-box', boxes);
  }
  const redraw = () => {
    if (passages.length && shown) frame ||= requestAnimationFrame(draw);
  };
  const options = { capture: true, passive: true, signal };
  document.addEventListener('scroll', redraw, options);
  window.addEventListener('resize', redraw, options);
  // Layout moves text without a scroll (images loading, a font, a column reflowing).
  const resized = new ResizeObserver(redraw);
  resized.observe(document.documentElement);
  signal.addEventListener('abort', () => {
    resized.disconnect();
    cancelAnimationFrame(frame);
  });

  return {
    set(next) {
      const hadBoxes = passages.length > 0;
      passages = next.filter((p) => p.ranges.length).map((passage) => ({ passage, texts: passage.ranges.map((r) => r.toString()) }));
      // A page with no annotated passage gets no host for them.
      if (passages.length || hadBoxes) draw();
    },
    show(on) {
      if (on === shown) return;
      shown = on;
      if (passages.length) draw();
    },
    noteAt(x, y) {
      if (!shown) return undefined;
      const caret = caretAt(document, x, y, []);
      if (!caret) return undefined;
      const under = (p: Passage) =>
        p.ranges.some((r) => r.startContainer.getRootNode() === caret.node.getRootNode() && r.isPointInRange(caret.node, caret.offset));
      return passages.find(({ passage }) => under(passage) && rectsContain(rectsOf(passage), x, y))?.passage.noteId;
    },
    passage: (noteId) => passages.find((p) => p.passage.noteId === noteId)?.passage,
    intact: () => passages.every(({ passage, texts }) => passage.ranges.every((r, i) => !r.collapsed && r.toString() === texts[i])),
  };
}
