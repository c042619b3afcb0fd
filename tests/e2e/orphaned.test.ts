/**
 * An update or reload of the extension leaves the content scripts of open
 * tabs orphaned. Such a script must stop cleanly (the page back as it was)
 * and must not lose a note the reader was writing.
 */
import { describe, expect, it } from 'vitest';
import { clickInUi, clickTerm, notesFrame, openCard, paintedCount, useExtensionBrowser, waitForHighlights } from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const env = useExtensionBrowser();

describe('an orphaned content script', () => {
  it('keeps the unsent draft with a clear message, and removes its highlights', async () => {
    const page = await env.browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForHighlights(page, 10);
    const plainBody = await page.evaluate(() => document.body.innerHTML);

    await clickTerm(page, 'ncg');
    const notes = await notesFrame(page);
    await notes.getByRole('button', { name: 'Add note' }).click();
    const draft = 'A thought on the NCG I must not lose';
    await notes.getByRole('textbox', { name: 'Note' }).fill(draft);

    // The extension reloads (as on an update); the worker that ran this goes away mid-call.
    await env.browser.serviceWorker.evaluate(() => chrome.runtime.reload()).catch(() => undefined);

    // The reader's next moves over the page tell the script it is orphaned: it stops and takes its highlights away.
    let step = 0;
    await expect
      .poll(
        async () => {
          step++;
          await page.mouse.move(40 + (step % 3) * 250, 150 + ((step * 97) % 600));
          return paintedCount(page);
        },
        { timeout: 20_000 },
      )
      .toBe(0);
    await notes.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => notes.getByRole('alert').textContent()).toMatch(/reload|restarted/);
    expect(await notes.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(draft);
    // The page's own markup is as it was (our UI host, with its random tag, is the body's last child).
    const withoutUi = await page.evaluate(() => {
      const body = document.body.cloneNode(true) as HTMLElement;
      body.lastChild!.remove();
      return body.innerHTML;
    });
    expect(withoutUi).toBe(plainBody);
    // The reader can still close the card.
    await clickInUi(page, 'button.icon', 'Close');
    await expect.poll(() => openCard(page)).toBeNull();
    expect(errors).toEqual([]);
  });
});
