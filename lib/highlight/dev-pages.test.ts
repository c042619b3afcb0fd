/**
 * Precision and recall on the dev pages (../shared/dev-pages) and the contrast
 * pages (tests/fixtures/contrast) against their gold labels, in happy-dom,
 * per page kind. (Text a page's scripts add later is checked in Chromium:
 * tests/e2e/dev-pages.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { sharedPath } from '../../scripts/shared';
import { compileMatcher } from '../matcher/compile';
import { DEFAULT_SETTINGS } from '../settings';
import { createHighlighter } from './highlighter';
import { probeOf } from './probe';
import { scoreAgainstGold, summarise, type GoldPage, type PageScore, mentionsOf } from '@/tests/support/gold';

const ROOT = join(import.meta.dirname, '../..');
const SETS = [sharedPath('dev-pages'), join(ROOT, 'tests/fixtures/contrast')];
const compiled = compileMatcher(loadCorpusFromDir('data'));

async function highlightFile(path: string) {
  const doc = new DOMParser().parseFromString(readFileSync(path, 'utf8'), 'text/html');
  const highlighter = createHighlighter(doc, compiled, { ...DEFAULT_SETTINGS });
  highlighter.start();
  await probeOf(highlighter).whenIdle();
  return { doc, highlighter };
}

describe('detection on the dev and contrast pages (static text)', () => {
  it('reaches precision ≥ 0.99 and recall ≥ 0.99 overall, and 0.97 for every page kind', async () => {
    const scores: PageScore[] = [];
    for (const dir of SETS) {
      const gold: { pages: GoldPage[] } = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8'));
      for (const page of gold.pages) {
        const { doc, highlighter } = await highlightFile(join(dir, 'pages', page.file));
        scores.push({ file: page.file, kind: page.kind, ...scoreAgainstGold(page, mentionsOf(doc), { includeDynamic: false }) });
        highlighter.stop();
      }
    }
    const { overall, byKind, report } = summarise(scores);
    console.log(report);
    expect(overall.precision).toBeGreaterThanOrEqual(0.99);
    expect(overall.recall).toBeGreaterThanOrEqual(0.99);
    for (const t of byKind.values()) {
      expect(t.precision).toBeGreaterThanOrEqual(0.97);
      expect(t.recall).toBeGreaterThanOrEqual(0.97);
    }
  });
});
