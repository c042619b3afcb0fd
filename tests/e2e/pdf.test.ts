/**
 * PDFs in the reader, in Chromium: highlights against a gold list (precision
 * and recall printed), the card, passage notes that come back by fingerprint
 * (also for a renamed copy, and "not found" for a revised text), opening from
 * the popup and the link context menu, and clear messages for bad files.
 */
import { mkdirSync } from 'node:fs';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, holdsFor, selectText, setSettings, tabIdOf, useExtensionBrowser, type Handler } from './harness';
import {
  CONTRAST_GOLD,
  CONTRAST_PAGES,
  MALFORMED_PDF,
  makeKoreanPdf,
  makePasswordPdf,
  makePdf,
  REPORT_GOLD,
  REPORT_PAGES,
  type GoldMention,
} from './pdf-fixtures';

declare const chrome: typeof import('wxt/browser').browser;

const files: Record<string, Buffer> = {};
/** /pdf/<name>: the test's PDFs and a page linking to one. */
const pdfServer: Handler = (req, res) => {
  const m = /^\/(pdf)\/([\w.-]+)$/.exec(req.url ?? '');
  if (m?.[2] === 'links.html') {
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>Links</title><p><a id="report" href="/pdf/report.pdf">The report (PDF)</a></p>');
    return true;
  }
  const body = m && files[m[2]!];
  if (!m || !body) return false;
  res.writeHead(200, { 'content-type': 'application/pdf' }).end(body);
  return true;
};
const env = useExtensionBrowser([pdfServer]);

let report: Buffer;
let contrast: Buffer;
/** The same document revised: the same first ID (so the same PDF.js fingerprint), page 2 rewritten. */
let revised: Buffer;

beforeAll(async () => {
  report = await makePdf('Alliance Costs and Deterrence', REPORT_PAGES);
  contrast = await makePdf('Advances in neuromuscular medicine', CONTRAST_PAGES);
  revised = await makePdf(
    'Alliance Costs and Deterrence',
    [REPORT_PAGES[0]!, ['Nuclear consultation', '', 'This section was withdrawn from the revised edition.'], ...REPORT_PAGES.slice(2)],
    'Alliance Costs and Deterrence',
  );
  files['report.pdf'] = report;
  files['contrast.pdf'] = contrast;
});

const STATUS = '.read-status';

/** Opens the reader and a file through its file picker; resolves once every page's text is read. */
async function openFile(name: string, buffer: Buffer, page?: Page): Promise<Page> {
  const reader = page ?? (await env.browser.openExtensionPage('reader.html'));
  await reader.locator('[data-testid="file-input"]').setInputFiles({ name, mimeType: 'application/pdf', buffer });
  await waitForRead(reader);
  return reader;
}

async function waitForRead(reader: Page) {
  await reader.waitForFunction((sel) => /in this document/.test(document.querySelector(sel)?.textContent ?? ''), STATUS, {
    timeout: 30_000,
  });
}

/** Every highlighted mention, page by page (each page scrolled into view so it renders). */
async function mentionsIn(reader: Page): Promise<GoldMention[]> {
  const pages = await reader.locator('.pdf-page').count();
  const out: GoldMention[] = [];
  for (let i = 0; i < pages; i++) {
    const pageEl = reader.locator(`.pdf-page[data-page-index="${i}"]`);
    await pageEl.scrollIntoViewIfNeeded();
    await pageEl.locator('.textLayer span').first().waitFor({ timeout: 20_000 });
    out.push(
      ...(await pageEl.evaluate(
        (el, page) =>
          [...el.querySelectorAll<HTMLElement>('mark.al-pdf-mark[data-text]')].map((m) => ({
            page,
            conceptId: m.dataset.conceptId!,
            text: m.dataset.text!,
          })),
        i,
      )),
    );
  }
  return out;
}

function score(found: GoldMention[], gold: GoldMention[]) {
  const key = (m: GoldMention) => `${m.page}|${m.conceptId}|${m.text}`;
  const left = gold.map(key);
  let hits = 0;
  for (const f of found) {
    const i = left.indexOf(key(f));
    if (i >= 0) {
      hits++;
      left.splice(i, 1);
    }
  }
  return {
    hits,
    precision: found.length ? hits / found.length : 1,
    recall: gold.length ? hits / gold.length : 1,
    missed: left,
    extra: found.filter((f) => !gold.some((g) => key(g) === key(f))),
  };
}

/** Selects `text` in a page's text layer and lets the reader see the selection end, as after a drag. */
async function selectInPage(reader: Page, pageIndex: number, text: string) {
  const layer = `.pdf-page[data-page-index="${pageIndex}"]`;
  await reader.locator(layer).scrollIntoViewIfNeeded();
  await selectText(reader, text, `${layer} .textLayer`);
  await reader.locator('.pages').dispatchEvent('mouseup');
}

async function notesTab(reader: Page) {
  await reader.getByRole('tab', { name: /^Notes/ }).click();
}

describe('PDF reader', () => {
  it('opens a PDF dropped on the page', async () => {
    const reader = await env.browser.openExtensionPage('reader.html');
    // The reader renders once it has read the interface language: drop onto it only then.
    await reader.locator('.reader').waitFor();
    await reader.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'dropped.pdf', { type: 'application/pdf' }));
      const target = document.querySelector('.reader')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, report.toString('base64'));
    await waitForRead(reader);
    expect(await reader.locator('.doc-title').innerText()).toBe('Alliance Costs and Deterrence');
    expect(await reader.getByRole('region', { name: 'Page 4' }).count()).toBe(1);
    await reader.close();
  });

  it('highlights the report’s mentions, names broken across lines included, and nothing in the contrast PDF', async () => {
    const reader = await openFile('report.pdf', report);
    const found = await mentionsIn(reader);
    const r = score(found, REPORT_GOLD);
    const contrastReader = await openFile('contrast.pdf', contrast);
    const contrastFound = await mentionsIn(contrastReader);
    const c = score(contrastFound, CONTRAST_GOLD);
    const all = score([...found, ...contrastFound.map((m) => ({ ...m, page: m.page + 100 }))], REPORT_GOLD);
    console.log(
      `PDF gold: report ${found.length} highlighted, ${REPORT_GOLD.length} gold, precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}; ` +
        `contrast (SMA the disease, RSF in Sudan) ${contrastFound.length} highlighted, 0 gold; both: precision ${all.precision.toFixed(3)}, recall ${all.recall.toFixed(3)}`,
    );
    expect({ missed: r.missed, extra: r.extra }).toEqual({ missed: [], extra: [] });
    expect(c.extra).toEqual([]);
    // The sidebar counts the document's concepts.
    await expect.poll(() => reader.locator('.concept-row').count()).toBe(new Set(REPORT_GOLD.map((g) => g.conceptId)).size);
    await reader.close();
    await contrastReader.close();
  });

  it('opens the card on hover, focus and click, and Escape closes a pinned one', async () => {
    const reader = await openFile('report.pdf', report);
    const card = () =>
      reader.evaluate(() => {
        const el = document.querySelector('alliance-lens-ui')?.shadowRoot?.querySelector('#alliance-lens-card');
        return el ? { role: el.getAttribute('role'), name: el.querySelector('h2')?.textContent ?? '' } : null;
      });
    const usfk = reader.locator('mark.al-pdf-mark[data-concept-id="usfk"]').first();
    await usfk.hover();
    await expect.poll(card).toEqual({ role: 'tooltip', name: 'United States Forces Korea' });
    await reader.mouse.move(5, 5);
    await expect.poll(card).toBeNull();
    await usfk.focus();
    await expect.poll(card).toMatchObject({ role: 'tooltip' });
    // The first piece of a name broken across lines opens the card for the whole name.
    await reader.locator('mark.al-pdf-mark[data-concept-id="sma"]').first().click();
    await expect.poll(card).toEqual({ role: 'dialog', name: 'Special Measures Agreement' });
    // The pointer leaves (a pinned card stays); otherwise it would rest on the mark, which rightly opens a hover card.
    await reader.mouse.move(5, 5);
    await reader.keyboard.press('Escape');
    await expect.poll(card).toBeNull();
    // Focus is back on the mark, and getting it back does not reopen the card.
    expect(await reader.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.conceptId)).toBe('sma');
    // Longer than the hover delay: a card that reopened would show within it.
    await holdsFor(async () => (await card()) === null, 400, 'the card to stay closed after Escape');
    await reader.close();
  });

  it('draws each highlight over its glyphs, the last letter included, at 100 % and 200 % (within 1 px)', async () => {
    // The glyphs' boxes as the PDF places them: makePdf's lines in Helvetica 11 pt from x = 72, baselines from y = 720.
    const helvetica: PDFFont = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const SIZE = 11;
    const CAP = (718 / 1000) * SIZE;
    // Letter by letter: pdf-lib's width of a string adds kerning, which its drawText does not apply.
    const advance = (text: string) => [...text].reduce((sum, c) => sum + helvetica.widthOfTextAtSize(c, SIZE), 0);
    const lines = REPORT_PAGES.map((page) => {
      let y = 720;
      return page.map((text) => {
        const line = { text, baseline: 792 - y };
        y -= text ? 15 : 12;
        return line;
      });
    });
    const reader = await openFile('report.pdf', report);
    let compared = 0;
    for (const zoom of ['100%', '200%']) {
      // Zoom with the toolbar until it shows the level (a page drawn again at the new size).
      for (;;) {
        const shown = await reader.locator('.toolbar output').innerText();
        if (shown === zoom) break;
        await reader.getByRole('button', { name: parseInt(shown, 10) > parseInt(zoom, 10) ? 'Zoom out' : 'Zoom in' }).click();
        await expect.poll(() => reader.locator('.toolbar output').innerText()).not.toBe(shown);
      }
      const scale = parseInt(zoom, 10) / 100;
      for (const [pageIndex, pageLines] of lines.entries()) {
        const pageEl = reader.locator(`.pdf-page[data-page-index="${pageIndex}"]`);
        await pageEl.scrollIntoViewIfNeeded();
        await expect
          .poll(() =>
            pageEl.evaluate(
              (el, s) => !!el.querySelector('mark.al-pdf-mark') && el.style.getPropertyValue('--scale-factor') === String(s),
              scale,
            ),
          )
          .toBe(true);
        const marks = await pageEl.evaluate((el) => {
          const origin = el.getBoundingClientRect();
          return [...el.querySelectorAll<HTMLElement>('mark.al-pdf-mark')].map((mark) => {
            const span = mark.closest('[data-item]')!;
            const before = document.createRange();
            before.setStart(span, 0);
            before.setEndBefore(mark);
            const r = mark.getBoundingClientRect();
            return {
              text: mark.textContent!,
              line: span.textContent!,
              offset: before.toString().length,
              left: r.left - origin.left,
              right: r.right - origin.left,
              top: r.top - origin.top,
              bottom: r.bottom - origin.top,
            };
          });
        });
        for (const m of marks) {
          const line = pageLines.find((l) => l.text === m.line);
          expect(line, `the text item "${m.line}" is a line of page ${pageIndex + 1}`).toBeDefined();
          const x0 = (72 + advance(m.line.slice(0, m.offset))) * scale;
          const x1 = (72 + advance(m.line.slice(0, m.offset + m.text.length))) * scale;
          const where = `"${m.text}" in "${m.line}" at ${zoom}`;
          expect(Math.abs(m.left - x0), `${where}: left edge ${m.left.toFixed(1)} vs glyphs ${x0.toFixed(1)}`).toBeLessThanOrEqual(1);
          expect(Math.abs(m.right - x1), `${where}: right edge ${m.right.toFixed(1)} vs glyphs ${x1.toFixed(1)}`).toBeLessThanOrEqual(1);
          // Vertically it covers the glyphs from the baseline to the capitals' top.
          expect(m.top, `${where}: top`).toBeLessThanOrEqual(line!.baseline * scale - CAP * scale + 1);
          expect(m.bottom, `${where}: bottom`).toBeGreaterThanOrEqual(line!.baseline * scale - 1);
          compared++;
        }
      }
    }
    console.log(`PDF highlight boxes compared with their glyphs: ${compared} (100 % and 200 %)`);
    expect(compared).toBeGreaterThan(20);
    await reader.close();
  });

  it('zooms, searches the whole document and follows the outline', async () => {
    const reader = await openFile('report.pdf', report);
    const width = () => reader.locator('.pdf-page[data-page-index="0"]').evaluate((el) => el.getBoundingClientRect().width);
    const before = await width();
    await reader.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(width).toBeCloseTo((before * 1.5) / 1.25, -1);
    // Pages drawn again at the new size keep their highlights.
    await expect.poll(() => reader.locator('.pdf-page[data-page-index="0"] mark.al-pdf-mark').count()).toBeGreaterThan(0);

    await reader.getByRole('tab', { name: 'Search' }).click();
    await reader.getByRole('searchbox', { name: 'Search the document' }).fill('deterrence');
    await reader.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => reader.getByRole('search').innerText()).toContain('Match 1 of 2 (page 1)');
    await reader.getByRole('button', { name: 'Next match' }).click();
    await expect.poll(() => reader.getByRole('search').innerText()).toContain('Match 2 of 2 (page 2)');
    await expect.poll(() => reader.locator('.pdf-page[data-page-index="1"] .overlay-search').count()).toBeGreaterThan(0);

    await reader.getByRole('tab', { name: 'Outline' }).click();
    await reader.getByRole('button', { name: 'Trade' }).click();
    await expect.poll(() => reader.locator('.toolbar input[type="number"]').inputValue()).toBe('4');
    await reader.close();
  });

  it('answers the browser shortcuts: next and previous highlight, highlights off and on, add a note to the selection', async () => {
    const reader = await openFile('report.pdf', report);
    const tabId = await tabIdOf(env.browser, reader);
    const command = (name: string) =>
      env.browser.serviceWorker.evaluate(
        ([id, c]) => chrome.tabs.sendMessage(id, { id: 3, type: 'page:command', data: { command: c }, timestamp: Date.now() }),
        [tabId, name] as const,
      );
    const focused = () => reader.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.conceptId ?? null);
    await command('next-highlight');
    await expect.poll(focused).toBe('sma');
    await command('next-highlight');
    await expect.poll(focused).toBe('usfk');
    await command('previous-highlight');
    await expect.poll(focused).toBe('sma');

    const text = () => reader.locator('.pdf-page[data-page-index="0"] .textLayer').evaluate((el) => el.textContent);
    const before = await text();
    await command('toggle-highlights');
    await expect.poll(() => reader.locator('mark.al-pdf-mark').count()).toBe(0);
    expect(await text()).toBe(before);
    await command('toggle-highlights');
    await expect.poll(() => reader.locator('.pdf-page[data-page-index="0"] mark.al-pdf-mark').count()).toBeGreaterThan(0);

    await selectText(reader, 'raises the share', '.pdf-page[data-page-index="0"] .textLayer');
    await command('add-passage-note');
    await expect
      .poll(() => reader.getByRole('dialog', { name: 'Note on the selected passage' }).locator('blockquote').innerText())
      .toBe('raises the share');
    await reader.close();
  });

  it('follows the settings: a category switched off, the highlight style', async () => {
    const reader = await openFile('report.pdf', report);
    await reader.locator('.pdf-page[data-page-index="3"]').scrollIntoViewIfNeeded();
    await expect.poll(() => reader.locator('mark.al-pdf-mark[data-concept-id="ira"]').count()).toBe(1);
    await setSettings(env.browser, { categories: { economy: false }, style: 'underline' });
    await expect.poll(() => reader.locator('mark.al-pdf-mark[data-concept-id="ira"]').count()).toBe(0);
    await expect.poll(() => reader.locator('.concept-row').count()).toBe(new Set(REPORT_GOLD.map((g) => g.conceptId)).size - 3);
    expect(await reader.locator('.pages').getAttribute('class')).toContain('al-style-underline');
    await setSettings(env.browser, { categories: {}, style: 'both' });
    await expect.poll(() => reader.locator('mark.al-pdf-mark[data-concept-id="ira"]').count()).toBe(1);
    await reader.close();
  });

  it('reads Korean text in a font that is not embedded (the Korean character maps ship with the reader)', async () => {
    const reader = await openFile('korean.pdf', makeKoreanPdf());
    await expect.poll(() => reader.locator('.textLayer').innerText()).toContain('주한미군');
    const ids = await reader.locator('mark.al-pdf-mark').evaluateAll((marks) => marks.map((m) => (m as HTMLElement).dataset.conceptId));
    expect(ids.sort()).toEqual(['us-rok-alliance', 'usfk']);
    await reader.close();
  });

  it('keeps a passage note across closing and reopening, finds it in a renamed copy, and reports it not found in a revised text', async () => {
    const passage = 'The NCG met for the first time in Seoul';
    const reader = await openFile('report.pdf', report);
    await selectInPage(reader, 1, passage);
    await reader.getByRole('button', { name: 'Add note' }).click();
    const dialog = reader.getByRole('dialog', { name: 'Note on the selected passage' });
    await dialog.getByRole('textbox', { name: 'Note' }).fill('First NCG meeting: July 2023.');
    await dialog.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await reader.close();

    // Closed and opened again: the note is back, drawn over its passage.
    const again = await openFile('report.pdf', report);
    await notesTab(again);
    await expect.poll(() => again.locator('.found-notes > li').allInnerTexts()).toEqual([expect.stringContaining('First NCG meeting')]);
    await expect.poll(() => again.locator('.found-notes > li').innerText()).toContain('Page 2');
    await again.locator('.pdf-page[data-page-index="1"]').scrollIntoViewIfNeeded();
    await expect.poll(() => again.locator('.pdf-page[data-page-index="1"] .overlay-note').count()).toBeGreaterThan(0);
    const stored = await env.browser.serviceWorker.evaluate(async () => {
      const open = indexedDB.open('alliance-lens-notes');
      const db: IDBDatabase = await new Promise((ok, fail) => {
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const all: IDBRequest = db.transaction('notes').objectStore('notes').getAll();
      return new Promise<unknown[]>((ok) => (all.onsuccess = () => ok(all.result)));
    });
    const note = (
      stored as {
        target?: { url: string; quote: { exact: string }; position: { start: number; end: number }; pdf?: { pageIndex: number } };
      }[]
    ).find((n) => n.target?.pdf)!;
    expect(note.target!.url).toMatch(/^urn:x-pdf:[0-9a-f]{32}$/);
    expect(note.target!.pdf!.pageIndex).toBe(1);
    expect(note.target!.quote.exact).toBe(passage);
    await again.close();

    // A renamed copy (same bytes, another name) is the same document.
    const renamed = await openFile('Copy of report (final).pdf', report);
    await notesTab(renamed);
    await expect.poll(() => renamed.locator('.found-notes > li').allInnerTexts()).toEqual([expect.stringContaining('First NCG meeting')]);
    await renamed.close();

    // A revised edition keeps the document's ID but not the passage: listed as not found, drawn nowhere.
    const revisedReader = await openFile('report-revised.pdf', revised);
    await notesTab(revisedReader);
    await expect.poll(() => revisedReader.getByTestId('notes-not-found').innerText()).toContain('First NCG meeting');
    expect(await revisedReader.locator('.found-notes > li').count()).toBe(0);
    for (let i = 0; i < 4; i++) {
      await revisedReader.locator(`.pdf-page[data-page-index="${i}"]`).scrollIntoViewIfNeeded();
      await revisedReader.locator(`.pdf-page[data-page-index="${i}"] .textLayer span`).first().waitFor();
    }
    expect(await revisedReader.locator('.overlay-note').count()).toBe(0);
    await revisedReader.close();
  });

  it('opens a PDF tab from the popup, and a PDF link from the context menu', async () => {
    const url = `${env.server.origin}/pdf/report.pdf`;
    const tab = await env.browser.context.newPage();
    await tab.goto(url);
    const popup = await env.browser.openExtensionPage(`popup.html?tab=${await tabIdOf(env.browser, tab)}`);
    const opened = env.browser.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Open in Alliance Lens' }).click();
    const fromPopup = await opened;
    await waitForRead(fromPopup);
    expect(new URL(fromPopup.url()).searchParams.get('url')).toBe(url);
    await expect.poll(() => fromPopup.locator('mark.al-pdf-mark').count()).toBeGreaterThan(0);

    // The reader answers the popup like a page does: the document's concepts with counts.
    const popupOnReader = await env.browser.openExtensionPage(`popup.html?tab=${await tabIdOf(env.browser, fromPopup)}`);
    await expect.poll(() => popupOnReader.locator('.concept-row').count()).toBe(new Set(REPORT_GOLD.map((g) => g.conceptId)).size);
    await popupOnReader.getByRole('button', { name: /Hanwha Ocean/ }).click();
    // The reader jumps to the mention and pins its card (which takes focus).
    await expect
      .poll(() =>
        fromPopup.evaluate(
          () => document.querySelector('alliance-lens-ui')?.shadowRoot?.querySelector('#alliance-lens-card[role="dialog"] h2')?.textContent,
        ),
      )
      .toBe('Hanwha Ocean');
    // So does the side panel.
    const side = await env.browser.openExtensionPage(`sidepanel.html?tab=${await tabIdOf(env.browser, fromPopup)}`);
    await expect.poll(() => side.locator('.concept-row').count()).toBe(new Set(REPORT_GOLD.map((g) => g.conceptId)).size);
    await Promise.all([popup.close(), popupOnReader.close(), side.close(), fromPopup.close()]);

    // The link menu: Chromium cannot open a native menu headless, so the test delivers the click the menu would.
    const links = await env.browser.context.newPage();
    await links.goto(`${env.server.origin}/pdf/links.html`);
    const tabId = await tabIdOf(env.browser, links);
    const fromMenu = env.browser.context.waitForEvent('page');
    await env.browser.serviceWorker.evaluate(
      async ([link, id]) => {
        const tab = await chrome.tabs.get(id);
        // dispatch: Chrome's own, not in the published types.
        (chrome.contextMenus.onClicked as unknown as { dispatch(...args: unknown[]): void }).dispatch(
          { menuItemId: 'alliance-lens-open-pdf', linkUrl: link, editable: false, pageUrl: tab.url },
          tab,
        );
      },
      [url, tabId] as const,
    );
    const reader = await fromMenu;
    await waitForRead(reader);
    await expect.poll(() => reader.locator('mark.al-pdf-mark').count()).toBeGreaterThan(0);
    await Promise.all([reader.close(), links.close(), tab.close()]);
  });

  it('refuses an address that is not a web address, and says so when a PDF is not at its address', async () => {
    const reader = await env.browser.openExtensionPage(`reader.html?url=${encodeURIComponent('file:///etc/passwd')}`);
    await expect.poll(() => reader.getByRole('alert').innerText()).toContain('Only web addresses');
    await reader.goto(reader.url().replace(/\?.*$/, `?url=${encodeURIComponent(`${env.server.origin}/pdf/missing.pdf`)}`));
    await expect.poll(() => reader.getByRole('alert').innerText()).toContain('No PDF was found');
    await reader.close();
  });

  it('gives a clear message for a malformed file, a file that is not a PDF and a password-protected PDF', async () => {
    const reader = await env.browser.openExtensionPage('reader.html');
    const input = reader.locator('[data-testid="file-input"]');
    await input.setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: MALFORMED_PDF });
    await expect.poll(() => reader.getByRole('alert').innerText()).toContain('not a PDF Alliance Lens can read');
    await input.setInputFiles({ name: 'page.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><p>not a pdf</p>') });
    await expect.poll(() => reader.getByRole('alert').innerText()).toContain('not a PDF Alliance Lens can read');
    await input.setInputFiles({ name: 'locked.pdf', mimeType: 'application/pdf', buffer: makePasswordPdf() });
    await expect.poll(() => reader.getByRole('alert').innerText()).toContain('protected by a password');
    await reader.getByLabel('Password').fill('guess');
    await reader.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => reader.getByRole('alert').innerText()).toContain('password is not right');
    await reader.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => reader.getByRole('alert').innerText()).toContain('protected by a password and was not opened');
    // Nothing else broke: a good file opens in the same tab afterwards.
    await openFile('report.pdf', report, reader);
    // Marks come with each page's text layer, which renders after the summary is read.
    await expect.poll(() => reader.locator('mark.al-pdf-mark').count()).toBeGreaterThan(0);
    await reader.close();
  });

  it('makes no request beyond the PDFs it was asked to open', () => {
    const other = env.server.requests.filter((r) => !/^\/pdf\/(report|missing|links)\.(pdf|html)$/.test(r) && r !== '/favicon.ico');
    expect(other).toEqual([]);
  });

  it('screenshot of a PDF in the reader, with a card open (pdf-reader.png)', async () => {
    // The whole report on one page, so the picture shows several concepts.
    const onePage = await makePdf(
      'Alliance Costs and Deterrence',
      [REPORT_PAGES.flatMap((lines, i) => (i ? ['', ...lines] : lines))],
      'screenshot',
    );
    const reader = await openFile('alliance-report.pdf', onePage);
    await reader.locator('mark.al-pdf-mark[data-concept-id="ncg"]').first().click();
    // The card fades in: wait until it has finished appearing.
    await reader.waitForFunction(() => {
      const card = document.querySelector('alliance-lens-ui')?.shadowRoot?.querySelector('#alliance-lens-card');
      return !!card?.querySelector('h2') && card.getAnimations().every((a) => a.playState === 'finished');
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await reader.screenshot({ path: join(SCREENSHOTS, 'pdf-reader.png') });
    await reader.close();
  });
});
