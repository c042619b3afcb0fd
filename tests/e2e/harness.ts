/** Helpers for end-to-end tests; the browser and server come from scripts/browser.ts. */
import type { Page } from 'playwright-core';

export * from '../../scripts/browser';

/** Waits until the content script has finished its first scan of the page. */
export async function waitForHighlights(page: Page, minimum = 1) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-concept-id]').length >= n, minimum, { timeout: 20_000 });
}

/** Concept ids of highlighted mentions in document order (pieces of one mention counted once). */
export function mentionIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Set<string>();
    const ids: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[data-concept-id]')) {
      const key = el.dataset.alMention ?? `${Math.random()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ids.push(el.dataset.conceptId!);
    }
    return ids;
  });
}
