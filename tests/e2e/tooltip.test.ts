/** The concept card in Chromium: hover, hover onto the card, Escape, the keyboard shortcut path, isolation from page CSS. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCard, tabIdOf, waitForHighlights, useExtensionBrowser } from './harness';

const env = useExtensionBrowser();

async function openArticle(path = '/demo/sample-article.html'): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await waitForHighlights(page, 3);
  return page;
}

/** What the background sends when the reader presses a command shortcut. */
async function pressCommand(page: Page, command: string) {
  const tabId = await tabIdOf(env.browser, page);
  // Highlights can appear before the content script listens for messages: retry until it answers.
  await expect.poll(() => sendCommand(tabId, command).then(() => true, () => false)).toBe(true);
}

async function sendCommand(tabId: number, command: string) {
  await env.browser.serviceWorker.evaluate(
    async ([id, cmd]) => {
      // @webext-core/messaging's wire format, as the background's commands listener sends it.
      await (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome.tabs.sendMessage(id as number, { id: 1, type: 'page:command', data: { command: cmd }, timestamp: Date.now() });
    },
    [tabId, command] as const,
  );
}

describe('concept card', () => {
  it('opens on hover with the right concept, stays open on the card, closes on Escape', async () => {
    const page = await openArticle();
    const term = page.locator('[data-concept-id="rsf"]').first();
    await term.scrollIntoViewIfNeeded();
    await term.hover();
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'tooltip', name: 'Regional Sustainment Framework' });
    expect(await term.getAttribute('aria-describedby')).toBe('alliance-lens-card');

    // Move onto the card: it stays (WCAG 1.4.13 hoverable).
    const card = page.locator('alliance-lens-ui').locator('#alliance-lens-card');
    const box = (await card.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 8 });
    await page.waitForTimeout(700);
    expect(await openCard(page)).not.toBeNull();

    await page.keyboard.press('Escape');
    await expect.poll(() => openCard(page)).toBeNull();
    expect(await term.getAttribute('aria-describedby')).toBeNull();
    await page.close();
  });

  it('closes after the pointer leaves, with a grace period', async () => {
    const page = await openArticle();
    await page.locator('[data-concept-id="pipir"]').first().hover();
    await expect.poll(() => openCard(page)).not.toBeNull();
    await page.mouse.move(5, 5);
    await expect.poll(() => openCard(page)).toBeNull();
    await page.close();
  });

  it('opens a pinned card on the next highlight from the keyboard shortcut, and Tab stays in the card', async () => {
    const page = await openArticle();
    await pressCommand(page, 'next-highlight');
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog' });
    const first = await page.evaluate(() => (document.querySelector('alliance-lens-ui')!.shadowRoot!.activeElement as HTMLElement | null)?.tagName);
    expect(first).toBe('BUTTON');
    for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.querySelector('alliance-lens-ui')?.shadowRoot?.activeElement)).toBe(true);
    await pressCommand(page, 'next-highlight');
    await expect.poll(async () => (await openCard(page))?.name).not.toBe(undefined);
    await page.keyboard.press('Escape');
    await expect.poll(() => openCard(page)).toBeNull();
    await page.close();
  });

  it('switches to a related concept and back', async () => {
    const page = await openArticle();
    await page.locator('[data-concept-id="sma"]').first().click();
    const host = page.locator('alliance-lens-ui');
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Special Measures Agreement' });
    await host.getByRole('button', { name: 'Status of Forces Agreement (1966)' }).click();
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Status of Forces Agreement (1966)' });
    await host.getByRole('button', { name: 'Back to the previous concept' }).click();
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Special Measures Agreement' });
    await page.close();
  });

  it('lives in a shadow root that the page stylesheet does not reach', async () => {
    const page = await openArticle('/fixtures/hostile-styles.html');
    await page.locator('[data-concept-id="sma"]').first().hover();
    await expect.poll(() => openCard(page)).not.toBeNull();
    const style = await page.evaluate(() => {
      const h2 = document.querySelector('alliance-lens-ui')!.shadowRoot!.querySelector('h2')!;
      const cs = getComputedStyle(h2);
      return { color: cs.color, fontSize: cs.fontSize, inShadow: h2.getRootNode() instanceof ShadowRoot };
    });
    expect(style.inShadow).toBe(true);
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    expect(style.fontSize).toBe('16px');
    await page.close();
  });

  it('causes no layout shift: the page content does not move when a card opens', async () => {
    const page = await openArticle();
    const para = page.locator('p').nth(2);
    const before = await para.boundingBox();
    await page.locator('[data-concept-id="rsf"]').first().hover();
    await expect.poll(() => openCard(page)).not.toBeNull();
    expect(await para.boundingBox()).toEqual(before);
    await page.close();
  });

  it('fits inside narrow and zoomed windows without covering its term', async () => {
    // 640 × 450 CSS pixels is a 1280 × 900 window at 200 % zoom; 360 × 640 a phone-sized window.
    for (const size of [{ width: 640, height: 450 }, { width: 360, height: 640 }]) {
      const page = await openArticle();
      await page.setViewportSize(size);
      const mark = page.locator('[data-concept-id="sma"]').nth(1);
      await mark.scrollIntoViewIfNeeded();
      await mark.click();
      await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog' });
      const card = page.locator('alliance-lens-ui #alliance-lens-card');
      await expect.poll(async () => (await card.boundingBox())?.width ?? 0).toBeGreaterThan(0);
      const box = (await card.boundingBox())!;
      const term = (await mark.boundingBox())!;
      expect(box.x, `left edge at ${size.width}px`).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `right edge at ${size.width}px`).toBeLessThanOrEqual(size.width);
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
      const overlaps = box.x < term.x + term.width && term.x < box.x + box.width && box.y < term.y + term.height && term.y < box.y + box.height;
      expect(overlaps, `card covers its term at ${size.width}px`).toBe(false);
      await card.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
      await page.screenshot({ path: `test-output/card-${size.width}x${size.height}.png` });
      await page.close();
    }
  });

  it('stays with its term when the page changes the paragraph and the term is wrapped again', async () => {
    const page = await openArticle();
    const para = page.locator('p', { has: page.locator('[data-concept-id="rsf"]') }).first();
    const mark = para.locator('[data-concept-id="rsf"]').first();
    await mark.click();
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog', name: 'Regional Sustainment Framework' });
    const old = await mark.elementHandle();
    await para.evaluate((p) => p.append(' Later, USFK said more.'));
    await expect.poll(() => old!.evaluate((m) => m.isConnected)).toBe(false);
    const term = (await para.locator('[data-concept-id="rsf"]').first().boundingBox())!;
    await expect
      .poll(async () => {
        const card = (await page.locator('alliance-lens-ui #alliance-lens-card').boundingBox())!;
        // Placed just below or just above the term (6 px apart), not left where the old element was.
        return Math.min(Math.abs(card.y - (term.y + term.height + 6)), Math.abs(card.y + card.height - (term.y - 6)));
      })
      .toBeLessThanOrEqual(2);
    expect(await openCard(page)).toMatchObject({ role: 'dialog' });
    await page.close();
  });

  it("keeps typing in the note editor away from the page's own keyboard shortcuts", async () => {
    const page = await openArticle();
    // Shortcut handlers as sites install them (bubbling listeners on the document and the window).
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      for (const target of [document, window]) for (const type of ['keydown', 'keypress', 'keyup']) target.addEventListener(type, (e) => seen.push(`${type}:${(e as KeyboardEvent).key}`));
    });
    await page.locator('[data-concept-id="sma"]').first().click();
    const host = page.locator('alliance-lens-ui');
    await host.getByRole('button', { name: 'Add note' }).click();
    await host.getByRole('textbox', { name: 'Note' }).pressSequentially('j k / ? g n');
    expect(await host.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('j k / ? g n');
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([]);
    await page.close();
  });
});
