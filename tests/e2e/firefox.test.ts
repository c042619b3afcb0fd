/**
 * Firefox ESR (WebDriver BiDi): highlight, shadow-root card, a note saved in
 * the moz-extension origin, and a page with a strict CSP (Firefox is where
 * injected styles get stripped by page policies).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import { startServer, strictCspPage, styledLook, type PageServer } from './harness';

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
  it('highlights, opens the card in a shadow root and saves a note in the extension origin', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${server.origin}/demo/sample-article.html`);
    await page.waitForFunction(() => document.querySelectorAll('[data-concept-id]').length > 10, { timeout: 20_000 });
    const ids = await page.evaluate(() => [...new Set([...document.querySelectorAll<HTMLElement>('[data-concept-id]')].map((e) => e.dataset.conceptId))]);
    expect(ids).toContain('sma');

    await page.click('[data-concept-id="ncg"]');
    await page.waitForFunction(() => !!document.querySelector('alliance-lens-ui')?.shadowRoot?.querySelector('[role="dialog"]'), { timeout: 10_000 });
    const heading = await page.evaluate(() => document.querySelector('alliance-lens-ui')!.shadowRoot!.querySelector('h2')!.textContent);
    expect(heading).toBe('Nuclear Consultative Group');
    // The card is styled (constructed stylesheet), not raw unstyled HTML.
    const width = await page.evaluate(() => document.querySelector('alliance-lens-ui')!.shadowRoot!.querySelector<HTMLElement>('#alliance-lens-card')!.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(200);
    expect(width).toBeLessThanOrEqual(362);

    await page.evaluate(() => document.querySelector('alliance-lens-ui')!.shadowRoot!.querySelector<HTMLButtonElement>('button.add-note')!.click());
    await page.waitForFunction(() => !!document.querySelector('alliance-lens-ui')?.shadowRoot?.querySelector('textarea'));
    await page.evaluate(() => {
      const root = document.querySelector('alliance-lens-ui')!.shadowRoot!;
      const area = root.querySelector('textarea')!;
      area.value = 'Firefox note on the NCG';
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.evaluate(() => document.querySelector('alliance-lens-ui')!.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    await page.waitForFunction(() => document.querySelector('alliance-lens-ui')?.shadowRoot?.textContent?.includes('Firefox note on the NCG'), { timeout: 10_000 });
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);

    // After a reload the note comes back: it lives in the extension's storage, not the page's (which is empty).
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-concept-id="ncg"]').length > 0, { timeout: 20_000 });
    await page.click('[data-concept-id="ncg"]');
    await page.waitForFunction(() => document.querySelector('alliance-lens-ui')?.shadowRoot?.textContent?.includes('Firefox note on the NCG'), { timeout: 10_000 });
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
    await page.waitForFunction(() => !!document.querySelector('alliance-lens-ui')?.shadowRoot?.querySelector('[role="dialog"]'), { timeout: 10_000 });
    const look = await page.evaluate(styledLook);
    expect(look).toMatchObject({ mark: 'underline', shadowMark: 'underline', card: { position: 'fixed', radius: '10px' } });
    expect(look.card!.width).toBeGreaterThan(200);
    expect(look.card!.width).toBeLessThanOrEqual(362);
    // The browser's own favicon request is refused by the page's policy; that error is not ours.
    expect(errors.filter((e) => !e.includes('/favicon.ico'))).toEqual([]);
    await page.close();
  });

  it('opens the glossary page of a concept from the card link clicked with the mouse, and greeted the install with the welcome page', async () => {
    const welcome = await tabAt('/dashboard.html#/welcome');
    expect(welcome.href).toMatch(/^moz-extension:\/\//);
    // Firefox assigns every suggested key too, and the welcome page names the passage-note key it really has.
    const commands = await welcome.tab.evaluate(() => (globalThis as unknown as { browser: { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } } }).browser.commands.getAll());
    expect(commands.map((c) => `${c.name}=${c.shortcut}`).sort()).toEqual(['add-passage-note=Alt+Shift+M', 'next-highlight=Alt+Shift+J', 'previous-highlight=Alt+Shift+K', 'toggle-highlights=Alt+Shift+H']);
    expect(await welcome.tab.evaluate(() => document.body.textContent)).toContain('press Alt+Shift+M');
    const page = await firefox.browser.newPage();
    await page.goto(`${server.origin}/demo/sample-article.html`);
    await page.waitForFunction(() => document.querySelectorAll('[data-concept-id="ncg"]').length > 0, { timeout: 20_000 });
    await page.click('[data-concept-id="ncg"]');
    await page.waitForFunction(() => !!document.querySelector('alliance-lens-ui')?.shadowRoot?.querySelector('[role="dialog"] .glossary-link'), { timeout: 10_000 });
    const link = await page.evaluate(() => {
      const a = document.querySelector('alliance-lens-ui')!.shadowRoot!.querySelector('.glossary-link')!;
      a.scrollIntoView({ block: 'center' });
      const r = a.getBoundingClientRect();
      return { x: r.x + 10, y: r.y + r.height / 2 };
    });
    await page.mouse.move(link.x, link.y, { steps: 5 });
    await page.mouse.click(link.x, link.y);
    expect((await tabAt('/dashboard.html#/glossary/ncg')).href).toMatch(/^moz-extension:\/\//);
    expect(page.url()).toBe(`${server.origin}/demo/sample-article.html`);
    await page.close();
  });
});

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
