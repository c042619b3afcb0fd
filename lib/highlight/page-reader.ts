/**
 * Reads the page's text into runs: the whole page as a stream of runs (for
 * the first scan), or one scope after a change, where runs that did not
 * change keep their marks and only changed ones are unwrapped and matched anew.
 */
import { collectRuns, isInsideForbidden, precedingHeading, walkRuns, type TextRun, type WalkOptions } from './blocks';
import { cutLargeText, joinPieces, PIECE_CHARS, READ_ONLY_CHARS } from './large-text';
import type { MarkKeeper } from './mark-keeper';
import type { RunIndex, RunState } from './run-index';
import type { Scope } from './scopes';
import type { ShadowStyles } from './shadow-styles';
import { isOwnMark, MARK_TAG, unwrapMarks } from './wrap';

export interface ReaderContext {
  doc: Document;
  index(): RunIndex;
  keeper: MarkKeeper;
  styles: ShadowStyles;
  quietly<T>(write: () => T): T;
  observe(root: Node): void;
}

/** Turns elements that merely look like our marks (a page's clones of them) into plain text, so marks never nest. */
function removeClones(root: ParentNode) {
  for (const el of root.querySelectorAll(MARK_TAG)) {
    if (isOwnMark(el)) continue;
    el.replaceWith(...el.childNodes);
  }
}

export class PageReader {
  /** Scopes read after page changes (what the changes cost). */
  scopesRead = 0;
  /** Scopes put off because the reader was selecting in them. */
  deferred: Scope[] = [];
  /** Original nodes cut into pieces: joined back on stop. */
  private readonly cut = new Set<Text>();

  constructor(private readonly ctx: ReaderContext) {}

  private options(heading: string, shallow = false): WalkOptions {
    return {
      heading,
      shallow,
      maxChars: PIECE_CHARS,
      readOnlyAbove: READ_ONLY_CHARS,
      onShadowRoot: (shadow) => this.ctx.styles.adopt(shadow) && this.ctx.observe(shadow),
      cutLongText: (node) => {
        const pieces = this.ctx.quietly(() => cutLargeText(node));
        if (pieces.length > 1) this.cut.add(node);
        return pieces;
      },
    };
  }

  /** The runs of the whole page in document order, one at a time. */
  walkAll(body: Element): Iterator<TextRun> {
    this.ctx.quietly(() => removeClones(body));
    return walkRuns(body, this.options(''));
  }

  /** Reads one scope again (see the file comment). */
  read(scope: Scope) {
    const { root, deep } = scope;
    const { doc, keeper, quietly } = this.ctx;
    const index = this.ctx.index();
    const body = doc.body;
    if (!body || !root.isConnected) return;
    if (root !== body && isInsideForbidden(root)) {
      for (const s of deep ? index.inside(root) : index.directIn(root)) keeper.forget(s);
      return;
    }
    if (keeper.protects(root)) {
      this.deferred.push(scope);
      return;
    }
    this.scopesRead++;
    const opts = this.options(root === body ? '' : precedingHeading(root), !deep);
    quietly(() => removeClones(root));
    const read = () => {
      const kept = new Set<RunState>();
      const fresh: TextRun[] = [];
      for (const run of collectRuns(root, opts)) {
        const same = index.unchanged(run);
        if (same) kept.add(same);
        else fresh.push(run);
      }
      return { kept, fresh };
    };
    let { kept, fresh } = read();
    const old = new Set(deep ? index.inside(root) : index.directIn(root));
    // The page put this text inside one of our marks: that mark goes first, or marks would nest.
    for (let el: Element | null = root; el && el !== body; el = el.parentElement) {
      const owner = isOwnMark(el) ? index.ownerOfMark(el) : undefined;
      if (owner) old.add(owner);
    }
    for (const run of fresh) {
      for (const n of run.nodes) {
        const owner = index.owner(n);
        if (owner) old.add(owner);
      }
    }
    const dropped = [...old].filter((s) => !kept.has(s));
    const hadMarks = dropped.some((s) => s.marks.some((m) => m.isConnected));
    quietly(() => {
      for (const s of dropped) unwrapMarks(s.marks.filter((m) => m.isConnected));
    });
    for (const s of dropped) keeper.forget(s);
    // Unwrapping merged text nodes back: read the changed runs from the DOM as it now is.
    if (hadMarks) ({ kept, fresh } = read());
    // Runs found whole inside an added subtree were moved there: their place in document order changed.
    if (deep) for (const s of kept) index.reposition(s);
    for (const run of fresh) index.add(run);
    // Runs dropped outside this scope (a mark the page put text into) are read again in their own block.
    const covers = (block: Element) => (deep ? root.contains(block) : root === block);
    for (const block of new Set(dropped.map((s) => s.run.block))) if (!covers(block)) this.read({ root: block, deep: false });
  }

  /** Joins text cut into pieces back into its original nodes (after every mark was unwrapped). */
  joinCut() {
    for (const node of this.cut) joinPieces(node);
    this.cut.clear();
    this.deferred = [];
  }
}
