/**
 * Precision and recall on the Korean pages (tests/fixtures/ko) against their
 * gold labels, in happy-dom, printed per page. (Chromium: tests/e2e/ko-pages.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from '../matcher/compile';
import { DEFAULT_SETTINGS } from '../settings';
import { createHighlighter } from './highlighter';
import { probeOf } from './probe';
import { scoreAgainstGold, summarise, pagesBelow, type GoldPage, type PageScore, mentionsOf } from '@/tests/support/gold';

const DIR = join(import.meta.dirname, '../../tests/fixtures/ko');
const gold: { pages: GoldPage[] } = JSON.parse(readFileSync(join(DIR, 'gold.json'), 'utf8'));
const compiled = compileMatcher(loadCorpusFromDir('data'));

describe('detection on the Korean pages (static text)', () => {
  it('reaches precision ≥ 0.98 and recall ≥ 0.97 overall, and 0.95 on every page', async () => {
    const scores: PageScore[] = [];
    for (const page of gold.pages) {
      const doc = new DOMParser().parseFromString(readFileSync(join(DIR, 'pages', page.file), 'utf8'), 'text/html');
      const highlighter = createHighlighter(doc, compiled, { ...DEFAULT_SETTINGS });
      highlighter.start();
      await probeOf(highlighter).whenIdle();
      scores.push({ file: page.file, kind: page.kind, ...scoreAgainstGold(page, mentionsOf(doc), { includeDynamic: false }) });
      highlighter.stop();
    }
    const { overall, report } = summarise(scores);
    console.log(report);
    expect(overall.precision).toBeGreaterThanOrEqual(0.98);
    expect(overall.recall).toBeGreaterThanOrEqual(0.97);
    expect(pagesBelow(scores, 0.95)).toEqual([]);
  });
});
