/**
 * Precision and recall on ../shared/dev-pages against gold.json, in happy-dom.
 * (Text a page's scripts add later is checked in Chromium: tests/e2e/dev-pages.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { sharedPath } from '../../scripts/shared';
import { compileMatcher } from '../matcher/compile';
import { DEFAULT_SETTINGS } from '../settings';
import { createHighlighter } from './highlighter';
import { scoreAgainstGold, type GoldPage, mentionsOf } from './gold';

const DEV = sharedPath('dev-pages');
const gold: { pages: GoldPage[] } = JSON.parse(readFileSync(join(DEV, 'gold.json'), 'utf8'));
const compiled = compileMatcher(loadCorpusFromDir('data'));

async function highlightFile(file: string) {
  const doc = new DOMParser().parseFromString(readFileSync(join(DEV, 'pages', file), 'utf8'), 'text/html');
  const highlighter = createHighlighter(doc, compiled, { ...DEFAULT_SETTINGS });
  highlighter.start();
  await highlighter.whenIdle();
  return { doc, highlighter };
}

describe('dev pages (static text)', () => {
  it('reaches precision ≥ 0.98 and recall ≥ 0.98', async () => {
    const rows: string[] = [];
    let tp = 0, fp = 0, fn = 0;
    for (const page of gold.pages) {
      const { doc, highlighter } = await highlightFile(page.file);
      const score = scoreAgainstGold(page, mentionsOf(doc), { includeDynamic: false });
      highlighter.stop();
      tp += score.tp; fp += score.fp; fn += score.fn;
      rows.push(`${page.kind.padEnd(8)} ${page.file.padEnd(44)} tp=${score.tp} fp=${score.fp} fn=${score.fn} ${score.errors.join(' ')}`);
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(`${rows.join('\n')}\nprecision=${precision.toFixed(3)} recall=${recall.toFixed(3)} (tp=${tp} fp=${fp} fn=${fn})`);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });
});
