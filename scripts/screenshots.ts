/**
 * Regenerates the README screenshots (docs/screenshots/) in headless Chromium
 * with the built extension: a page with a card open, then the popup, the side
 * panel and every dashboard view, each at 1280 px, 360 px and 200 % zoom, in
 * light and dark.
 *
 * Names: <surface>.png is 1280 px (the popup and side panel at their own
 * width), -360 the narrow window, -zoom200 the 1280 px window at 200 % zoom
 * (640 CSS px at 2 device pixels per px); -dark after any of them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, launchWithExtension, startServer, type ExtensionBrowser, type PageServer } from './browser';
import { clickInUi, inUi, notesFrame } from './extension-ui';

const OUT = join(ROOT, 'docs/screenshots');

interface Surface {
  file: string;
  path(tabId: number): string;
  /** Resolves once the surface shows what it is for. */
  ready(page: Page): Promise<unknown>;
  /** CSS widths to take at zoom 100 %: the popup and side panel have one width of their own. */
  widths: number[];
  fullPage?: boolean;
}

const SURFACES: Surface[] = [
  { file: 'popup', path: (tab) => `popup.html?tab=${tab}`, ready: (p) => p.getByRole('switch').waitFor(), widths: [340], fullPage: true },
  { file: 'sidepanel', path: (tab) => `sidepanel.html?tab=${tab}`, ready: (p) => p.getByRole('heading', { name: 'Notes on this page' }).waitFor(), widths: [360] },
  { file: 'dashboard-notes', path: () => 'dashboard.html#/notes', ready: (p) => p.getByText('Which yards are certified').waitFor(), widths: [1280, 360] },
  { file: 'dashboard-glossary', path: () => 'dashboard.html#/glossary', ready: (p) => p.getByRole('link', { name: 'Special Measures Agreement' }).first().waitFor(), widths: [1280, 360] },
  { file: 'dashboard-concept', path: () => 'dashboard.html#/glossary/sma', ready: (p) => p.getByRole('heading', { name: 'Special Measures Agreement', level: 2 }).waitFor(), widths: [1280, 360] },
  { file: 'dashboard-sources', path: () => 'dashboard.html#/sources', ready: (p) => p.getByRole('heading', { name: 'Sources', level: 2 }).waitFor(), widths: [1280, 360] },
  { file: 'dashboard-settings', path: () => 'dashboard.html#/settings', ready: (p) => p.locator('kbd').first().waitFor(), widths: [1280, 360] },
  { file: 'dashboard-welcome', path: () => 'dashboard.html#/welcome', ready: (p) => p.getByRole('heading', { name: 'Welcome to Alliance Lens' }).waitFor(), widths: [1280, 360] },
];

const HEIGHT = 800;

/** Opens the demo article, pins the RSF card and saves a note on it: the card shot, and a note for the panels to show. */
async function prepareArticle(browser: ExtensionBrowser, server: PageServer, suffix: string, shootCard: boolean): Promise<number> {
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
  if (shootCard) {
    // Show the card from its top, as a reader first sees it.
    await inUi(article, (roots) => roots.forEach((r) => r.getElementById('alliance-lens-card')?.scrollTo(0, 0)), null);
    await article.waitForTimeout(300);
    await article.screenshot({ path: join(OUT, `tooltip${suffix}.png`) });
  }
  await clickInUi(article, 'button.icon', 'Close');
  await article.bringToFront();
  return browser.serviceWorker.evaluate(async () => {
    const [tab] = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }).chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab!.id;
  });
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startServer();
  const written: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    for (const zoom of [1, 2]) {
      const browser = await launchWithExtension({ viewport: { width: 1280, height: HEIGHT }, colorScheme: scheme, deviceScaleFactor: zoom });
      const dark = scheme === 'dark' ? '-dark' : '';
      const tabId = await prepareArticle(browser, server, dark, zoom === 1);
      for (const surface of SURFACES) {
        // At 200 % zoom a 1280 px window is 640 CSS px wide; the popup and side panel keep their own width.
        const widths = zoom === 1 ? surface.widths : [surface.widths.length > 1 ? 640 : surface.widths[0]!];
        for (const width of widths) {
          const page = await browser.context.newPage();
          await page.setViewportSize({ width, height: zoom === 2 ? HEIGHT / 2 : HEIGHT });
          await page.goto(`chrome-extension://${browser.extensionId}/${surface.path(tabId)}`);
          await surface.ready(page);
          const size = zoom === 2 ? '-zoom200' : width === 360 && surface.widths.length > 1 ? '-360' : '';
          const file = `${surface.file}${size}${dark}.png`;
          await page.screenshot({ path: join(OUT, file), fullPage: surface.fullPage });
          written.push(file);
          await page.close();
        }
      }
      await browser.close();
    }
  }
  await server.close();
  console.log(`${written.length} screenshots written to ${OUT}:\n${written.join('\n')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
