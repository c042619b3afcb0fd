/**
 * Installing packs changes nothing the bundled corpus finds: on the dev,
 * contrast and Korean pages (gold-labelled), the bundled concepts' mentions
 * with the example pack and a generated 1,000-concept pack installed are
 * exactly those found without them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { sharedPath } from '../../scripts/shared';
import { compileMatcher, type CompiledMatcher } from '../matcher/compile';
import { DEFAULT_SETTINGS } from '../settings';
import { createHighlighter } from '../highlight/highlighter';
import { probeOf } from '../highlight/probe';
import { mentionsOf, type GoldPage } from '@/tests/support/gold';
import { generatedPack } from '@/tests/support/generated-pack';
import { mergeCorpus, parsePack } from './pack';

const ROOT = join(import.meta.dirname, '../..');
const SETS = [sharedPath('dev-pages'), join(ROOT, 'tests/fixtures/contrast'), join(ROOT, 'tests/fixtures/ko')];
const bundled = loadCorpusFromDir('data');
const example = parsePack(readFileSync(join(ROOT, 'docs/example-pack.json'), 'utf8'), { bundled: bundled.concepts, installed: [] });
const generated = parsePack(JSON.stringify(generatedPack(1_000)), { bundled: bundled.concepts, installed: [example] });
const alone = compileMatcher(bundled);
const withPacks = compileMatcher(mergeCorpus(bundled, [example, generated]));
const bundledIds = new Set(bundled.concepts.map((c) => c.id));

async function mentions(path: string, compiled: CompiledMatcher) {
  const doc = new DOMParser().parseFromString(readFileSync(path, 'utf8'), 'text/html');
  const highlighter = createHighlighter(doc, compiled, { ...DEFAULT_SETTINGS });
  try {
    highlighter.start();
    await probeOf(highlighter).whenIdle();
    return mentionsOf(doc);
  } finally {
    highlighter.stop();
  }
}

describe('bundled detection with packs installed', () => {
  it('finds exactly the same bundled mentions on every gold page', { timeout: 120_000 }, async () => {
    let pages = 0;
    let bundledMentions = 0;
    let packMentions = 0;
    for (const dir of SETS) {
      const gold: { pages: GoldPage[] } = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8'));
      for (const page of gold.pages) {
        const path = join(dir, 'pages', page.file);
        const before = await mentions(path, alone);
        const after = await mentions(path, withPacks);
        expect(
          after.filter((m) => bundledIds.has(m.conceptId)),
          page.file,
        ).toEqual(before);
        pages++;
        bundledMentions += before.length;
        packMentions += after.length - before.length;
      }
    }
    console.log(`${pages} pages: ${bundledMentions} bundled mentions unchanged; ${packMentions} mentions of pack concepts added`);
    expect(pages).toBeGreaterThanOrEqual(40);
  });
});
