/**
 * Regenerates the README screenshots (docs/screenshots/, when run with
 * ALLIANCE_LENS_SCREENSHOTS=docs as `npm run screenshots` does) in headless Chromium
 * with the built extension: a page with a card open, the popup, and the
 * dashboard's notes, glossary and settings — in English and in Korean
 * (files ending "-ko"), light and dark ("-dark").
 *
 * In English, the popup, the side panel and every dashboard view are also
 * taken at 1280 px, 360 px and 200 % zoom: <surface>.png is 1280 px (the
 * popup and side panel at their own width), -360 the narrow window, -zoom200
 * the 1280 px window at 200 % zoom (640 CSS px at 2 device pixels per px).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, launchWithExtension, setSettings, startServer, type ExtensionBrowser } from './browser';
import { clickInUi, inUi, notesFrame, termBox, waitForPainted } from './extension-ui';

const OUT = SCREENSHOTS;

/** What each language's card screenshot shows: an article, the term to open, the note to write. */
const VARIANTS = {
  en: {
    article: '/demo/sample-article.html',
    conceptId: 'rsf',
    labels: { addNote: 'Add note', note: 'Note', tags: /Tags/, save: 'Save note', close: 'Close' },
    note: 'Which yards are certified for US Navy work? Check the SCM communique.',
    tags: 'shipbuilding, MRO',
    glossaryQuery: '',
  },
  ko: {
    article: '/ko/ko-news-scm-ncg.html',
    conceptId: 'ncg',
    labels: { addNote: '메모 추가', note: '메모', tags: /태그/, save: '메모 저장', close: '닫기' },
    note: '3차 회의의 공동지침과 비교해 볼 것. 핵·재래식 통합 연습 일정 확인.',
    tags: '확장억제, NCG',
    glossaryQuery: 'ㅎㅎㅇㄱㄹ',
  },
} as const;
type Language = keyof typeof VARIANTS;

/** Korean text needs a CJK font; Debian's is fonts-noto-cjk. Installed here when missing and we may. */
function ensureCjkFont() {
  const hasFont = () => {
    try {
      return execFileSync('fc-list', [':lang=ko'], { encoding: 'utf8' }).trim().length > 0;
    } catch {
      return false;
    }
  };
  if (hasFont()) return;
  if (process.getuid?.() === 0) execFileSync('apt-get', ['install', '-y', 'fonts-noto-cjk'], { stdio: 'inherit' });
  if (!hasFont()) throw new Error('No Korean font: install one first (Debian/Ubuntu: sudo apt-get install -y fonts-noto-cjk)');
}

/**
 * The card as a reader meets it: hovered (tooltip-hover*.png, compact), then
 * pinned with a note just saved (tooltip*.png). Returns the article's page.
 */
async function shootCard(
  browser: ExtensionBrowser,
  origin: string,
  v: (typeof VARIANTS)[Language],
  suffix: string,
  view?: { width: number; height: number },
) {
  const article = await browser.context.newPage();
  if (view) await article.setViewportSize(view);
  await article.goto(`${origin}${v.article}`);
  await waitForPainted(article, 11);
  const box = await termBox(article, v.conceptId);
  const term = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await article.mouse.move(term.x, term.y, { steps: 6 });
  await notesFrame(article, v.labels.addNote);
  await article.waitForTimeout(500);
  await article.screenshot({ path: join(OUT, `tooltip-hover${suffix}.png`) });
  await article.mouse.click(term.x, term.y);
  // The narrow and zoomed views show the note the first shot saved.
  if (!view) await saveVariantNote(article, v);
  else await (await notesFrame(article)).getByText(v.note).waitFor();
  // Show the card from its top, as a reader first sees it.
  await inUi(article, (roots) => roots.forEach((r) => r.getElementById('alliance-lens-card')?.scrollTo(0, 0)), null);
  await article.waitForTimeout(300);
  await article.screenshot({ path: join(OUT, `tooltip${suffix}.png`) });
  await clickInUi(article, 'button.icon', v.labels.close);
  return article;
}

async function shootAll(browser: ExtensionBrowser, origin: string, language: Language, suffix: string) {
  const v = VARIANTS[language];
  await setSettings(browser, { language });
  const article = await shootCard(browser, origin, v, suffix);
  if (!suffix.includes('dark')) {
    // Narrow, and the CSS size of a 1280 × 800 window at 200 % zoom (taken at 100 %), light only, in English and Korean.
    await (await shootCard(browser, origin, v, `${suffix}-360`, { width: 360, height: 740 })).close();
    await (await shootCard(browser, origin, v, `${suffix}-zoom200`, { width: 640, height: 400 })).close();
  }

  const tabId = await browser.serviceWorker.evaluate(async () => {
    const [tab] = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }).chrome.tabs.query({
      active: true,
      lastFocusedWindow: true,
    });
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
  // English panels are taken at every size by shootSurfaces.
  if (language === 'en') return void (await article.close());
  await shoot(`popup.html?tab=${tabId}`, 'popup', { width: 340, height: 600 });
  await shoot('dashboard.html#/notes', 'dashboard-notes', { width: 1100, height: 700 });
  await shoot('dashboard.html#/glossary', 'dashboard-glossary', { width: 1100, height: 700 }, async (page) => {
    if (v.glossaryQuery) await page.getByRole('searchbox').fill(v.glossaryQuery);
  });
  await shoot(`dashboard.html#/glossary/${language === 'ko' ? 'ncg' : 'sma'}`, 'dashboard-concept', { width: 1100, height: 800 });
  await shoot('dashboard.html#/settings', 'dashboard-settings', { width: 1100, height: 900 });
  await article.close();
}

/** With a card open: writes the variant's note and tags in its notes frame and saves them. */
async function saveVariantNote(article: Page, v: (typeof VARIANTS)[Language]) {
  const notes = await notesFrame(article);
  await notes.getByRole('button', { name: v.labels.addNote }).click();
  await notes.getByRole('textbox', { name: v.labels.note, exact: true }).fill(v.note);
  await notes.getByRole('textbox', { name: v.labels.tags }).fill(v.tags);
  await notes.getByRole('button', { name: v.labels.save }).click();
  await notes.getByText(v.note).waitFor();
}

interface Surface {
  file: string;
  path(tabId: number): string;
  /** Resolves once the surface shows what it is for. */
  ready(page: Page): Promise<unknown>;
  /** CSS widths to take at zoom 100 %: the popup and side panel have one width of their own. */
  widths: number[];
  /** The window's height at zoom 100 %, when the surface has its own (the popup is at most 600 px). */
  height?: number;
}

const SURFACES: Surface[] = [
  { file: 'popup', path: (tab) => `popup.html?tab=${tab}`, ready: (p) => p.getByRole('switch').waitFor(), widths: [340], height: 600 },
  {
    file: 'sidepanel',
    path: (tab) => `sidepanel.html?tab=${tab}`,
    ready: (p) => p.getByRole('heading', { name: 'Notes on this page' }).waitFor(),
    widths: [360],
  },
  {
    file: 'dashboard-notes',
    path: () => 'dashboard.html#/notes',
    ready: (p) => p.getByText('Which yards are certified').waitFor(),
    widths: [1280, 360],
  },
  {
    file: 'dashboard-glossary',
    path: () => 'dashboard.html#/glossary',
    ready: (p) => p.getByRole('link', { name: 'Special Measures Agreement' }).first().waitFor(),
    widths: [1280, 360],
  },
  {
    file: 'dashboard-concept',
    path: () => 'dashboard.html#/glossary/sma',
    ready: (p) => p.getByRole('heading', { name: 'Special Measures Agreement', level: 2 }).waitFor(),
    widths: [1280, 360],
  },
  {
    file: 'dashboard-sources',
    path: () => 'dashboard.html#/sources',
    ready: (p) => p.getByRole('heading', { name: 'Sources', level: 2 }).waitFor(),
    widths: [1280, 360],
  },
  {
    file: 'dashboard-settings',
    path: () => 'dashboard.html#/settings',
    ready: (p) => p.locator('kbd').first().waitFor(),
    widths: [1280, 360],
  },
  {
    file: 'dashboard-welcome',
    path: () => 'dashboard.html#/welcome',
    ready: (p) => p.getByRole('heading', { name: 'Welcome to Alliance Lens' }).waitFor(),
    widths: [1280, 360],
  },
];

const HEIGHT = 800;

/** The English popup, side panel and dashboard views at 1280 px, 360 px and 200 % zoom, light and dark. */
async function shootSurfaces(origin: string) {
  for (const scheme of ['light', 'dark'] as const) {
    for (const zoom of [1, 2]) {
      const browser = await launchWithExtension({
        viewport: { width: 1280, height: HEIGHT },
        colorScheme: scheme,
        deviceScaleFactor: zoom,
      });
      const dark = scheme === 'dark' ? '-dark' : '';
      const v = VARIANTS.en;
      const article = await browser.context.newPage();
      await article.goto(`${origin}${v.article}`);
      await waitForPainted(article, 11);
      const box = await termBox(article, v.conceptId);
      await article.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await saveVariantNote(article, v);
      await clickInUi(article, 'button.icon', v.labels.close);
      await article.bringToFront();
      const tabId = await browser.serviceWorker.evaluate(async () => {
        const [tab] = await (
          globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }
        ).chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return tab!.id;
      });
      for (const surface of SURFACES) {
        // At 200 % zoom a 1280 px window is 640 CSS px wide; the popup and side panel keep their own width.
        const widths = zoom === 1 ? surface.widths : [surface.widths.length > 1 ? 640 : surface.widths[0]!];
        for (const width of widths) {
          const page = await browser.context.newPage();
          const height = surface.height ?? HEIGHT;
          await page.setViewportSize({ width, height: zoom === 2 ? height / 2 : height });
          await page.goto(`chrome-extension://${browser.extensionId}/${surface.path(tabId)}`);
          await surface.ready(page);
          const size = zoom === 2 ? '-zoom200' : width === 360 && surface.widths.length > 1 ? '-360' : '';
          await page.screenshot({ path: join(OUT, `${surface.file}${size}${dark}.png`) });
          await page.close();
        }
      }
      await browser.close();
    }
  }
}

async function main() {
  ensureCjkFont();
  mkdirSync(OUT, { recursive: true });
  const server = await startServer();
  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchWithExtension({ viewport: { width: 1200, height: 800 }, colorScheme: scheme });
    const dark = scheme === 'dark' ? '-dark' : '';
    await shootAll(browser, server.origin, 'en', dark);
    await shootAll(browser, server.origin, 'ko', `-ko${dark}`);
    await browser.close();
  }
  await shootSurfaces(server.origin);
  await server.close();
  console.log(`Screenshots written to ${OUT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
