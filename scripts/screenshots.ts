/**
 * Regenerates the README screenshots (docs/screenshots/) in headless Chromium
 * with the built extension: a page with a card open, the popup, the side
 * panel page, and the dashboard's notes, glossary and settings.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, launchWithExtension, startServer } from './browser';
import { clickInUi, inUi, notesFrame } from './extension-ui';

const OUT = join(ROOT, 'docs/screenshots');

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startServer();
  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchWithExtension({ viewport: { width: 1200, height: 800 }, colorScheme: scheme });
    const suffix = scheme === 'dark' ? '-dark' : '';
    const article = await browser.context.newPage();
    await article.goto(`${server.origin}/demo/sample-article.html`);
    await article.waitForFunction(() => document.querySelectorAll('[data-concept-id]').length > 10);
    const term = article.locator('[data-concept-id="rsf"]').first();
    await term.scrollIntoViewIfNeeded();
    await article.evaluate(() => window.scrollBy(0, 120));
    await term.click();
    const notes = await notesFrame(article);
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByRole('textbox', { name: 'Note' }).fill('Which yards are certified for US Navy work? Check the SCM communique.');
    await notes.getByRole('textbox', { name: /Tags/ }).fill('shipbuilding, MRO');
    await notes.getByRole('button', { name: 'Save note' }).click();
    await notes.getByText('Which yards are certified').waitFor();
    // Show the card from its top, as a reader first sees it.
    await inUi(article, (roots) => roots.forEach((r) => r.getElementById('alliance-lens-card')?.scrollTo(0, 0)), null);
    await article.waitForTimeout(300);
    await article.screenshot({ path: join(OUT, `tooltip${suffix}.png`) });
    await clickInUi(article, 'button.icon', 'Close');

    const tabId = await browser.serviceWorker.evaluate(async () => {
      const [tab] = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }).chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab!.id;
    });
    const shoot = async (path: string, file: string, size: { width: number; height: number }, prepare?: (p: Page) => Promise<void>) => {
      const page = await browser.context.newPage();
      await page.setViewportSize(size);
      await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
      await page.waitForTimeout(500);
      await prepare?.(page);
      await page.screenshot({ path: join(OUT, `${file}${suffix}.png`) });
      await page.close();
    };
    await shoot(`popup.html?tab=${tabId}`, 'popup', { width: 370, height: 620 });
    await shoot('dashboard.html#/notes', 'dashboard-notes', { width: 1100, height: 700 });
    await shoot('dashboard.html#/glossary', 'dashboard-glossary', { width: 1100, height: 700 });
    await shoot('dashboard.html#/glossary/sma', 'dashboard-concept', { width: 1100, height: 800 });
    await shoot('dashboard.html#/settings', 'dashboard-settings', { width: 1100, height: 900 });
    await browser.close();
  }
  await server.close();
  console.log(`Screenshots written to ${OUT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
