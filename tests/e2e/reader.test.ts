/**
 * The reader's flows through the panels, acted as a person would: a real
 * mouse and keyboard, with a short human pause between steps (pacing only:
 * every check waits on a condition, never on the pause).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  clickInUi,
  openCard,
  saveNoteFromCard,
  tabIdOf,
  waitForHighlights,
  useExtensionBrowser,
  humanPause,
  clickTerm,
  paintedCount,
} from './harness';

const env = useExtensionBrowser();

/** Functions passed to serviceWorker.evaluate run in the extension, where chrome.* exists. */
declare const chrome: typeof import('wxt/browser').browser;

async function openArticle(): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/demo/sample-article.html`);
  await waitForHighlights(page, 5);
  return page;
}

/** Moves the real mouse onto the element (its first line, for text that wraps), pauses, and clicks. */
async function clickWithMouse(page: Page, locator: ReturnType<Page['locator']>) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.evaluate((el) => {
    const r = el.getClientRects()[0] ?? el.getBoundingClientRect();
    return { x: r.x + Math.min(r.width / 2, 20), y: r.y + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y, { steps: 6 });
  await humanPause();
  await page.mouse.click(box.x, box.y);
}

/** The article, and the popup (opened as a page) showing its tab. */
async function articleAndPopup(): Promise<[Page, Page]> {
  const article = await openArticle();
  return [article, await env.browser.openExtensionPage(`popup.html?tab=${await tabIdOf(env.browser, article)}`)];
}

async function assignedShortcuts(): Promise<Record<string, string>> {
  const all = await env.browser.serviceWorker.evaluate(() => chrome.commands.getAll());
  return Object.fromEntries(all.flatMap((c) => (c.name && !c.name.startsWith('_') ? [[c.name, c.shortcut ?? '']] : [])));
}

describe('first install', () => {
  it('opened the welcome page once, which explains highlights, hover, pin, notes, export and privacy', async () => {
    expect(env.browser.welcomeUrl).toBe(`chrome-extension://${env.browser.extensionId}/dashboard.html#/welcome`);
    const welcome = await env.browser.openExtensionPage('dashboard.html#/welcome');
    await welcome.getByRole('heading', { name: 'Welcome to Alliance Lens' }).waitFor();
    for (const step of [
      'What is highlighted',
      'Hover to read',
      'Click to pin',
      'Take notes',
      'Find and export',
      'Your reading stays yours',
    ]) {
      await welcome.getByRole('heading', { name: step }).waitFor();
    }
    await welcome.getByText(/makes no network requests/).waitFor();
    await welcome.close();
  });

  it('declares the dashboard as the options page: the browser opens it from the extension menu', async () => {
    // What the extension menu's "Options" does. Chromium may open it in the blank tab it already has: look at every tab.
    await env.browser.serviceWorker.evaluate(() => chrome.runtime.openOptionsPage());
    const isOptions = (p: Page) => p.url() === `chrome-extension://${env.browser.extensionId}/dashboard.html`;
    await expect.poll(() => env.browser.context.pages().some(isOptions)).toBe(true);
    const options = env.browser.context.pages().find(isOptions)!;
    await options.getByRole('navigation', { name: 'Sections' }).waitFor();
    await options.getByRole('heading', { name: 'Notes', exact: true }).waitFor();
    await options.close();
  });
});

describe('keyboard shortcuts', () => {
  it('every command has a key Chromium assigned, and the settings and empty states show exactly those keys', async () => {
    const assigned = await assignedShortcuts();
    expect(Object.keys(assigned).sort()).toEqual(['add-passage-note', 'next-highlight', 'previous-highlight', 'toggle-highlights']);
    for (const [name, key] of Object.entries(assigned)) expect(key, `${name} is not set`).toMatch(/^Alt\+Shift\+[A-Z]$/);

    const dash = await env.browser.openExtensionPage('dashboard.html#/settings');
    for (const [name, key] of Object.entries(assigned)) {
      await expect.poll(() => dash.locator(`tr[data-command="${name}"] kbd`).textContent()).toBe(key);
    }
    expect(await dash.getByText('not set').count()).toBe(0);
    await dash.getByText(`Switch a site off from the popup or with ${assigned['toggle-highlights']}.`).waitFor();
    await dash.goto(dash.url().replace(/#.*/, '#/notes'));
    await dash.getByText(`select a passage and press ${assigned['add-passage-note']}`).waitFor();
    await dash.close();

    const article = await openArticle();
    const panel = await env.browser.openExtensionPage(`sidepanel.html?tab=${await tabIdOf(env.browser, article)}`);
    await panel.getByText(`Select text and press ${assigned['add-passage-note']}`).waitFor();
    await panel.close();
    await article.close();
  });
});

describe('card', () => {
  it('"Open in the Alliance Lens glossary", clicked with the mouse, opens the glossary page of that concept', async () => {
    const page = await openArticle();
    await clickTerm(page, 'rsf');
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog', name: 'Regional Sustainment Framework' });
    await humanPause();
    const opened = env.browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('/dashboard.html') });
    // The real mouse, inside the card's closed shadow root: "More" opens the detail, where the link is.
    await clickInUi(page, 'details.detail > summary', 'More');
    await humanPause();
    await clickInUi(page, 'a.glossary-link', 'Open in the Alliance Lens glossary');
    const glossary = await opened;
    await glossary.waitForURL(/\/dashboard\.html#\/glossary\/rsf$/);
    await glossary.getByRole('heading', { name: 'Regional Sustainment Framework', level: 2 }).waitFor();
    // The page itself did not navigate (Chromium would show ERR_BLOCKED_BY_CLIENT in its place).
    expect(page.url()).toBe(`${env.server.origin}/demo/sample-article.html`);
    await glossary.close();
    await page.close();
  });
});

describe('popup', () => {
  it('has a switch that turns highlights off and on for the site, with the mouse and with the keyboard', async () => {
    const [article, popup] = await articleAndPopup();
    const toggle = popup.getByRole('switch', { name: 'Highlighting for 127.0.0.1' });
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await clickWithMouse(popup, toggle);
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => paintedCount(article)).toBe(0);
    await humanPause();
    await toggle.focus();
    await popup.keyboard.press('Space');
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await waitForHighlights(article, 5);
    await popup.close();
    await article.close();
  });

  it('finds a concept of the page by name or Korean alias', async () => {
    const [article, popup] = await articleAndPopup();
    const search = popup.getByRole('searchbox', { name: 'Find a concept on this page' });
    await search.click();
    await popup.keyboard.type('sustain', { delay: 80 });
    await expect
      .poll(() => popup.locator('.concept-row').allTextContents())
      .toEqual([expect.stringContaining('Regional Sustainment Framework')]);
    await search.fill('주한미군');
    await expect
      .poll(() => popup.locator('.concept-row').allTextContents())
      .toEqual([expect.stringContaining('United States Forces Korea')]);
    await search.fill('no such concept');
    await popup.getByText('No concept on this page matches “no such concept”.').waitFor();
    await popup.close();
    await article.close();
  });
});

describe('dashboard edit form', () => {
  it('is a proper form, and an unsaved edit survives closing the dashboard and is never discarded silently', async () => {
    const article = await openArticle();
    await saveNoteFromCard(article, 'ncg', 'First thoughts on the NCG');
    await article.close();

    let dash = await env.browser.openExtensionPage('dashboard.html#/notes');
    await clickWithMouse(dash, dash.getByRole('button', { name: 'Edit' }));
    const form = dash.getByRole('form', { name: 'Edit note' });
    const body = form.getByRole('textbox', { name: 'Note' });
    // Labels above full-width fields, and room to write.
    const [label, field] = [(await form.getByText('Note', { exact: true }).boundingBox())!, (await body.boundingBox())!];
    expect(label.y + label.height).toBeLessThanOrEqual(field.y + 1);
    expect(field.height).toBeGreaterThanOrEqual(140);
    expect(field.width).toBeGreaterThanOrEqual(400);

    await body.click();
    await dash.keyboard.press('End');
    await dash.keyboard.type(': deterrence by consultation', { delay: 30 });
    await humanPause();
    await dash.close();

    dash = await env.browser.openExtensionPage('dashboard.html#/notes');
    await dash.getByText('Your unsaved changes to this note were kept.').waitFor();
    const restored = dash.getByRole('form', { name: 'Edit note' }).getByRole('textbox', { name: 'Note' });
    expect(await restored.inputValue()).toBe('First thoughts on the NCG: deterrence by consultation');

    await clickWithMouse(dash, dash.getByRole('button', { name: 'Cancel' }));
    await dash.getByRole('alertdialog').getByText('Discard your unsaved changes to this note?').waitFor();
    await clickWithMouse(dash, dash.getByRole('button', { name: 'Keep editing' }));
    expect(await restored.inputValue()).toBe('First thoughts on the NCG: deterrence by consultation');
    await clickWithMouse(dash, dash.getByRole('button', { name: 'Save note' }));
    await dash.getByText('First thoughts on the NCG: deterrence by consultation').waitFor();
    await expect.poll(() => dash.getByRole('form', { name: 'Edit note' }).count()).toBe(0);

    // Saved: nothing is left to restore.
    await dash.reload();
    await dash.getByText('First thoughts on the NCG: deterrence by consultation').waitFor();
    expect(await dash.getByText('Your unsaved changes to this note were kept.').count()).toBe(0);
    await dash.close();
  });
});
