/**
 * Regenerates the README screenshots (docs/screenshots/) in headless Chromium
 * with the built extension: a page with a card open, the popup, and the
 * dashboard's notes, glossary and settings — in English and in Korean
 * (files ending "-ko"), light and dark ("-dark").
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, launchWithExtension, setSettings, startServer, type ExtensionBrowser } from './browser';
import { clickInUi, inUi, notesFrame } from './extension-ui';

const OUT = join(ROOT, 'docs/screenshots');

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
async function shootCard(browser: ExtensionBrowser, origin: string, v: (typeof VARIANTS)[Language], suffix: string, view?: { width: number; height: number }) {
  const article = await browser.context.newPage();
  if (view) await article.setViewportSize(view);
  await article.goto(`${origin}${v.article}`);
  await article.waitForFunction(() => document.querySelectorAll('[data-concept-id]').length > 10);
  const term = article.locator(`[data-concept-id="${v.conceptId}"]`).first();
  await term.scrollIntoViewIfNeeded();
  await article.evaluate(() => window.scrollBy(0, Math.min(120, innerHeight / 6)));
  await term.hover();
  await notesFrame(article, v.labels.addNote);
  await article.waitForTimeout(500);
  await article.screenshot({ path: join(OUT, `tooltip-hover${suffix}.png`) });
  await term.click();
  const notes = await notesFrame(article);
  // The narrow and zoomed views show the note the first shot saved.
  if (!view) {
    await notes.getByRole('button', { name: v.labels.addNote }).click();
    await notes.getByRole('textbox', { name: v.labels.note, exact: true }).fill(v.note);
    await notes.getByRole('textbox', { name: v.labels.tags }).fill(v.tags);
    await notes.getByRole('button', { name: v.labels.save }).click();
  }
  await notes.getByText(v.note).waitFor();
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
  await shoot('dashboard.html#/glossary', 'dashboard-glossary', { width: 1100, height: 700 }, async (page) => {
    if (v.glossaryQuery) await page.getByRole('searchbox').fill(v.glossaryQuery);
  });
  await shoot(`dashboard.html#/glossary/${language === 'ko' ? 'ncg' : 'sma'}`, 'dashboard-concept', { width: 1100, height: 800 });
  await shoot('dashboard.html#/settings', 'dashboard-settings', { width: 1100, height: 900 });
  await article.close();
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
  await server.close();
  console.log(`Screenshots written to ${OUT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
