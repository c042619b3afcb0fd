/** Hostile pages: a strict CSP, text rewritten every 10 ms, deep and huge DOMs, editors, synthetic events. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  openCard,
  paintedCount,
  paintedWithin,
  strictCspPage,
  styledCard,
  styledHighlights,
  termBox,
  termCentre,
  useExtensionBrowser,
  waitForHighlights,
  paintAllHighlights,
} from './harness';

function generatedPage(kind: 'deep' | 'huge'): string {
  const text = 'The Special Measures Agreement and US Forces Korea in Seoul.';
  if (kind === 'deep')
    return `<!doctype html><title>deep</title><body>${'<div>'.repeat(2000)}<p>${text}</p>${'</div>'.repeat(2000)}</body>`;
  return `<!doctype html><title>huge</title><body>${Array.from({ length: 50_000 }, (_, i) => `<span>${i % 500 === 0 ? 'NCG ' : 'x '}</span>`).join('')}<p>${text}</p></body>`;
}

/**
 * Adds a mention at the top of the page and waits until it is highlighted: the highlighter has
 * then handled every earlier change, so whatever it was going to do to them is done.
 */
async function probeHighlighter(page: Page) {
  await page.evaluate(() => {
    const probe = document.createElement('p');
    probe.id = 'al-probe';
    probe.textContent = 'USFK';
    document.body.prepend(probe);
  });
  await page.waitForFunction(paintedWithin, ['#al-probe', null] as const, { timeout: 10_000 });
}

const env = useExtensionBrowser([
  (req, res) => {
    const m = /^\/generated\/(deep|huge)\.html$/.exec(req.url ?? '');
    if (!m) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(generatedPage(m[1] as 'deep' | 'huge'));
    return true;
  },
  strictCspPage,
]);

describe('hostile pages', () => {
  it('highlights and shows a styled, working card under a strict CSP, with no console errors from the extension', async () => {
    const page = await env.browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.server.origin}/csp/strict.html`);
    await waitForHighlights(page, 3);
    const at = await termCentre(page, 'sma');
    await page.mouse.move(at.x, at.y, { steps: 6 });
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Special Measures Agreement' });
    expect(await page.evaluate(styledHighlights)).toEqual({ mark: 'underline', shadowMark: 'underline', painted: true });
    const card = await styledCard(page);
    expect(card).toMatchObject({ position: 'fixed', radius: '10px' });
    expect(card!.width).toBeLessThanOrEqual(362);
    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
    await page.close();
  });

  it('keeps up with text rewritten every 10 ms and stops working when the page stops (no feedback loop)', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/fixtures/rewrite-10ms.html`);
    await page.waitForFunction(() => document.title === 'done', null, { timeout: 20_000 });
    await expect.poll(() => page.evaluate(paintedWithin, ['#ticker', null] as const), { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#ticker').textContent()).toBe('tick 200: USFK and the NCG in Seoul');
    // Once the page is quiet, the extension is quiet too: no DOM changes at all.
    const changes = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          let n = 0;
          const observer = new MutationObserver((records) => (n += records.length));
          observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
          setTimeout(() => {
            observer.disconnect();
            done(n);
          }, 1500);
        }),
    );
    expect(changes).toBe(0);
    await page.close();
  });

  it('handles 2,000-level nesting and 50,000 tiny elements', async () => {
    for (const kind of ['deep', 'huge'] as const) {
      const page = await env.browser.context.newPage();
      await page.goto(`${env.server.origin}/generated/${kind}.html`);
      await waitForHighlights(page, 2);
      await paintAllHighlights(page);
      expect(await page.evaluate(paintedWithin, ['p', 'sma'] as const)).toBe(1);
      await page.close();
    }
  });

  it('never touches an editor, and typing next to highlights keeps the caret where it is', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/fixtures/editable.html`);
    await waitForHighlights(page, 2);
    const editor = page.locator('#editor');
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' talks and the USFK budget');
    await probeHighlighter(page);
    expect(await editor.textContent()).toBe('Draft: the SMA talks and the USFK budget');
    expect(await page.evaluate(paintedWithin, ['#editor', null] as const)).toBe(0);
    await page.close();
  });

  it('ignores synthetic events from page scripts: a page cannot open or drive the card', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForHighlights(page, 5);
    // The page rides on the reader's real input: when the reader's pointer reaches the NCG (found as any page can,
    // through CSS.highlights), it fires its own events at the SMA, after the extension heard the real one. Had the
    // card taken any of them, the SMA's card would open (a hover replaces the NCG's pending one, a click pins it)
    // and the NCG's never would.
    const ncg = await termBox(page, 'ncg');
    await page.evaluate((n) => {
      const w = window as unknown as { forged: number };
      w.forged = 0;
      document.addEventListener('pointermove', (e) => {
        if (!e.isTrusted || w.forged || e.clientX < n.x || e.clientX > n.x + n.width || e.clientY < n.y || e.clientY > n.y + n.height)
          return;
        const [r] = [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get('alliance-lens--sma')!];
        const range = document.createRange();
        range.setStart(r!.startContainer, r!.startOffset);
        range.setEnd(r!.endContainer, r!.endOffset);
        const s = range.getBoundingClientRect();
        const [x, y] = [s.x + s.width / 2, s.y + s.height / 2];
        const target = range.startContainer.parentElement!;
        for (const type of ['pointermove', 'pointerover', 'mousemove', 'focusin', 'click'])
          target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }));
        window.postMessage({ type: 'notes:deleteAll', data: { confirm: true } }, '*');
        w.forged++;
      });
    }, ncg);
    await page.mouse.move(ncg.x + ncg.width / 2, ncg.y + ncg.height / 2, { steps: 6 });
    await expect.poll(() => openCard(page), { timeout: 10_000 }).not.toBeNull();
    expect(await openCard(page)).toEqual({ role: 'tooltip', name: 'Nuclear Consultative Group' });
    expect(await page.evaluate(() => (window as unknown as { forged: number }).forged)).toBe(1);
    await page.close();
  });

  it('tells the page nothing about the extension, so a page cannot stop it by imitating its start-up signal', async () => {
    const page = await env.browser.context.newPage();
    // Everything posted to the page's window, recorded before any other script runs.
    await page.addInitScript(() => {
      (window as unknown as { posted: unknown[] }).posted = [];
      addEventListener('message', (e) => (window as unknown as { posted: unknown[] }).posted.push(e.data));
    });
    await page.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForHighlights(page, 5);
    const before = await paintedCount(page);
    const posted = await page.evaluate(() => JSON.stringify((window as unknown as { posted: unknown[] }).posted));
    expect(posted).not.toContain(env.browser.extensionId);
    expect(posted).not.toContain('content-script-started');
    // Guesses at the start-up event of a newer copy of the content script.
    await page.evaluate(() => {
      for (const type of [
        'wxt:content-script-started',
        'content:wxt:content-script-started',
        'undefined:content:wxt:content-script-started',
      ]) {
        document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'content', messageId: 'page' } }));
      }
    });
    await page.mouse.move(200, 300);
    // Still running: a new mention is highlighted, and the earlier ones are all still there.
    await probeHighlighter(page);
    expect(await paintedCount(page)).toBe(before + 1);
    await page.close();
  });
});
