/** Scoring highlighted mentions against the dev pages' gold labels (shared by unit and end-to-end tests). */

export interface GoldMention {
  conceptId: string;
  text: string;
  count: number;
  dynamic?: boolean;
}

export interface GoldPage {
  file: string;
  kind: 'positive' | 'negative';
  mentions: GoldMention[];
}

export interface FoundMention {
  conceptId: string;
  text: string;
}

/** The mentions highlighted in a document: pieces of one mention joined, whitespace collapsed. */
export function mentionsOf(doc: Document): FoundMention[] {
  const byId = new Map<string, FoundMention>();
  for (const el of doc.querySelectorAll<HTMLElement>('[data-concept-id]')) {
    const id = el.dataset.alMention ?? String(byId.size);
    const found = byId.get(id);
    if (found) found.text += el.textContent ?? '';
    else byId.set(id, { conceptId: el.dataset.conceptId!, text: el.textContent ?? '' });
  }
  return [...byId.values()].map((m) => ({ ...m, text: m.text.replace(/\s+/g, ' ').trim() }));
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
  let tp = 0, fp = 0, fn = 0;
  const errors: string[] = [];
  for (const key of new Set([...expected.keys(), ...got.keys()])) {
    const e = expected.get(key) ?? 0;
    const g = got.get(key) ?? 0;
    tp += Math.min(e, g);
    if (g > e) { fp += g - e; errors.push(`FP:${key}×${g - e}`); }
    if (e > g) { fn += e - g; errors.push(`FN:${key}×${e - g}`); }
  }
  return { tp, fp, fn, errors };
}
