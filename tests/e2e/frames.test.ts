/**
 * Pages made of several trees: open and closed shadow roots, same-origin and
 * cross-origin iframes. Each frame is highlighted by its own content script;
 * a closed shadow root stays the page's private business.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCard, setSettings, startServer, useExtensionBrowser, waitForSettledHighlights, type PageServer } from './harness';

const PARAGRAPH = (text: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Alliance frames</title></head><body><p>${text}</p></body></html>`;

/** A second server: a different port is a different origin. */
let other: PageServer;
beforeAll(async () => {
  other = await startServer([
    (req, res) => {
      if (req.url !== '/cross.html') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PARAGRAPH('Cross-origin frame: the Nuclear Consultative Group met.'));
      return true;
    },
  ]);
});
afterAll(() => other?.close());

const MAIN = () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>US-ROK alliance: frames and components</title></head><body>
<p id="light">The Special Measures Agreement sets what Seoul pays for USFK.</p>
<news-card id="open-card"><span slot="byline">Filed on the Washington Declaration</span></news-card>
<news-card id="closed-card"></news-card>
<iframe id="same" src="/frames/same.html" width="600" height="80"></iframe>
<iframe id="cross" src="${other.origin}/cross.html" width="600" height="80"></iframe>
<script>
  const open = document.getElementById('open-card').attachShadow({ mode: 'open' });
  open.innerHTML = '<style>p { font: 16px serif; }</style><h3>Component</h3><p id="inside">The Nuclear Consultative Group met in Washington. <slot name="byline"></slot></p>';
  const closed = document.getElementById('closed-card').attachShadow({ mode: 'closed' });
  closed.innerHTML = '<p>Closed: the Special Measures Agreement and USFK.</p>';
  window.closedHtml = () => closed.innerHTML;
</script>
</body></html>`;

const env = useExtensionBrowser([
  (req, res) => {
    const body = req.url === '/frames/main.html' ? MAIN() : req.url === '/frames/same.html' ? PARAGRAPH('Same-origin frame: USFK and the Washington Declaration.') : null;
    if (body === null) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    return true;
  },
]);

describe('frames and shadow roots', () => {
  it('highlights open shadow roots and every frame by its own script, never closed shadow roots, and restores them all', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/frames/main.html`);
    await waitForSettledHighlights(page, { minMs: 500 });
    const shadowBefore = await page.evaluate(() => document.getElementById('open-card')!.shadowRoot!.innerHTML);
    const closedBefore = await page.evaluate(() => (window as unknown as { closedHtml(): string }).closedHtml());

    const ids = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.conceptId).sort());
    expect(await ids('#light [data-concept-id]')).toEqual(['sma', 'usfk']);
    // Playwright's CSS locators pierce open shadow roots.
    expect(await ids('#inside [data-concept-id]')).toEqual(['ncg']);
    expect(await ids('#open-card > [slot] [data-concept-id]')).toEqual(['washington-declaration']);
    expect(closedBefore).not.toContain('data-concept-id');

    const frameIds = async (id: string) => {
      const frame = page.frameLocator(`#${id}`);
      await expect.poll(() => frame.locator('[data-concept-id]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      return frame.locator('[data-concept-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.conceptId).sort());
    };
    expect(await frameIds('same')).toEqual(['usfk', 'washington-declaration']);
    expect(await frameIds('cross')).toEqual(['ncg']);

    // The mark inside the shadow root is styled (its sheet is adopted there) and explains itself on hover.
    const mark = page.locator('#inside [data-concept-id="ncg"]');
    expect(await mark.evaluate((m) => getComputedStyle(m).textDecorationLine)).toContain('underline');
    await mark.hover();
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Nuclear Consultative Group' });
    await page.keyboard.press('Escape');

    await setSettings(env.browser, { enabled: false });
    await expect.poll(() => page.locator('[data-concept-id]').count()).toBe(0);
    expect(await page.evaluate(() => document.getElementById('open-card')!.shadowRoot!.innerHTML)).not.toContain('al-mark');
    const shadowAfter = await page.evaluate(() => ({ html: document.getElementById('open-card')!.shadowRoot!.innerHTML, sheets: document.getElementById('open-card')!.shadowRoot!.adoptedStyleSheets.length }));
    expect(shadowAfter).toEqual({ html: shadowBefore.replace(/<al-mark[^>]*>|<\/al-mark>/g, ''), sheets: 0 });
    expect(await page.evaluate(() => (window as unknown as { closedHtml(): string }).closedHtml())).toBe(closedBefore);
    await setSettings(env.browser, { enabled: true });
    await page.close();
  });
});
