/**
 * A React page, server-rendered and then hydrated, whose state updates
 * rewrite, remove and reorder text next to highlighted mentions: React must
 * report no error, the text must stay what React rendered, and highlights
 * must come back after every re-render.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, useExtensionBrowser, waitForHighlights, waitForSettledHighlights } from './harness';

const fixture = JSON.parse(
  execFileSync(process.execPath, [join(ROOT, 'tests/fixtures/react/build.mjs')], { encoding: 'utf8', maxBuffer: 64 << 20 }),
) as { html: string; client: string };

const env = useExtensionBrowser([
  (req, res) => {
    const body = req.url === '/react/index.html' ? fixture.html : req.url === '/react/client.js' ? fixture.client : null;
    if (body === null) return false;
    res.writeHead(200, { 'content-type': req.url!.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' }).end(body);
    return true;
  },
]);

type Step = 'bump' | 'toggle' | 'rotate';

/** What the fixture's client (tests/fixtures/react/client.mjs) puts on its window for the test. */
interface FixtureWindow {
  __app: Record<Step, () => void> & { state(): { round: number } };
  __expectedText(): string;
  __reactErrors: string[];
}

/** What the page shows against what React would render for its state. */
const texts = (page: Page) =>
  page.evaluate(() => ({
    shown: document.getElementById('root')!.textContent,
    expected: (window as unknown as FixtureWindow).__expectedText(),
  }));

describe('a hydrated React page', () => {
  it('hydrates without error, keeps the text React renders through state updates, and highlights again after each', async () => {
    const page = await env.browser.context.newPage();
    const errors: string[] = [];
    // The browser's own favicon request 404s; every other console error counts.
    page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.server.origin}/react/index.html`);
    await waitForHighlights(page, 6);
    await waitForSettledHighlights(page);
    // The concepts painted in each region (read as the page could, from CSS.highlights).
    const highlightedIn = () =>
      page.evaluate(() => {
        const painted = [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)].filter(([name]) =>
          name.startsWith('alliance-lens--'),
        );
        return Object.fromEntries(
          ['round', 'status', 'note', 'topics'].map((id) => {
            const region = document.getElementById(id)!;
            return [
              id,
              [
                ...new Set(
                  painted
                    .filter(([, ranges]) => [...ranges].some((r) => region.contains(r.startContainer)))
                    .map(([name]) => name.slice('alliance-lens--'.length)),
                ),
              ].sort(),
            ];
          }),
        );
      });
    expect(await highlightedIn()).toEqual({
      round: ['sma', 'usfk'],
      status: ['ncg'],
      note: ['ncg', 'usfk'],
      topics: ['ncg', 'sma', 'usfk'],
    });

    // Updates one at a time (each lands on highlighted text) and in bursts faster than the highlighter's debounce.
    const steps: Step[] = ['bump', 'toggle', 'rotate', 'bump', 'toggle', 'rotate', 'bump'];
    for (const step of steps) {
      await page.evaluate((s) => (window as unknown as FixtureWindow).__app[s](), step);
      await waitForSettledHighlights(page, { quietMs: 400 });
      const { shown, expected } = await texts(page);
      expect(shown, `after ${step}`).toBe(expected);
    }
    for (let i = 0; i < 15; i++) await page.evaluate((s) => (window as unknown as FixtureWindow).__app[s](), steps[i % steps.length]!);
    await page.click('#next');
    await waitForSettledHighlights(page, { quietMs: 400 });
    const { shown, expected } = await texts(page);
    expect(shown).toBe(expected);

    const round = await page.evaluate(() => (window as unknown as FixtureWindow).__app.state().round);
    expect(round % 2).toBe(0);
    // Even rounds show the Washington Declaration in #status and hide nothing else.
    const after = await highlightedIn();
    expect(after.round).toEqual(['sma', 'usfk']);
    expect(after.status).toEqual(['washington-declaration']);
    expect(after.topics).toEqual(['ncg', 'sma', 'usfk']);
    expect(await page.evaluate(() => (window as unknown as FixtureWindow).__reactErrors)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
