/**
 * The compatibility suite in Chromium (issue 23): real framework pages built
 * from npm packages, each run without the extension and with it. Both runs
 * must end the same: no page error, the framework's text equal to its state
 * at every sampled frame, the tab answering while the pointer rests on a term,
 * editors whose model matches their DOM, and the live blog's writes counted
 * the same. With the extension, each page must also really be highlighted.
 */
import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchWithoutExtension, openCard, useExtensionBrowser } from './harness';
import { compatPages, compatSuite, type CompatTab } from './compat-scenarios';

const env = useExtensionBrowser([compatPages()]);
let plain: Awaited<ReturnType<typeof launchWithoutExtension>>;
beforeAll(async () => {
  plain = await launchWithoutExtension();
});
afterAll(async () => {
  await plain?.close();
});

/** Runs `scenario` in a new tab of `context`, closed after. */
async function inTab<T>(context: BrowserContext, scenario: (tab: CompatTab) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('console', (m) => {
    // The browser's own favicon request 404s; that is no page error.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    return await scenario({
      page,
      errors,
      warnings,
      goto: async (path) => void (await page.goto(`${env.server.origin}${path}`)),
      wheel: (deltaY) => page.mouse.wheel(0, deltaY),
      cardOpen: async () => (await openCard(page)) !== null,
    });
  } finally {
    await page.close();
  }
}

compatSuite('chromium', (extension, scenario) => inTab(extension ? env.browser.context : plain.context, scenario));
