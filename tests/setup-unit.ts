import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach } from 'vitest';

beforeEach(() => {
  fakeBrowser.reset();
});

/**
 * happy-dom has no CSS Custom Highlight API: the smallest stand-in with the
 * browser's shapes (a registry of name → Highlight, a Highlight being a set
 * of ranges, StaticRange's four boundary fields), so the highlighter paints
 * and tests read `CSS.highlights` as in a browser.
 */
const g = globalThis as Record<string, unknown>;
if (typeof g.StaticRange !== 'function') {
  g.StaticRange = class StaticRange {
    readonly startContainer: Node;
    readonly startOffset: number;
    readonly endContainer: Node;
    readonly endOffset: number;
    constructor(init: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }) {
      ({
        startContainer: this.startContainer,
        startOffset: this.startOffset,
        endContainer: this.endContainer,
        endOffset: this.endOffset,
      } = init);
    }
    get collapsed() {
      return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
    }
  };
}
if (typeof g.Highlight !== 'function') g.Highlight = class Highlight extends Set<AbstractRange> {};
// happy-dom's window makes a new CSS object at each read: the registry goes on their prototype.
const cssProto = Object.getPrototypeOf(g.CSS) as { highlights?: Map<string, unknown> };
if (!('highlights' in cssProto)) Object.defineProperty(cssProto, 'highlights', { value: new Map(), configurable: true });
// A test that fails before stopping its highlighter must not leave its highlights to the next test.
afterEach(() => {
  (cssProto.highlights as Map<string, unknown>).clear();
});
