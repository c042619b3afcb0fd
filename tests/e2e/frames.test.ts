/**
 * Pages made of several trees: open and closed shadow roots, same-origin and
 * cross-origin iframes. Each frame is highlighted by its own content script;
 * a closed shadow root stays the page's private business. Highlights are read
 * as the page could, from each document's `CSS.highlights`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openCard,
  paintedCount,
  setSettings,
  startServer,
  termCentre,
  useExtensionBrowser,
  waitForSettledHighlights,
  type PageServer,
} from './harness';

const PARAGRAPH = (text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Alliance frames</title></head><body><p>${text}</p></body></html>`;

/** A second server: a different port is a different origin. */
let other: PageServer;
beforeAll(async () => {
  other = await startServer([
    (req, res) => {
      if (req.url !== '/cross.html') return false;
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(PARAGRAPH('Cross-origin frame: the Nuclear Consultative Group met.'));
      return true;
    },
  ]);
});
afterAll(() => other?.close());

const MAIN =
  () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>US-ROK alliance: frames and components</title></head><body>
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
  window.closedRoot = () => closed;
</script>
</body></html>`;

const env = useExtensionBrowser([
  (req, res) => {
    const body =
      req.url === '/frames/main.html'
        ? MAIN()
        : req.url === '/frames/same.html'
          ? PARAGRAPH('Same-origin frame: USFK and the Washington Declaration.')
          : null;
    if (body === null) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    return true;
  },
]);

describe('frames and shadow roots', () => {
  it('highlights open shadow roots and every frame by its own script, never closed shadow roots, and leaves them all as they were', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/frames/main.html`);
    await waitForSettledHighlights(page, { minMs: 500 });
    const shadowBefore = await page.evaluate(() => document.getElementById('open-card')!.shadowRoot!.innerHTML);
    const closedBefore = await page.evaluate(() => (window as unknown as { closedHtml(): string }).closedHtml());

    // The concepts painted in a tree: the light DOM under a selector, or an element of the open shadow root.
    const ids = (where: { light: string } | { shadow: string }) =>
      page.evaluate((w) => {
        const root =
          'light' in w ? document.querySelector(w.light)! : document.getElementById('open-card')!.shadowRoot!.getElementById(w.shadow)!;
        return [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)]
          .filter(([name]) => name.startsWith('alliance-lens--'))
          .flatMap(([name, ranges]) =>
            [...ranges].filter((r) => root.contains(r.startContainer)).map(() => name.slice('alliance-lens--'.length)),
          )
          .sort();
      }, where);
    expect(await ids({ light: '#light' })).toEqual(['sma', 'usfk']);
    expect(await ids({ shadow: 'inside' })).toEqual(['ncg']);
    expect(await ids({ light: '#open-card > [slot]' })).toEqual(['washington-declaration']);
    // Nothing painted in the closed root.
    expect(
      await page.evaluate(() => {
        const closed = (window as unknown as { closedRoot(): ShadowRoot }).closedRoot();
        return [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>).values()]
          .flatMap((h) => [...h])
          .filter((r) => r.startContainer.getRootNode() === closed).length;
      }),
    ).toBe(0);

    const frameIds = async (name: string) => {
      const frame = page.frames().find((f) => f.url().endsWith(name))!;
      const painted = () =>
        frame.evaluate(() =>
          [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)]
            .filter(([n, h]) => n.startsWith('alliance-lens--') && h.size > 0)
            .map(([n]) => n.slice('alliance-lens--'.length))
            .sort(),
        );
      await expect.poll(async () => (await painted()).length, { timeout: 15_000 }).toBeGreaterThan(0);
      return painted();
    };
    expect(await frameIds('/frames/same.html')).toEqual(['usfk', 'washington-declaration']);
    expect(await frameIds('/cross.html')).toEqual(['ncg']);

    // The shadow root adopts the highlights' rules, and the highlight there explains itself on hover.
    expect(
      await page.evaluate(() =>
        document
          .getElementById('open-card')!
          .shadowRoot!.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes('alliance-lens--ncg'))),
      ),
    ).toBe(true);
    const at = await termCentre(page, 'ncg');
    await page.mouse.move(at.x, at.y, { steps: 6 });
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Nuclear Consultative Group' });
    await page.keyboard.press('Escape');

    await setSettings(env.browser, { enabled: false });
    await expect.poll(() => paintedCount(page)).toBe(0);
    const shadowAfter = await page.evaluate(() => ({
      html: document.getElementById('open-card')!.shadowRoot!.innerHTML,
      sheets: document.getElementById('open-card')!.shadowRoot!.adoptedStyleSheets.length,
    }));
    expect(shadowAfter).toEqual({ html: shadowBefore, sheets: 0 });
    expect(await page.evaluate(() => (window as unknown as { closedHtml(): string }).closedHtml())).toBe(closedBefore);
    await setSettings(env.browser, { enabled: true });
    await page.close();
  });
});
