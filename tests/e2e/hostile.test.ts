/** Hostile pages: a strict CSP, text rewritten every 10 ms, deep and huge DOMs, editors, synthetic events. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCard, strictCspPage, styledCard, styledMarks, useExtensionBrowser, waitForHighlights, paintAllHighlights } from './harness';

function generatedPage(kind: 'deep' | 'huge'): string {
  const text = 'The Special Measures Agreement and US Forces Korea in Seoul.';
  if (kind === 'deep') return `<!doctype html><title>deep</title><body>${'<div>'.repeat(2000)}<p>${text}</p>${'</div>'.repeat(2000)}</body>`;
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
  await page.waitForFunction(() => document.querySelector('#al-probe [data-concept-id]') !== null, null, { timeout: 10_000 });
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
    await page.locator('[data-concept-id="sma"]').first().hover();
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Special Measures Agreement' });
    expect(await page.evaluate(styledMarks)).toEqual({ mark: 'underline', shadowMark: 'underline' });
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
    await page.waitForFunction(() => document.querySelectorAll('#ticker [data-concept-id]').length >= 2, null, { timeout: 5_000 });
    expect(await page.locator('#ticker').textContent()).toBe('tick 200: USFK and the NCG in Seoul');
    // Once the page is quiet, the extension is quiet too: no further DOM changes at all.
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
      expect(await page.locator('p [data-concept-id="sma"]').count()).toBe(1);
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
    expect(await editor.locator('[data-concept-id]').count()).toBe(0);
    await page.close();
  });

  it('ignores synthetic events from page scripts: a page cannot open or drive the card', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForHighlights(page, 5);
    // The page rides on the reader's real input: when the reader's pointer reaches the NCG, it fires its own events
    // at the SMA, after the extension heard the real one. Had the card taken any of them, the SMA's card would open
    // (a hover on it replaces the NCG's pending one, a click pins it) and the NCG's never would.
    await page.evaluate(() => {
      const w = window as unknown as { forged: number };
      w.forged = 0;
      document.addEventListener('pointerover', (e) => {
        if (!e.isTrusted || w.forged || !(e.target as Element).closest('[data-concept-id="ncg"]')) return;
        const mark = document.querySelector('[data-concept-id="sma"]')!;
        for (const type of ['pointerover', 'mouseover', 'focusin', 'click']) mark.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
        window.postMessage({ type: 'notes:deleteAll', data: { confirm: true } }, '*');
        w.forged++;
      });
    });
    await page.locator('[data-concept-id="ncg"]').first().hover();
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
    const before = await page.locator('[data-concept-id]').count();
    const posted = await page.evaluate(() => JSON.stringify((window as unknown as { posted: unknown[] }).posted));
    expect(posted).not.toContain(env.browser.extensionId);
    expect(posted).not.toContain('content-script-started');
    // Guesses at the start-up event of a newer copy of the content script.
    await page.evaluate(() => {
      for (const type of ['wxt:content-script-started', 'content:wxt:content-script-started', 'undefined:content:wxt:content-script-started']) {
        document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'content', messageId: 'page' } }));
      }
    });
    await page.mouse.move(200, 300);
    // Still running: a new mention is highlighted, and the earlier ones are all still there.
    await probeHighlighter(page);
    expect(await page.locator('[data-concept-id]').count()).toBe(before + 1);
    await page.close();
  });
});
