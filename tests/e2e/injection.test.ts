/**
 * Markup and script in the reader's data: an imported backup whose notes,
 * tags, titles, quotes and page URL carry HTML, event handlers, `javascript:`
 * links and Markdown links. Everywhere they appear they are text, and no
 * script runs (a `window.__pwned` flag stays unset).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { notesFrame, openCard, useExtensionBrowser, waitForHighlights, clickTerm } from './harness';

const env = useExtensionBrowser();

const BODY = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '<svg onload="window.__pwned=1"></svg>',
  'javascript:window.__pwned=1',
  '[click me](javascript:window.__pwned=1)',
].join(' ');
const TAG = '<b onmouseover="window.__pwned=1">tag</b>';
const TITLE = '<img src=x onerror="window.__pwned=1"> title';
const QUOTE = '<script>window.__pwned=1</script> quoted';

const backup = JSON.stringify({
  format: 'alliance-lens-notes',
  version: 1,
  exportedAt: '2026-11-24T00:00:00.000Z',
  notes: [
    {
      id: 'inject-concept-01',
      kind: 'concept',
      conceptId: 'sma',
      body: BODY,
      tags: [TAG],
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
    },
    {
      id: 'inject-passage-01',
      kind: 'passage',
      conceptIds: ['sma'],
      body: `${BODY} (passage)`,
      tags: [],
      createdAt: 1_700_000_001_000,
      updatedAt: 1_700_000_001_000,
      target: {
        url: 'javascript:window.__pwned=1',
        title: TITLE,
        quote: { type: 'TextQuoteSelector', exact: QUOTE, prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: 10 },
      },
    },
  ],
});

/** No element the payloads could have created, and the flag unset. */
async function untouched(page: Page | Frame, root: string) {
  return page.evaluate((selector) => {
    const scopes = [...document.querySelectorAll(selector)].map((el) => el.shadowRoot ?? el);
    const injected = scopes
      .flatMap((scope) => [...scope.querySelectorAll('img, script, svg, b')])
      .filter((el) => /pwned/.test(el.outerHTML));
    return { injected: injected.length, pwned: (window as unknown as { __pwned?: number }).__pwned ?? null };
  }, root);
}

describe('markup in notes', () => {
  it('is text in the dashboard, the card and the exports, and never runs', async () => {
    const dash = await env.browser.openExtensionPage('dashboard.html#/notes');
    await dash
      .locator('input[type="file"]')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    await dash.getByRole('button', { name: 'Import now' }).click();
    await dash.getByText('Imported: 2 added').waitFor();

    await dash.getByText(BODY, { exact: true }).waitFor();
    await dash.getByText(`#${TAG}`).waitFor();
    await dash.getByText(QUOTE).waitFor();
    // The page title is shown, but a javascript: URL is never a link.
    expect(await dash.getByText(TITLE).evaluate((el) => el.tagName)).toBe('SPAN');
    expect(await dash.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await untouched(dash, '.content')).toEqual({ injected: 0, pwned: null });

    const exported = async (button: string) => {
      const [download] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: button }).click()]);
      return readFileSync((await download.path())!, 'utf8');
    };
    const markdown = await exported('Export Markdown');
    expect(markdown).toContain('&lt;img src=x onerror=');
    expect(markdown).not.toMatch(/<(img|script|svg|b)\b/);
    expect(markdown).not.toMatch(/\]\(javascript:/);
    const jsonld = JSON.parse(await exported('Export Web Annotations (JSON-LD)'));
    expect(JSON.stringify(jsonld)).toContain(JSON.stringify(BODY).slice(1, -1));
    await dash.close();

    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForHighlights(page, 5);
    await clickTerm(page, 'sma');
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Special Measures Agreement' });
    const notes = await notesFrame(page);
    await notes.getByText(BODY, { exact: true }).waitFor();
    expect(await untouched(notes, 'body')).toEqual({ injected: 0, pwned: null });
    expect(await untouched(page, 'body')).toEqual({ injected: 0, pwned: null });
    // Nothing of the note reached the page's own DOM.
    expect(await page.evaluate(() => document.body.textContent!.includes('window.__pwned'))).toBe(false);
    await page.close();
  });
});
