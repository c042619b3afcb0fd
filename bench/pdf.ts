/**
 * The PDF reader with a 200-page report: from choosing the file to the first
 * page's highlights, with pages rendered lazily and every page's text read
 * afterwards for the concept counts. Timings are reported, never asserted.
 */
import { launchWithExtension } from '../scripts/browser';
import { makePdf, REPORT_PAGES } from '../tests/e2e/pdf-fixtures';

export const PDF_PAGES = 200;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** A long report: the test report's pages repeated, each padded to a full page of prose. */
async function longReport(): Promise<Buffer> {
  const filler = 'The allies reviewed readiness, rotation schedules and budgets for the coming year in detail.';
  const pages = Array.from({ length: PDF_PAGES }, (_, i) => [
    ...REPORT_PAGES[i % REPORT_PAGES.length]!,
    '',
    ...Array.from({ length: 36 }, () => filler),
  ]);
  return makePdf('A long alliance report', pages);
}

export async function benchPdf(runs: number): Promise<string[]> {
  const pdf = await longReport();
  const browser = await launchWithExtension();
  const results: { firstPage: number; firstMark: number; allRead: number; rendered: number; marks: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.openExtensionPage('reader.html');
    await page.evaluate(() => {
      const b: Record<string, number | null> = { start: null, firstPage: null, firstMark: null, allRead: null };
      (window as unknown as { __bench: typeof b }).__bench = b;
      document.addEventListener('change', () => (b.start ??= performance.now()), true);
      new MutationObserver(() => {
        const now = performance.now();
        if (b.firstPage === null && document.querySelector('.pdf-page[data-page-index="0"] canvas')) b.firstPage = now;
        if (b.firstMark === null && document.querySelector('.pdf-page[data-page-index="0"] mark.al-pdf-mark')) b.firstMark = now;
        if (b.allRead === null && /in this document/.test(document.querySelector('.read-status')?.textContent ?? '')) b.allRead = now;
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'long-report.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.waitForFunction(
      () => {
        const b = (window as unknown as { __bench: Record<string, number | null> }).__bench;
        return b.firstMark !== null && b.allRead !== null;
      },
      null,
      { timeout: 120_000 },
    );
    const r = await page.evaluate(() => {
      const b = (window as unknown as { __bench: Record<'start' | 'firstPage' | 'firstMark' | 'allRead', number> }).__bench;
      return {
        firstPage: b.firstPage - b.start,
        firstMark: b.firstMark - b.start,
        allRead: b.allRead - b.start,
        rendered: document.querySelectorAll('.pdf-page canvas').length,
        marks: document.querySelectorAll('.pdf-page[data-page-index="0"] mark.al-pdf-mark').length,
      };
    });
    results.push(r);
    await page.close();
  }
  await browser.close();
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  return [
    `PDF reader: a ${PDF_PAGES}-page report (${(pdf.length / 1024).toFixed(0)} KB, written with pdf-lib); medians of ${runs} runs, from choosing the file.`,
    '',
    '| PDF reader | value |',
    '|---|---|',
    `| first page drawn | ${fmt(median(results.map((r) => r.firstPage)))} |`,
    `| first page's highlights (${results[0]?.marks ?? 0} marks) | ${fmt(median(results.map((r) => r.firstMark)))} |`,
    `| every page's text read, concept counts complete | ${fmt(median(results.map((r) => r.allRead)))} |`,
    `| pages rendered when the counts are complete (lazy rendering) | ${median(results.map((r) => r.rendered))} of ${PDF_PAGES} |`,
  ];
}
