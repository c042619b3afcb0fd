/**
 * The highlighter's test seam: what unit tests use to wait for the engine and
 * to read what its work cost, kept out of the product's `Highlighter`
 * interface (nothing in the extension waits for the engine to be idle).
 * createHighlighter registers a probe for each highlighter it makes.
 */
export interface HighlighterProbe {
  /** Resolves when the current scan, queued page changes and paints near the view are handled. */
  whenIdle(): Promise<void>;
  /** What the page's changes cost so far: runs matched and scopes read. */
  stats(): { runsMatched: number; scopesRead: number };
}

/** Keyed by the highlighter object, so a probe goes when its highlighter does. */
const probes = new WeakMap<object, HighlighterProbe>();

export function registerProbe(highlighter: object, probe: HighlighterProbe): void {
  probes.set(highlighter, probe);
}

/** The probe of a highlighter made by createHighlighter. */
export function probeOf(highlighter: object): HighlighterProbe {
  const probe = probes.get(highlighter);
  if (!probe) throw new Error('probeOf: this object was not made by createHighlighter');
  return probe;
}
