/** The dashboard and side panel of the built extension: search notes, glossary pages, settings applied to open tabs live. */
import { describe, expect, it } from 'vitest';
import {
  clickTerm,
  openCard,
  paintAllHighlights,
  paintedWithin,
  saveNoteInCard,
  tabIdOf,
  useExtensionBrowser,
  waitForHighlights,
} from './harness';

const env = useExtensionBrowser();

async function saveConceptNote(conceptId: string, body: string) {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/demo/sample-article.html`);
  await waitForHighlights(page, 5);
  await clickTerm(page, conceptId);
  await expect.poll(() => openCard(page)).not.toBeNull();
  await saveNoteInCard(page, body);
  return page;
}

describe('dashboard', () => {
  it('finds a note in a few keystrokes, shows it on the glossary page, and deletes it with undo', async () => {
    const article = await saveConceptNote('ipef', 'Thirteen partners joined at launch <script>x</script>');
    await saveConceptNote('ncg', 'Unrelated deterrence note');
    const dash = await env.browser.openExtensionPage('dashboard.html#/notes');
    await dash.getByText('Unrelated deterrence note').waitFor();
    await dash.getByRole('searchbox', { name: 'Search notes' }).fill('thirt');
    await expect.poll(() => dash.getByText('Unrelated deterrence note').count()).toBe(0);
    await dash.getByText('Thirteen partners joined at launch <script>x</script>').waitFor();
    // Searching by concept name finds it too.
    await dash.getByRole('searchbox', { name: 'Search notes' }).fill('indo-pacific economic');
    await dash.getByText('Thirteen partners').waitFor();

    await dash.goto(dash.url().replace(/#.*/, '#/glossary/ipef'));
    await dash.getByRole('heading', { name: 'Indo-Pacific Economic Framework for Prosperity' }).waitFor();
    await dash.getByText('Thirteen partners joined at launch <script>x</script>').waitFor();

    await dash.goto(dash.url().replace(/#.*/, '#/notes'));
    await dash.getByRole('searchbox', { name: 'Search notes' }).fill('thirteen');
    await dash.getByRole('button', { name: 'Delete' }).click();
    await dash.getByText('Note deleted.').waitFor();
    await expect.poll(() => dash.getByText('Thirteen partners').count()).toBe(0);
    await dash.getByRole('button', { name: 'Undo' }).click();
    await dash.getByText('Thirteen partners').waitFor();
    await dash.close();
    await article.close();
  });

  it('applies settings to open tabs without a reload', async () => {
    const article = await env.browser.context.newPage();
    await article.goto(`${env.server.origin}/demo/sample-article.html`);
    await waitForHighlights(article, 5);
    // Everything painted now (far from the view it would be painted only as the reader scrolls there).
    await paintAllHighlights(article);
    const painted = (id: string) => article.evaluate(paintedWithin, ['body', id] as const);
    /** The highlights' rule for a concept, as the page's adopted stylesheets hold it. */
    const rule = (id: string) =>
      article.evaluate(
        (name) =>
          document.adoptedStyleSheets.flatMap((s) => [...s.cssRules]).find((r) => r.cssText.includes(`::highlight(${name})`))?.cssText ??
          '',
        `alliance-lens--${id}`,
      );
    expect(await painted('ipef')).toBeGreaterThan(0);
    const dash = await env.browser.openExtensionPage('dashboard.html#/settings');
    await dash.getByRole('checkbox', { name: 'Economy & trade' }).uncheck();
    await expect.poll(() => painted('ipef')).toBe(0);
    expect(await painted('sma')).toBeGreaterThan(0);
    await dash.getByRole('radio', { name: 'Underline', exact: true }).check();
    await expect.poll(() => rule('sma')).toContain('underline');
    expect(await rule('sma')).not.toContain('background-color');
    await dash.getByRole('checkbox', { name: 'Economy & trade' }).check();
    await expect.poll(() => painted('ipef')).toBeGreaterThan(0);
    await dash.close();
    await article.close();
  });

  it('lists the sources with the concepts that cite them', async () => {
    const dash = await env.browser.openExtensionPage('dashboard.html#/sources');
    await dash.getByText('Under Trump the US-ROK Alliance Will Increasingly Be About China').waitFor();
    expect(await dash.getByRole('link', { name: 'Regional Sustainment Framework' }).count()).toBe(1);
    await dash.close();
  });
});

/** The sample article, highlighted, and the popup or side panel opened on its tab. */
async function panelBesideArticle(panel: 'popup' | 'sidepanel') {
  const article = await env.browser.context.newPage();
  await article.goto(`${env.server.origin}/demo/sample-article.html`);
  await waitForHighlights(article, 5);
  return { article, panel: await env.browser.openExtensionPage(`${panel}.html?tab=${await tabIdOf(env.browser, article)}`) };
}

describe('popup', () => {
  it('stays within 600 px with its controls on top and the list of concepts scrolling under them', async () => {
    const { article, panel: popup } = await panelBesideArticle('popup');
    await popup.setViewportSize({ width: 360, height: 900 });
    const toggle = popup.getByRole('switch', { name: 'Highlighting for 127.0.0.1' });
    await toggle.waitFor();
    await popup.getByRole('button', { name: /Regional Sustainment Framework/ }).waitFor();
    const box = async (name: string) => (await popup.locator(name).first().boundingBox())!;
    const main = await box('main');
    expect(main.height).toBeLessThanOrEqual(600);
    // The switch, the search and the buttons come before the list, which scrolls inside the popup.
    const list = popup.locator('.concept-list');
    const listBox = (await list.boundingBox())!;
    for (const control of [toggle, popup.getByRole('searchbox'), popup.getByRole('button', { name: 'Notes & glossary' })]) {
      const b = (await control.boundingBox())!;
      expect(b.y + b.height).toBeLessThanOrEqual(listBox.y);
    }
    expect(listBox.y + listBox.height).toBeLessThanOrEqual(main.y + main.height);
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight + 100)).toBe(true);
    // The last concept is reached by scrolling the list, and is then inside the popup.
    const last = popup.getByRole('button', { name: /Yoon Suk Yeol/ });
    await last.scrollIntoViewIfNeeded();
    const lastBox = (await last.boundingBox())!;
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(main.y + main.height);
    // A category's swatch takes the dark colour with the dark theme, without a reload.
    const people = popup.getByRole('button', { name: /Yoon Suk Yeol/ }).locator('.swatch');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => people.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(203, 213, 225)');
    await popup.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => people.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(71, 85, 105)');
    await popup.close();
    await article.close();
  });
});

describe('side panel', () => {
  it("shows the page's concepts, and a browser page as unavailable", async () => {
    const { article: page, panel } = await panelBesideArticle('sidepanel');
    await panel.getByRole('button', { name: /Regional Sustainment Framework/ }).waitFor();
    await panel.getByRole('heading', { name: 'Notes on this page' }).waitFor();
    await panel.close();
    const own = await env.browser.openExtensionPage('sidepanel.html');
    await own.getByText(/does not run on this page/).waitFor();
    await own.close();
    await page.close();
  });
});
