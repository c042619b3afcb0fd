/**
 * Detection on every dev page in Chromium with the built extension, scored
 * against gold.json (text added later by the pages' scripts included); no
 * mark in a forbidden place; switching highlights off restores the DOM exactly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreAgainstGold, type FoundMention, type GoldPage } from '../../lib/highlight/gold';
import { setSettings, waitForSettledHighlights, useExtensionBrowser } from './harness';
import { sharedPath } from '../../scripts/shared';

const gold: { pages: GoldPage[] } = JSON.parse(readFileSync(sharedPath('dev-pages', 'gold.json'), 'utf8'));
const FORBIDDEN = 'input, textarea, select, script, style, noscript, template, code, pre, kbd, samp, svg, math, [contenteditable]:not([contenteditable="false"]), title, alliance-lens-ui';

const env = useExtensionBrowser();

/** Mentions once the page and its late scripts have settled. */
async function settledMentions(file: string, withDynamic: boolean) {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/dev/${file}`);
  // Pages with late text add it about a second after load.
  await waitForSettledHighlights(page, { minMs: withDynamic ? 2000 : 300 });
  const found: FoundMention[] = await page.evaluate(() => {
    const byId = new Map<string, { conceptId: string; text: string }>();
    for (const el of document.querySelectorAll<HTMLElement>('[data-concept-id]')) {
      const id = el.dataset.alMention ?? String(byId.size);
      const f = byId.get(id);
      if (f) f.text += el.textContent ?? '';
      else byId.set(id, { conceptId: el.dataset.conceptId!, text: el.textContent ?? '' });
    }
    return [...byId.values()].map((m) => ({ ...m, text: m.text.replace(/\s+/g, ' ').trim() }));
  });
  const forbidden = await page.evaluate((sel) => document.querySelectorAll(`:is(${sel}) [data-concept-id]`).length, FORBIDDEN);
  return { page, found, forbidden };
}

describe('dev pages in Chromium', () => {
  it('reaches precision ≥ 0.98 and recall ≥ 0.98, with no mark in a forbidden place', async () => {
    const totals = { positive: { tp: 0, fp: 0, fn: 0 }, negative: { tp: 0, fp: 0, fn: 0 } };
    const rows: string[] = [];
    let forbiddenMarks = 0;
    for (const p of gold.pages) {
      const hasDynamic = p.mentions.some((m) => m.dynamic);
      const { page, found, forbidden } = await settledMentions(p.file, hasDynamic);
      const s = scoreAgainstGold(p, found, { includeDynamic: true });
      forbiddenMarks += forbidden;
      totals[p.kind].tp += s.tp;
      totals[p.kind].fp += s.fp;
      totals[p.kind].fn += s.fn;
      rows.push(`${p.kind.padEnd(8)} ${p.file.padEnd(44)} tp=${s.tp} fp=${s.fp} fn=${s.fn} ${s.errors.join(' ')}`);
      await page.close();
    }
    const tp = totals.positive.tp + totals.negative.tp;
    const fp = totals.positive.fp + totals.negative.fp;
    const fn = totals.positive.fn + totals.negative.fn;
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `${rows.join('\n')}\n` +
        `positive pages: tp=${totals.positive.tp} fp=${totals.positive.fp} fn=${totals.positive.fn}\n` +
        `negative pages: false positives=${totals.negative.fp}\n` +
        `overall precision=${precision.toFixed(3)} recall=${recall.toFixed(3)}; marks in forbidden places=${forbiddenMarks}`,
    );
    expect(forbiddenMarks).toBe(0);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });

  it('restores the serialised DOM exactly when highlighting is switched off', async () => {
    const files = ['alliance-sustainment-working-paper.html', 'sma-signing-2024.html', 'cyber-consultations-readout.html', 'korus-ira-business.html'];
    for (const file of files) {
      await setSettings(env.browser, { enabled: false });
      const page = await env.browser.context.newPage();
      await page.goto(`${env.server.origin}/dev/${file}`);
      await page.waitForTimeout(400);
      const before = await page.evaluate(() => document.body.outerHTML);
      await setSettings(env.browser, { enabled: true });
      await page.waitForFunction(() => document.querySelectorAll('[data-concept-id]').length > 0);
      await waitForSettledHighlights(page);
      expect(await page.evaluate(() => document.body.outerHTML)).not.toBe(before);
      await setSettings(env.browser, { enabled: false });
      await page.waitForFunction(() => document.querySelectorAll('[data-concept-id]').length === 0);
      expect(await page.evaluate(() => document.body.outerHTML)).toBe(before);
      await page.close();
    }
    await setSettings(env.browser, { enabled: true });
  });
});
