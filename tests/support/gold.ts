/** Scoring highlighted mentions against the dev pages' gold labels (shared by unit and end-to-end tests). */

export interface GoldMention {
  conceptId: string;
  text: string;
  count: number;
  dynamic?: boolean;
}

export interface GoldPage {
  file: string;
  /** Dev pages are "positive" or "negative"; other sets name their own kinds ("contrast"). */
  kind: string;
  mentions: GoldMention[];
}

export interface FoundMention {
  conceptId: string;
  text: string;
}

/**
 * The mentions highlighted in a document, read as a page script could: the
 * ranges registered in `CSS.highlights` under `alliance-lens--<conceptId>`
 * that lie in this document, whitespace collapsed.
 */
export function mentionsOf(doc: Document): FoundMention[] {
  const registry = ((doc.defaultView ?? globalThis).CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
  const found: FoundMention[] = [];
  for (const [name, ranges] of registry) {
    if (!name.startsWith('alliance-lens--')) continue;
    for (const r of ranges) {
      if (r.startContainer.ownerDocument !== doc) continue;
      // The text between the boundary points, text node by text node (happy-dom's Range.toString is not reliable).
      let text = '';
      const walker = doc.createTreeWalker(r.startContainer.getRootNode(), NodeFilter.SHOW_TEXT);
      walker.currentNode = r.startContainer;
      for (let n: Node | null = r.startContainer; n; n = n === r.endContainer ? null : walker.nextNode()) {
        const data = (n as Text).data;
        text += data.slice(n === r.startContainer ? r.startOffset : 0, n === r.endContainer ? r.endOffset : data.length);
      }
      found.push({ conceptId: name.slice('alliance-lens--'.length), text: text.replace(/\s+/g, ' ').trim() });
    }
  }
  return found;
}

export function scoreAgainstGold(page: GoldPage, found: FoundMention[], { includeDynamic }: { includeDynamic: boolean }) {
  const expected = new Map<string, number>();
  for (const m of page.mentions) {
    if (m.dynamic && !includeDynamic) continue;
    const key = `${m.conceptId}|${m.text}`;
    expected.set(key, (expected.get(key) ?? 0) + m.count);
  }
  const got = new Map<string, number>();
  for (const m of found) {
    const key = `${m.conceptId}|${m.text}`;
    got.set(key, (got.get(key) ?? 0) + 1);
  }
  let tp = 0,
    fp = 0,
    fn = 0;
  const errors: string[] = [];
  for (const key of new Set([...expected.keys(), ...got.keys()])) {
    const e = expected.get(key) ?? 0;
    const g = got.get(key) ?? 0;
    tp += Math.min(e, g);
    if (g > e) {
      fp += g - e;
      errors.push(`FP:${key}×${g - e}`);
    }
    if (e > g) {
      fn += e - g;
      errors.push(`FN:${key}×${e - g}`);
    }
  }
  return { tp, fp, fn, errors };
}

export interface PageScore {
  file: string;
  kind: string;
  tp: number;
  fp: number;
  fn: number;
  errors: string[];
}

export interface Totals {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

function totals(scores: PageScore[]): Totals {
  const tp = scores.reduce((n, s) => n + s.tp, 0);
  const fp = scores.reduce((n, s) => n + s.fp, 0);
  const fn = scores.reduce((n, s) => n + s.fn, 0);
  // A kind with nothing to find and nothing found is perfect, not undefined.
  return { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}

/** Pages whose precision or recall is below `min`, each with both figures (empty when every page reaches it). */
export function pagesBelow(scores: PageScore[], min: number): string[] {
  return scores.flatMap((s) => {
    const t = totals([s]);
    return t.precision < min || t.recall < min ? [`${s.file} precision=${t.precision.toFixed(3)} recall=${t.recall.toFixed(3)}`] : [];
  });
}

/** Overall and per-kind precision/recall, and a printable report with one line per page. */
export function summarise(scores: PageScore[]) {
  const overall = totals(scores);
  const byKind = new Map<string, Totals>();
  for (const kind of new Set(scores.map((s) => s.kind))) byKind.set(kind, totals(scores.filter((s) => s.kind === kind)));
  const line = (label: string, t: Totals) =>
    `${label.padEnd(10)} precision=${t.precision.toFixed(3)} recall=${t.recall.toFixed(3)} (tp=${t.tp} fp=${t.fp} fn=${t.fn})`;
  const report = [
    ...scores.map((s) => `${s.kind.padEnd(8)} ${s.file.padEnd(44)} tp=${s.tp} fp=${s.fp} fn=${s.fn} ${s.errors.join(' ')}`),
    ...[...byKind].map(([kind, t]) => line(kind, t)),
    line('overall', overall),
  ].join('\n');
  return { overall, byKind, report };
}
