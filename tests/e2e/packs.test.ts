/**
 * Concept packs in Chromium with the built extension: a pack imported through
 * the dashboard, its concepts highlighted and carded on open pages (English and
 * Korean) without a reload, switched off and on, removed with its notes kept,
 * and a newer version imported; a refused pack changes nothing; acronyms in
 * another sense stay unmarked.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inUi, notesFrame, openCard, saveNoteInCard, termBox, useExtensionBrowser, waitForSettledHighlights } from './harness';
import { BROKEN_PACK_TEXT, PACK_NAME, PACK_TEXT, PACK_V2_TEXT, packPages } from './pack-pages';

const env = useExtensionBrowser([packPages]);
const POLL = { timeout: 15_000 };
/** A retried test writes its own note (an interrupted attempt's note stays stored). */
let attempt = 0;

/** Whether a mention of the concept is highlighted (termBox finds none otherwise). */
const highlighted = (page: Page, conceptId: string) =>
  termBox(page, conceptId).then(
    () => true,
    () => false,
  );

async function importPack(dash: Page, name: string, text: string) {
  await dash.getByLabel('Pack file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await dash.getByRole('button', { name: 'Import pack' }).click();
}

const cardText = (page: Page) =>
  inUi(page, (roots) => roots.map((r) => r.getElementById('alliance-lens-card')?.textContent ?? '').join(''), null);

async function openArticle(path: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  return page;
}

describe('concept packs', () => {
  it('imports a pack, highlights and cards its concepts live, switches it off and on, removes it keeping notes, and takes a newer version', async () => {
    const article = await openArticle('/packs/en.html');
    const korean = await openArticle('/packs/ko.html');
    const dash = await env.browser.openExtensionPage('dashboard.html#/packs');
    const NOTE = `Ask about the Seongju battery (attempt ${++attempt})`;
    try {
      // An interrupted attempt may have left the pack installed: this one starts without it.
      const left = dash.getByRole('button', { name: `Remove the pack “${PACK_NAME}”` });
      if (
        await dash
          .getByRole('heading', { name: 'Installed packs' })
          .waitFor()
          .then(() => left.count())
      )
        await left.click();
      await expect.poll(() => highlighted(article, 'thaad'), POLL).toBe(false);

      // A refused pack: the entry is named, and nothing is installed.
      await importPack(dash, 'broken.json', BROKEN_PACK_TEXT);
      await dash.getByRole('alert').filter({ hasText: 'concept "freedom-edge", field aliases: must list at least one alias' }).waitFor();
      await expect.poll(() => dash.locator('.pack-row').count(), POLL).toBe(1);

      await importPack(dash, 'example-pack.json', PACK_TEXT);
      await dash
        .getByRole('status')
        .filter({ hasText: `Imported “${PACK_NAME}”: 7 concepts.` })
        .waitFor();
      const row = dash.locator('.pack-row', { hasText: PACK_NAME });
      await row.filter({ hasText: '7 concepts · version 1' }).waitFor();

      // Open pages pick the pack up without a reload, in English and Korean.
      for (const id of ['thaad', 'combined-forces-command', 'wartime-opcon-transition', 'un-command'])
        await expect.poll(() => highlighted(article, id), POLL).toBe(true);
      for (const id of ['alliance-modernization', 'indopacom']) await expect.poll(() => highlighted(korean, id), POLL).toBe(true);

      // The card of a pack concept says where it comes from; a note is written on it.
      // The reader's tab in front (the dashboard opened last): focus moves into the card's notes frame.
      await article.bringToFront();
      const box = await termBox(article, 'thaad');
      await article.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect.poll(() => openCard(article), POLL).toMatchObject({ role: 'dialog', name: 'Terminal High Altitude Area Defense' });
      await expect.poll(() => cardText(article), POLL).toContain(`From the pack “${PACK_NAME}”`);
      await saveNoteInCard(article, NOTE);
      await article.keyboard.press('Escape');
      // On the Korean page too: 인태사 opens the card of its concept, with the Korean name beside.
      const ko = await termBox(korean, 'indopacom');
      await korean.bringToFront();
      await korean.mouse.click(ko.x + ko.width / 2, ko.y + ko.height / 2);
      await expect.poll(() => openCard(korean), POLL).toMatchObject({ name: 'US Indo-Pacific Command' });
      await expect.poll(() => cardText(korean), POLL).toContain('미 인도태평양사령부');
      await korean.keyboard.press('Escape');
      await article.bringToFront();

      // Off: the highlights go from the open page; on: they come back.
      const toggle = dash.getByRole('switch', { name: `Use the pack “${PACK_NAME}”` });
      await toggle.click();
      await expect.poll(() => highlighted(article, 'thaad'), POLL).toBe(false);
      await toggle.click();
      await expect.poll(() => highlighted(article, 'thaad'), POLL).toBe(true);

      // Removed: its highlights go, the note stays listed under the concept's name.
      await row.getByRole('button', { name: `Remove the pack “${PACK_NAME}”` }).click();
      await dash.getByRole('status').filter({ hasText: 'Your notes on its concepts are kept.' }).waitFor();
      await expect.poll(() => highlighted(article, 'thaad'), POLL).toBe(false);
      await dash.goto(dash.url().replace('#/packs', '#/notes'));
      await dash
        .locator('.note-row', { hasText: NOTE })
        .filter({ hasText: 'Terminal High Altitude Area Defense (pack not installed)' })
        .waitFor();

      // Back, then a newer version: listed as version 2, its new definition on the card, the note found again.
      await dash.goto(dash.url().replace('#/notes', '#/packs'));
      await importPack(dash, 'example-pack.json', PACK_TEXT);
      await dash
        .getByRole('status')
        .filter({ hasText: `Imported “${PACK_NAME}”` })
        .waitFor();
      await importPack(dash, 'example-pack-v2.json', PACK_V2_TEXT);
      await row.filter({ hasText: '7 concepts · version 2' }).waitFor();
      await expect.poll(() => highlighted(article, 'thaad'), POLL).toBe(true);
      await article.bringToFront();
      const again = await termBox(article, 'thaad');
      await article.mouse.click(again.x + again.width / 2, again.y + again.height / 2);
      await expect.poll(() => cardText(article), POLL).toContain('Version two:');
      await (await notesFrame(article, NOTE)).getByText(NOTE).waitFor();
    } finally {
      await Promise.all([article.close(), korean.close(), dash.close()]);
    }
  });

  it('leaves a pack acronym unmarked where the page uses it in another sense', async () => {
    const page = await openArticle('/packs/other-senses.html');
    try {
      // The pack is installed (previous test): THAAD is marked, so the page has been read.
      await expect.poll(() => highlighted(page, 'thaad'), POLL).toBe(true);
      await waitForSettledHighlights(page);
      expect(await highlighted(page, 'combined-forces-command')).toBe(false);
      expect(await highlighted(page, 'un-command')).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('adds a concept to My concepts from a selected term, highlights it on open pages and exports the pack', async () => {
    const article = await openArticle('/packs/en.html');
    // The context menu's entry opens the form with the selection as the name and first alias.
    const dash = await env.browser.openExtensionPage(`dashboard.html#/packs/add/${encodeURIComponent('Harbor Lantern')}`);
    try {
      const form = dash.getByRole('form', { name: 'Add a concept' });
      expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('Harbor Lantern');
      expect(await form.getByLabel('Other names and acronyms (one per line)').inputValue()).toBe('Harbor Lantern');
      await form.getByLabel('Definition', { exact: true }).fill('Our name for a harbour exercise, in our notes only.');
      await form.getByLabel('Korean name', { exact: true }).fill('하버 랜턴');
      await form.getByRole('button', { name: 'Save concept' }).click();
      await form.getByRole('status').filter({ hasText: 'Saved “Harbor Lantern” in My concepts.' }).waitFor();
      await expect.poll(() => highlighted(article, 'my-harbor-lantern'), POLL).toBe(true);
      const download = dash.waitForEvent('download');
      await dash.getByRole('button', { name: 'Export the pack “My concepts”' }).click();
      const file = JSON.parse(
        await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')),
      );
      expect(file).toMatchObject({
        format: 'alliance-lens-pack',
        id: 'my-concepts',
        concepts: [{ id: 'my-harbor-lantern', name: 'Harbor Lantern', ko: { name: '하버 랜턴' } }],
      });
      await dash.getByRole('button', { name: 'Remove “Harbor Lantern” from My concepts' }).click();
      await expect.poll(() => highlighted(article, 'my-harbor-lantern'), POLL).toBe(false);
    } finally {
      await Promise.all([article.close(), dash.close()]);
    }
  });
});
