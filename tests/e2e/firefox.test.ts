/**
 * Firefox ESR (WebDriver BiDi): highlight, the card with its notes frame, a
 * note saved in the moz-extension origin, and a page with a strict CSP (Firefox is where
 * injected styles get stripped by page policies).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { firefoxNotesFrame } from '../../scripts/firefox';
import {
  drivenPuppeteerPage,
  humanPause,
  paintedMentions,
  strictCspPage,
  styledHighlights,
  termCentre,
  waitForPainted,
  useFirefoxWithExtension,
} from './harness';

const env = useFirefoxWithExtension([strictCspPage]);
/** The tab the extension opened on install: found before the tests, so no test's clean-up takes it for its own. */
let welcome: { tab: Page; href: string };

beforeAll(async () => {
  welcome = await tabAt('/dashboard.html#/welcome');
});

describe('Firefox ESR', () => {
  it('highlights, opens the card with its notes frame and saves a note in the extension origin', async () => {
    const page = await env.firefox.browser.newPage();
    // Room for the whole card beside its term (with less, the notes frame gives up height to fit the view).
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForPainted(drivenPuppeteerPage(page), 11);
    const ids = (await paintedMentions(drivenPuppeteerPage(page))).map((m) => m.conceptId);
    expect(ids).toContain('sma');

    await clickTerm(page, 'ncg');
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
    await waitForPainted(drivenPuppeteerPage(page));
    await clickTerm(page, 'ncg');
    const again = await firefoxNotesFrame(page);
    await again.waitForFunction(() => document.body.textContent!.includes('Firefox note on the NCG'), { timeout: 10_000 });
    expect(await page.evaluate(() => document.body.textContent!.includes('Firefox note'))).toBe(false);
  });

  it('highlights and shows a styled, working card under a strict CSP, with no console errors', async () => {
    const page = await env.firefox.browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${env.server.origin}/csp/strict.html`);
    await waitForPainted(drivenPuppeteerPage(page), 3);
    await expect.poll(async () => (await page.evaluate(styledHighlights)).painted, { timeout: 20_000 }).toBe(true);
    await clickTerm(page, 'sma');
    const notes = await firefoxNotesFrame(page);
    expect(await page.evaluate(styledHighlights)).toEqual({ mark: 'underline', shadowMark: 'underline', painted: true });
    expect(await notes.evaluate(() => innerHeight)).toBe(168);
    // The browser's own favicon request is refused by the page's policy; that error is not ours.
    expect(errors.filter((e) => !e.includes('/favicon.ico'))).toEqual([]);
    await page.close();
  });

  it("reaches the card's glossary link under More with the keyboard alone and opens the glossary", async () => {
    const page = await env.firefox.browser.newPage();
    await page.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForPainted(drivenPuppeteerPage(page));
    // The NCG chosen in the popup's list of the page's concepts (a keyboard user's way to a given term): its card
    // opens pinned, with focus on the card's Close.
    await toTab(page, 'page:reveal', { conceptId: 'ncg' });
    await humanPause();
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
    expect(page.url()).toBe(`${env.server.origin}/demo/sample-article.html`);
    await page.close();
  });

  it('greets the install with the welcome page, which names the shortcut Firefox really assigned', async () => {
    expect(welcome.href).toMatch(/^moz-extension:\/\//);
    // Firefox assigns every suggested key too, and the welcome page names the passage-note key it really has.
    const commands = await welcome.tab.evaluate(() =>
      (
        globalThis as unknown as { browser: { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } } }
      ).browser.commands.getAll(),
    );
    expect(commands.map((c) => `${c.name}=${c.shortcut}`).sort()).toEqual([
      'add-passage-note=Alt+Shift+M',
      'next-highlight=Alt+Shift+J',
      'previous-highlight=Alt+Shift+K',
      'toggle-highlights=Alt+Shift+H',
    ]);
    // The key is read from commands.getAll() after the page first renders.
    await welcome.tab.waitForFunction(() => document.body.textContent?.includes('press Alt+Shift+M'), { timeout: 10_000 });
  });
});

/**
 * Clicks a highlighted mention with the real mouse, as a reader does, near the top of the view: the driver
 * cannot scroll inside the card's closed root, so the card opens below the term with room for its notes.
 */
async function clickTerm(page: Page, conceptId: string) {
  const at = await termCentre(drivenPuppeteerPage(page), conceptId, 0, 'start');
  await page.mouse.move(at.x, at.y, { steps: 6 });
  await humanPause();
  await page.mouse.click(at.x, at.y);
}

/** A message to the tab showing `page`, sent from an extension page as the popup sends it. */
async function toTab(page: Page, type: string, data: unknown) {
  const { tab } = await tabAt('/dashboard.html#/welcome');
  await page.bringToFront();
  await tab.evaluate(
    async (message) => {
      const ext = (
        globalThis as unknown as {
          browser: { tabs: { query(q: object): Promise<{ id: number }[]>; sendMessage(id: number, m: unknown): Promise<unknown> } };
        }
      ).browser;
      // The page in front is the active tab.
      const [target] = await ext.tabs.query({ active: true });
      // @webext-core/messaging's wire format.
      await ext.tabs.sendMessage(target!.id, { id: 1, ...message, timestamp: Date.now() });
    },
    { type, data },
  );
}

/** One key with its modifiers ("Shift+Tab", "Alt+Shift+J"), then a reader's pause. */
async function humanKey(page: Page, key: string) {
  const parts = key.split('+');
  const name = parts.pop()!;
  for (const modifier of parts) await page.keyboard.down(modifier as 'Shift');
  await page.keyboard.press(name as 'Tab');
  for (const modifier of parts.reverse()) await page.keyboard.up(modifier as 'Shift');
  await humanPause();
}

/**
 * The address of the tab whose location ends with `suffix`, once there is one.
 * Puppeteer reports moz-extension tabs as about:blank, so each tab is asked itself.
 */
async function tabAt(suffix: string): Promise<{ tab: Page; href: string }> {
  for (const deadline = Date.now() + 20_000; ; await new Promise((ok) => setTimeout(ok, 200))) {
    for (const tab of await env.firefox.browser.pages()) {
      const href = await tab.evaluate(() => location.href).catch(() => '');
      if (href.endsWith(suffix)) return { tab, href };
    }
    if (Date.now() > deadline) throw new Error(`No tab showed ${suffix} within 20 s`);
  }
}
