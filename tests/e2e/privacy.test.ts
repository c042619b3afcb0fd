/** The extension makes no network requests: every request in a full session is the test page's own or the extension's packaged files. */
import { describe, expect, it } from 'vitest';
import { openCard, saveNoteInCard, useExtensionBrowser, waitForHighlights, clickTerm } from './harness';

// Lets Playwright report requests made by the extension's service worker too.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

const env = useExtensionBrowser();

describe('privacy', () => {
  it('requests nothing but the page and its own packaged files while highlighting, explaining, noting and browsing panels', async () => {
    const requests: string[] = [];
    env.browser.context.on('request', (r) => requests.push(r.url()));
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForHighlights(page, 5);
    await clickTerm(page, 'sma');
    await expect.poll(() => openCard(page)).not.toBeNull();
    await saveNoteInCard(page, 'privacy check');
    for (const path of [
      'popup.html',
      'dashboard.html#/notes',
      'dashboard.html#/glossary/sma',
      'dashboard.html#/settings',
      'sidepanel.html',
    ]) {
      const p = await env.browser.openExtensionPage(path);
      await p.waitForLoadState('load');
      await p.close();
    }
    // The notes frame loads from the extension's per-session dynamic origin (chrome-extension://<uuid>/): its own files too.
    const outside = requests.filter((url) => !url.startsWith(env.server.origin) && !url.startsWith('chrome-extension://'));
    expect(outside).toEqual([]);
    expect(requests.filter((url) => url.startsWith(env.server.origin))).toEqual([`${env.server.origin}/demo/sample-article.html`]);
    await page.close();
  });
});
