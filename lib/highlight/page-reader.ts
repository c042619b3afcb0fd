/**
 * Reads the page's text into runs: the whole page as a stream of runs (for
 * the first scan), or one scope after a change, where runs that did not
 * change keep their highlights and only changed ones are matched anew.
 */
import { collectRuns, isInsideForbidden, precedingHeading, walkRuns, type TextRun, type WalkOptions } from './blocks';
import type { MentionKeeper } from './mention-keeper';
import type { Painter } from './paint';
import type { RunIndex, RunState } from './run-index';
import type { Scope } from './scopes';

/** Runs end at whitespace after this many characters; longer text nodes are read in slices of about this size. */
export const PIECE_CHARS = 32_768;

export interface ReaderContext {
  doc: Document;
  index(): RunIndex;
  keeper: MentionKeeper;
  painter: Painter;
  observe(root: Node): void;
}

export class PageReader {
  /** Scopes read after page changes (what the changes cost). */
  scopesRead = 0;

  constructor(private readonly ctx: ReaderContext) {}

  private options(heading: string, shallow = false): WalkOptions {
    return {
      heading,
      shallow,
      maxChars: PIECE_CHARS,
      onShadowRoot: (shadow) => this.ctx.painter.adopt(shadow) && this.ctx.observe(shadow),
    };
  }

  /** The runs of the whole page in document order, one at a time. */
  walkAll(body: Element): Iterator<TextRun> {
    return walkRuns(body, this.options(''));
  }

  /** Reads one scope again (see the file comment). */
  read(scope: Scope) {
    const { root, deep } = scope;
    const { doc, keeper } = this.ctx;
    const index = this.ctx.index();
    const body = doc.body;
    if (!body || !root.isConnected) return;
    const old = new Set(deep ? index.inside(root) : index.directIn(root));
    if (root !== body && isInsideForbidden(root)) {
      for (const s of old) keeper.forget(s);
      return;
    }
    this.scopesRead++;
    const kept = new Set<RunState>();
    const fresh: TextRun[] = [];
    for (const run of collectRuns(root, this.options(root === body ? '' : precedingHeading(root), !deep))) {
      const same = index.unchanged(run);
      if (same) kept.add(same);
      else fresh.push(run);
    }
    // A node of a fresh run may still belong to a run elsewhere (the page moved it): that run changed too.
    for (const run of fresh) for (const n of run.nodes) for (const s of index.runsOf(n)) old.add(s);
    const dropped = [...old].filter((s) => !kept.has(s));
    for (const s of dropped) keeper.forget(s);
    // Runs found whole inside an added subtree were moved there: their place in document order changed.
    if (deep) for (const s of kept) index.reposition(s);
    for (const run of fresh) index.add(run);
    // Runs dropped outside this scope (their text joined this scope's) are read again in their own block.
    const covers = (block: Element) => (deep ? root.contains(block) : root === block);
    for (const block of new Set(dropped.map((s) => s.run.block)))
      if (!covers(block) && block.isConnected) this.read({ root: block, deep: false });
  }
}
