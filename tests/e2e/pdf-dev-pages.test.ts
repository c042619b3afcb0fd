/**
 * The 22 dev pages as PDFs: each page printed by Chromium (real layout: lines
 * broken where the page breaks them, tables, lists, footnotes, several pages),
 * opened in the reader, and its highlights scored against gold.json. Text
 * gold never counts (code, inputs, editors…) is left out of the print.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { scoreAgainstGold, type FoundMention, type GoldPage } from '../support/gold';
import { CHROMIUM, CHROMIUM_ARGS, DEV_PAGES, useExtensionBrowser } from './harness';

const gold: { pages: GoldPage[] } = JSON.parse(readFileSync(join(DEV_PAGES, 'gold.json'), 'utf8'));
const NOT_MARKABLE = 'input, textarea, select, code, pre, kbd, samp, svg, math, [contenteditable]:not([contenteditable="false"])';

const env = useExtensionBrowser();

/** Prints every dev page to PDF in a Chromium without the extension, after the pages' late text has arrived. */
async function printDevPages(): Promise<Map<string, Buffer>> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const pdfs = new Map<string, Buffer>();
  try {
    const page = await browser.newPage();
    await page.emulateMedia({ media: 'screen' });
    for (const p of gold.pages) {
      await page.goto(`${env.server.origin}/dev/${p.file}`);
      const dynamic = p.mentions.filter((m) => m.dynamic).map((m) => m.text);
      if (dynamic.length)
        await page.waitForFunction((texts) => texts.every((t) => document.body.innerText.includes(t)), dynamic, { timeout: 20_000 });
      await page.addStyleTag({ content: `:is(${NOT_MARKABLE}) { display: none !important; }` });
      pdfs.set(p.file, await page.pdf({ format: 'A4' }));
    }
  } finally {
    await browser.close();
  }
  return pdfs;
}

async function mentionsInReader(file: string, pdf: Buffer): Promise<FoundMention[]> {
  const reader = await env.browser.openExtensionPage('reader.html');
  await reader
    .locator('[data-testid="file-input"]')
    .setInputFiles({ name: file.replace(/\.html$/, '.pdf'), mimeType: 'application/pdf', buffer: pdf });
  await reader.waitForFunction(() => /in this document/.test(document.querySelector('.read-status')?.textContent ?? ''), null, {
    timeout: 30_000,
  });
  const found: FoundMention[] = [];
  const pages = await reader.locator('.pdf-page').count();
  for (let i = 0; i < pages; i++) {
    const pageEl = reader.locator(`.pdf-page[data-page-index="${i}"]`);
    await pageEl.scrollIntoViewIfNeeded();
    await pageEl.locator('.textLayer').waitFor({ timeout: 20_000 });
    found.push(
      ...(await pageEl.evaluate((el) => {
        // One mark per mention carries its text as read (a name broken across lines is one mention).
        return [...el.querySelectorAll<HTMLElement>('mark.al-pdf-mark[data-text]')].map((m) => ({
          conceptId: m.dataset.conceptId!,
          text: m.dataset.text!.replace(/\s+/g, ' ').trim(),
        }));
      })),
    );
  }
  await reader.close();
  return found;
}

describe('dev pages printed to PDF, in the reader', () => {
  it('highlights them with precision ≥ 0.98 and recall ≥ 0.98, as on the web', async () => {
    const pdfs = await printDevPages();
    const rows: string[] = [];
    let tp = 0,
      fp = 0,
      fn = 0;
    for (const p of gold.pages) {
      const s = scoreAgainstGold(p, await mentionsInReader(p.file, pdfs.get(p.file)!), { includeDynamic: true });
      tp += s.tp;
      fp += s.fp;
      fn += s.fn;
      rows.push(`${p.kind.padEnd(8)} ${p.file.padEnd(44)} tp=${s.tp} fp=${s.fp} fn=${s.fn} ${s.errors.join(' ')}`);
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `${rows.join('\n')}\nPDF (printed dev pages): precision=${precision.toFixed(3)} recall=${recall.toFixed(3)} (tp=${tp} fp=${fp} fn=${fn})`,
    );
    // The same bar as the web pages (tests/e2e/dev-pages.test.ts).
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });
});
