/**
 * Firefox ESR (WebDriver BiDi): highlight, the card with its notes frame, a
 * note saved in the moz-extension origin, and a page with a strict CSP (Firefox is where
 * injected styles get stripped by page policies).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { firefoxNotesFrame, launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import { humanPause, startServer, strictCspPage, styledMarks, type PageServer } from './harness';

let firefox: FirefoxWithExtension;
let server: PageServer;

beforeAll(async () => {
  server = await startServer([strictCspPage]);
  firefox = await launchFirefoxWithExtension();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('Firefox ESR', () => {
  it('highlights, opens the card with its notes frame and saves a note in the extension origin', async () => {
    const page = await firefox.browser.newPage();
    // Room for the whole card beside its term (with less, the notes frame gives up height to fit the view).
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${server.origin}/demo/sample-article.html`);
    await page.waitForFunction(() => document.querySelectorAll('[data-concept-id]').length > 10, { timeout: 20_000 });
    const ids = await page.evaluate(() => [...new Set([...document.querySelectorAll<HTMLElement>('[data-concept-id]')].map((e) => e.dataset.conceptId))]);
    expect(ids).toContain('sma');

    await page.click('[data-concept-id="ncg"]');
    // The card's notes are the extension's notes frame, for the concept clicked.
    const notes = await firefoxNotesFrame(page);
    await notes.waitForSelector('button.add-note');
    // The card is styled (constructed stylesheet): the frame has the card's width and the fixed height of a
    // pinned card's list (168 px; the editor's is 240 px), not an iframe's default 300 × 150.
    const size = await notes.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    expect(size.height).toBe(168);
    expect(size.width).toBeGreaterThan(200);
    expect(size.width).toBeLessThan(340);

    await notes.click('button.add-note');
    await notes.waitForSelector('textarea');
    // Opening the editor, the reader's doing, is what makes the frame taller.
    await notes.waitForFunction(() => innerHeight === 240, { timeout: 10_000 });
    expect(await notes.$eval('form', (f) => f.getAttribute('aria-label'))).toContain('Nuclear Consultative Group');
    await notes.type('textarea', 'Firefox note on the NCG');
    await notes.click('button[type="submit"]');
    await notes.waitForFunction(() => document.body.textContent!.includes('Firefox note on the NCG'), { timeout: 10_000 });
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.textContent!.includes('Firefox note'))).toBe(false);

    // After a reload the note comes back: it lives in the extension's storage, not the page's (which is empty).
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-concept-id="ncg"]').length > 0, { timeout: 20_000 });
    await page.click('[data-concept-id="ncg"]');
    const again = await firefoxNotesFrame(page);
    await again.waitForFunction(() => document.body.textContent!.includes('Firefox note on the NCG'), { timeout: 10_000 });
    expect(await page.evaluate(() => document.body.textContent!.includes('Firefox note'))).toBe(false);
  });

  it('highlights and shows a styled, working card under a strict CSP, with no console errors', async () => {
    const page = await firefox.browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.origin}/csp/strict.html`);
    await page.waitForFunction(() => document.getElementById('component')?.shadowRoot?.querySelector('[data-concept-id]') && document.querySelectorAll('[data-concept-id]').length >= 3, { timeout: 20_000 });
    await page.click('[data-concept-id="sma"]');
    const notes = await firefoxNotesFrame(page);
    expect(await page.evaluate(styledMarks)).toEqual({ mark: 'underline', shadowMark: 'underline' });
    expect(await notes.evaluate(() => innerHeight)).toBe(168);
    // The browser's own favicon request is refused by the page's policy; that error is not ours.
    expect(errors.filter((e) => !e.includes('/favicon.ico'))).toEqual([]);
    await page.close();
  });

  it("reaches the card's glossary link under More with the keyboard alone and opens the glossary", async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${server.origin}/demo/sample-article.html`);
    await page.waitForFunction(() => document.querySelectorAll('[data-concept-id="ncg"]').length > 0, { timeout: 20_000 });
    // Tab to the highlight and pin its card with Enter, as a keyboard user does (focus goes to the card's Close).
    await page.focus('[data-concept-id="ncg"]');
    await page.keyboard.press('Enter');
    const notes = await firefoxNotesFrame(page);
    await notes.waitForSelector('button.add-note');
    // The card is a closed shadow root the test cannot look into: the keys tell the way. From Close: Tab past
    // "In Korean" (the NCG has a Korean text) and the notes frame (its one control, Add note) to More; Enter opens it.
    for (let i = 0; i < 3; i++) await humanKey(page, 'Tab');
    await humanKey(page, 'Enter');
    // Back round the pinned card's focus cycle: Shift+Tab from More to the frame, In Korean, Close, then it
    // wraps to the card's last control, which with More open is the glossary link.
    for (let i = 0; i < 4; i++) await humanKey(page, 'Shift+Tab');
    await humanKey(page, 'Enter');
    expect((await tabAt('/dashboard.html#/glossary/ncg')).href).toMatch(/^moz-extension:\/\//);
    expect(page.url()).toBe(`${server.origin}/demo/sample-article.html`);
    await page.close();
  });

  it('greets the install with the welcome page, which names the shortcut Firefox really assigned', async () => {
    const welcome = await tabAt('/dashboard.html#/welcome');
    expect(welcome.href).toMatch(/^moz-extension:\/\//);
    // Firefox assigns every suggested key too, and the welcome page names the passage-note key it really has.
    const commands = await welcome.tab.evaluate(() => (globalThis as unknown as { browser: { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } } }).browser.commands.getAll());
    expect(commands.map((c) => `${c.name}=${c.shortcut}`).sort()).toEqual(['add-passage-note=Alt+Shift+M', 'next-highlight=Alt+Shift+J', 'previous-highlight=Alt+Shift+K', 'toggle-highlights=Alt+Shift+H']);
    // The key is read from commands.getAll() after the page first renders.
    await welcome.tab.waitForFunction(() => document.body.textContent?.includes('press Alt+Shift+M'), { timeout: 10_000 });
  });
});

/** One key (or Shift+key), then a reader's pause. */
async function humanKey(page: Page, key: string) {
  const [modifier, name] = key.includes('+') ? key.split('+') : [undefined, key];
  if (modifier) await page.keyboard.down(modifier as 'Shift');
  await page.keyboard.press(name as 'Tab');
  if (modifier) await page.keyboard.up(modifier as 'Shift');
  await humanPause();
}

/**
 * The address of the tab whose location ends with `suffix`, once there is one.
 * Puppeteer reports moz-extension tabs as about:blank, so each tab is asked itself.
 */
async function tabAt(suffix: string): Promise<{ tab: Page; href: string }> {
  let found: { tab: Page; href: string } | undefined;
  await expect
    .poll(async () => {
      for (const tab of await firefox.browser.pages()) {
        const href = await tab.evaluate(() => location.href).catch(() => '');
        if (href.endsWith(suffix)) found = { tab, href };
      }
      return found?.href;
    }, { timeout: 20_000 })
    .toBeDefined();
  return found!;
}
