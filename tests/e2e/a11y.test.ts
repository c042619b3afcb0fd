/**
 * axe-core (@axe-core/playwright) on every extension page the reader sees:
 * the popup, the side panel and each dashboard view, in light and dark.
 * No serious or critical violation is allowed; lesser ones are printed.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveNoteFromCard, tabIdOf, waitForHighlights, useExtensionBrowser, within } from './harness';

const env = useExtensionBrowser();

interface Finding {
  id: string;
  impact: string;
  nodes: string[];
}

async function scan(page: Page): Promise<Finding[]> {
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  const { violations } = await within(30_000, `axe-core on ${page.url()}`, axe.analyze());
  return violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

/** Scans `page` in both colour schemes; returns the serious and critical findings, and prints the rest. */
async function seriousFindings(page: Page, name: string): Promise<string[]> {
  const serious: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const findings = await scan(page);
    for (const f of findings) {
      const line = `${name} (${colorScheme}): ${f.impact} ${f.id} at ${f.nodes.join(', ')}`;
      if (f.impact === 'serious' || f.impact === 'critical') serious.push(line);
      else console.log(line);
    }
  }
  return serious;
}

async function articleWithNote(): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/demo/sample-article.html`);
  await waitForHighlights(page, 5);
  await saveNoteFromCard(page, 'sma', 'Cost-sharing through 2030', 'sma, budget');
  await page.keyboard.press('Escape');
  return page;
}

describe('accessibility (axe-core)', () => {
  it('popup and side panel: no serious or critical violation', async () => {
    const article = await articleWithNote();
    const tab = await tabIdOf(env.browser, article);
    const popup = await env.browser.openExtensionPage(`popup.html?tab=${tab}`);
    await popup.getByRole('switch').waitFor();
    const panel = await env.browser.openExtensionPage(`sidepanel.html?tab=${tab}`);
    await panel.getByRole('heading', { name: 'Notes on this page' }).waitFor();
    const found = [...(await seriousFindings(popup, 'popup')), ...(await seriousFindings(panel, 'side panel'))];
    expect(found).toEqual([]);
    await Promise.all([popup.close(), panel.close(), article.close()]);
  });

  it('every dashboard view: no serious or critical violation', async () => {
    const views: [string, (p: Page) => Promise<unknown>][] = [
      ['notes', (p) => p.getByText('Cost-sharing through 2030').waitFor()],
      ['glossary', (p) => p.getByRole('link', { name: 'Special Measures Agreement' }).first().waitFor()],
      ['glossary/sma', (p) => p.getByRole('heading', { name: 'Special Measures Agreement', level: 2 }).waitFor()],
      ['sources', (p) => p.getByRole('heading', { name: 'Sources' }).first().waitFor()],
      ['settings', (p) => p.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor()],
      ['packs', (p) => p.getByRole('heading', { name: 'Add a concept' }).waitFor()],
      ['welcome', (p) => p.getByRole('heading', { name: 'Welcome to Alliance Lens' }).waitFor()],
    ];
    const found: string[] = [];
    for (const [route, ready] of views) {
      const page = await env.browser.openExtensionPage(`dashboard.html#/${route}`);
      await ready(page);
      found.push(...(await seriousFindings(page, `dashboard #/${route}`)));
      if (route === 'notes') {
        // The edit form and the discard question are part of the view too.
        await page.getByRole('button', { name: 'Edit' }).click();
        await page
          .getByRole('form', { name: 'Edit note' })
          .getByRole('textbox', { name: 'Note' })
          .fill('Cost-sharing through 2030, revised');
        await page.getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('alertdialog').waitFor();
        found.push(...(await seriousFindings(page, 'dashboard #/notes (editing)')));
        await page.getByRole('button', { name: 'Discard changes' }).click();
      }
      await page.close();
    }
    expect(found).toEqual([]);
  });
});
