/**
 * Concept packs (issue 26): compiling a generated 1,000-concept pack (English
 * and Korean aliases) with the bundled corpus, in Node; and in Chromium with
 * the built extension, the 1.6 MB article's highlighting cost with that pack
 * installed ÷ with the bundled corpus alone, the two browsers taking turns.
 */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import type { Corpus } from '../lib/corpus/schema';
import { mergeCorpus, parsePack } from '../lib/corpus/pack';
import { compileMatcher } from '../lib/matcher/compile';
import { packMatcher } from '../lib/matcher/pack';
import { launchWithExtension } from '../scripts/browser';
import { generatedPack } from '../tests/support/generated-pack';
import { largeArticle } from './page';

/** What run.ts measures pages with (passed in: run.ts starts the bench when imported). */
export interface PageMeter {
  measuredPage(context: BrowserContext): Promise<Page>;
  taskDuration(page: Page): Promise<number>;
  waitForStableMarks(page: Page): Promise<number>;
  servePages(pages: Record<string, string>): Promise<{ origin: string; close(): Promise<void> }>;
  plainContext(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchPacks(corpus: Corpus, runs: number, meter: PageMeter): Promise<string[]> {
  const text = JSON.stringify(generatedPack(1_000));
  const validate: number[] = [];
  const compile: number[] = [];
  let packed = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const pack = parsePack(text, { bundled: corpus.concepts, installed: [] });
    const t1 = performance.now();
    packed = JSON.stringify(packMatcher(compileMatcher(mergeCorpus(corpus, [pack]))));
    compile.push(performance.now() - t1);
    validate.push(t1 - t0);
  }
  const bundledSize = JSON.stringify(packMatcher(compileMatcher(corpus))).length;

  const server = await meter.servePages({ '/bench/article.html': largeArticle(corpus) });
  const plain = await meter.plainContext();
  const alone = await launchWithExtension();
  const withPack = await launchWithExtension();
  try {
    const dash = await withPack.openExtensionPage('dashboard.html#/packs');
    await dash.getByLabel('Pack file').setInputFiles({ name: 'generated.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await dash.getByRole('button', { name: 'Import pack' }).click();
    await dash.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 60_000 });
    await dash.close();

    /** The extension's main-thread time on the article until its marks settle, minus the same wall time without it. */
    const cost = async (context: BrowserContext) => {
      const started = Date.now();
      const page = await meter.measuredPage(context);
      await page.goto(`${server.origin}/bench/article.html`, { waitUntil: 'load' });
      await meter.waitForStableMarks(page);
      const ms = await meter.taskDuration(page);
      await page.close();
      const elapsed = Date.now() - started;
      const bareStarted = Date.now();
      const bare = await meter.measuredPage(plain.context);
      await bare.goto(`${server.origin}/bench/article.html`, { waitUntil: 'load' });
      await bare.waitForTimeout(Math.max(0, elapsed - (Date.now() - bareStarted)));
      const without = await meter.taskDuration(bare);
      await bare.close();
      return ms - without;
    };
    const ratios: number[] = [];
    for (let i = 0; i < runs; i++) {
      const bundledOnly = await cost(alone.context);
      ratios.push((await cost(withPack.context)) / bundledOnly);
    }
    return [
      '| concept packs (issue 26) | measured | target |',
      '|---|---|---|',
      `| generated 1,000-concept pack (English and Korean aliases): validation; compiling with the bundled corpus (median of ${runs}) | ${fmt(median(validate))}; ${fmt(median(compile))} | – |`,
      `| compiled matcher handed to content scripts: bundled alone → with the pack | ${(bundledSize / 1024).toFixed(0)} KB → ${(packed.length / 1024).toFixed(0)} KB (${(gzipSync(packed).length / 1024).toFixed(0)} KB gzip) | – |`,
      `| 1.6 MB article, extension main-thread time: with the pack ÷ bundled alone (median of ${runs}, range) | ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | ≤ 1.5 |`,
    ];
  } finally {
    await Promise.all([alone.close(), withPack.close()]);
    await plain.close();
    await server.close();
  }
}
