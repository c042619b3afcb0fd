/**
 * "Open in context" for notes written in the PDF reader (issue 19), as a
 * reader does it: a real mouse, with pauses of 300–500 ms. A passage note and
 * a concept note written in a PDF fetched from the web come back, from the
 * dashboard, in a reader tab scrolled to their page with the note shown; a
 * note on a local file asks for that file by name and goes to the note once
 * the reader opens it (another file is refused with a clear message).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { allStoredNotes, clickWithMouse, dragSelectPassage, humanPause, openInContext, useExtensionBrowser, type Handler } from './harness';
import { makePdf, REPORT_PAGES, CONTRAST_PAGES } from './pdf-fixtures';

const files: Record<string, Buffer> = {};
const pdfServer: Handler = (req, res) => {
  const m = /^\/pdf\/([\w.-]+)$/.exec(req.url ?? '');
  const body = m && files[m[1]!];
  if (!body) return false;
  res.writeHead(200, { 'content-type': 'application/pdf' }).end(body);
  return true;
};
const env = useExtensionBrowser([pdfServer]);

let report: Buffer;
let local: Buffer;
let contrast: Buffer;
beforeAll(async () => {
  report = await makePdf('Alliance Costs and Deterrence', REPORT_PAGES);
  // Another document (another ID, so another fingerprint) with the same text.
  local = await makePdf('Alliance Costs and Deterrence (local copy)', REPORT_PAGES);
  contrast = await makePdf('Advances in neuromuscular medicine', CONTRAST_PAGES);
  files['report.pdf'] = report;
});

const poll = <T>(what: string, fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, message: what });

async function waitForRead(reader: Page) {
  await reader.waitForFunction(() => /in this document/.test(document.querySelector('.read-status')?.textContent ?? ''), null, {
    timeout: 30_000,
  });
}

/** Selects a passage on a page with the mouse, presses Add note, types the note and saves it. */
async function writePassageNote(reader: Page, pageIndex: number, passage: { start: string; end: string }, body: string) {
  // Pages render as they come into view.
  await reader.locator(`.pdf-page[data-page-index="${pageIndex}"]`).scrollIntoViewIfNeeded();
  await reader.locator(`.pdf-page[data-page-index="${pageIndex}"] .textLayer span`).first().waitFor();
  await dragSelectPassage(reader, passage);
  await clickWithMouse(reader, reader.getByRole('button', { name: 'Add note' }));
  const dialog = reader.getByRole('dialog', { name: 'Note on the selected passage' });
  await dialog.getByRole('textbox', { name: 'Note' }).pressSequentially(body, { delay: 10 });
  await humanPause();
  await clickWithMouse(reader, dialog.getByRole('button', { name: 'Save note' }));
  await poll('the note dialog closes', () => dialog.count()).toBe(0);
}

/** Where page `index` is in the reader's scrolling pages: whether its text layer shows in the viewport. */
function pageInView(reader: Page, index: number) {
  return reader.evaluate((i) => {
    const pages = document.querySelector('.pages')!.getBoundingClientRect();
    const el = document.querySelector(`.pdf-page[data-page-index="${i}"] .textLayer span`);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > pages.top && r.top < pages.bottom;
  }, index);
}

/** Presses a note's "Open in context" in the dashboard; resolves with the tab it opens. */
async function openNoteInContext(body: string): Promise<{ dash: Page; opened: Page }> {
  const dash = await env.browser.openExtensionPage('dashboard.html#/notes');
  const opened = await openInContext(env.browser, dash, dash.locator('article.note-row', { hasText: body }));
  return { dash, opened };
}

describe('Open in context for PDF notes', () => {
  it('brings a passage note and a concept note written in a PDF from the web back into view, in a reader tab that fetches the PDF again', async () => {
    const url = `${env.server.origin}/pdf/report.pdf`;
    const reader = await env.browser.openExtensionPage(`reader.html?url=${encodeURIComponent(url)}`);
    await reader.setViewportSize({ width: 1200, height: 800 });
    await waitForRead(reader);
    const PASSAGE_NOTE = 'The first NCG meeting was in July 2023';
    await writePassageNote(reader, 1, { start: 'The NCG met', end: 'in Seoul' }, PASSAGE_NOTE);

    // A concept note written on a mention, in its pinned card.
    const CONCEPT_NOTE = 'Hanwha did the first overhaul under the RSF';
    const mark = reader.locator('.pdf-page[data-page-index="2"] mark.al-pdf-mark[data-concept-id="hanwha-ocean"][tabindex]').first();
    await reader.locator('.pdf-page[data-page-index="2"]').scrollIntoViewIfNeeded();
    await clickWithMouse(reader, mark);
    const card = reader.locator('#alliance-lens-card[role="dialog"]');
    await poll('the card is pinned', () => card.locator('h2').textContent()).toBe('Hanwha Ocean');
    await clickWithMouse(reader, card.getByRole('button', { name: 'Add note' }));
    await card.getByRole('textbox', { name: 'Note' }).pressSequentially(CONCEPT_NOTE, { delay: 10 });
    await humanPause();
    await clickWithMouse(reader, card.getByRole('button', { name: 'Save note' }));
    await card.getByText(CONCEPT_NOTE).waitFor();

    // Both record the PDF's address and page; the concept note its mention's sentence.
    type Stored = {
      body: string;
      target?: { pdf?: object };
      source?: { url: string; title: string; quote: { exact: string; prefix: string; suffix: string }; pdf?: object };
    };
    const stored = (await env.browser.serviceWorker.evaluate(allStoredNotes)) as unknown as Stored[];
    expect(stored.find((n) => n.body === PASSAGE_NOTE)?.target?.pdf).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      pageIndex: 1,
      url,
    });
    expect(stored.find((n) => n.body === CONCEPT_NOTE)?.source).toMatchObject({
      url: expect.stringMatching(/^urn:x-pdf:/),
      title: 'Alliance Costs and Deterrence',
      quote: {
        exact: 'Hanwha Ocean',
        prefix: '',
        suffix: expect.stringMatching(
          /^ completed the first such overhaul; the Regional Sustainment Framework now covers more yards in the region\.$/,
        ),
      },
      pdf: { pageIndex: 2, url },
    });
    await reader.close();

    // The passage note: the reader tab fetches the PDF again and shows page 2 with the note.
    const first = await openNoteInContext(PASSAGE_NOTE);
    expect(new URL(first.opened.url()).searchParams.get('url')).toBe(url);
    await poll("the passage's page is in view", () => pageInView(first.opened, 1)).toBe(true);
    expect(await pageInView(first.opened, 0)).toBe(false);
    await poll('the note is shown in the notes tab', () => first.opened.locator('.found-notes > li.shown').innerText()).toContain(
      PASSAGE_NOTE,
    );
    expect(await first.opened.locator('.pdf-page[data-page-index="1"] .overlay-note').count()).toBeGreaterThan(0);

    // The concept note: its mention in view, its card pinned.
    const second = await openNoteInContext(CONCEPT_NOTE);
    await poll("the mention's card is pinned", () => second.opened.locator('#alliance-lens-card[role="dialog"] h2').textContent()).toBe(
      'Hanwha Ocean',
    );
    expect(await pageInView(second.opened, 2)).toBe(true);
    await Promise.all([first.dash.close(), first.opened.close(), second.dash.close(), second.opened.close()]);
  });

  it('asks for a local file by name, refuses another file clearly, and goes to the note once that file is opened', async () => {
    const reader = await env.browser.openExtensionPage('reader.html');
    await reader.setViewportSize({ width: 1200, height: 800 });
    await reader
      .locator('[data-testid="file-input"]')
      .setInputFiles({ name: 'local-report.pdf', mimeType: 'application/pdf', buffer: local });
    await waitForRead(reader);
    const NOTE = 'IPEF: fourteen partners';
    await writePassageNote(reader, 3, { start: 'IPEF talks', end: 'fourteen partners' }, NOTE);
    await reader.close();

    const { dash, opened } = await openNoteInContext(NOTE);
    expect(new URL(opened.url()).searchParams.get('file')).toBe('local-report.pdf');
    await poll('the reader names the file to open', () => opened.getByTestId('open-to-see').innerText()).toBe(
      'Open local-report.pdf to see this note. The reader cannot open a file from your computer by itself.',
    );
    await humanPause();
    await opened
      .locator('[data-testid="file-input"]')
      .setInputFiles({ name: 'contrast.pdf', mimeType: 'application/pdf', buffer: contrast });
    await poll('another file is refused with a clear message', () => opened.getByTestId('reader-notice').innerText()).toBe(
      'This is not the PDF the note was written on. Open local-report.pdf to see the note.',
    );
    await humanPause();
    await opened
      .locator('[data-testid="file-input"]')
      .setInputFiles({ name: 'local-report.pdf', mimeType: 'application/pdf', buffer: local });
    await poll('the note is shown in the notes tab', () => opened.locator('.found-notes > li.shown').innerText()).toContain(NOTE);
    await poll("the passage's page is in view", () => pageInView(opened, 3)).toBe(true);
    expect(await pageInView(opened, 0)).toBe(false);
    expect(await opened.getByTestId('reader-notice').count()).toBe(0);
    await Promise.all([dash.close(), opened.close()]);
  });
});
