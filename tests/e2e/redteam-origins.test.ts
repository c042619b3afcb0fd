/**
 * Red team, round two (issue 24), Chromium: a page of another origin on the
 * same host that copies an article and names it canonical (in the page and in
 * an iframe), a canonical swap with pushState, the forged WXT script-started
 * event, and a notes frame that reloads. The reader's passage note on the
 * article is seeded first; what each attacking frame's content script can get
 * of it is asked from that frame's own isolated world (where the extension's
 * content script runs), as a content script that believed the page would ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { notesFrame, openCard, startServer, tabIdOf, termBox, useExtensionBrowser, type PageServer } from './harness';
import { ARTICLE, SECRET, SEEDED_PASSAGE, saveDrafts, seedDrafts } from './redteam-attacks';
import { COPY_FRAME, otherOriginPages } from './redteam-origin-pages';

declare const chrome: typeof import('wxt/browser').browser;

const env = useExtensionBrowser();
/** The attacker: the same host (127.0.0.1), another port, so another origin. */
let other: PageServer;

beforeAll(async () => {
  const article = () => `${env.server.origin}${ARTICLE}`;
  other = await startServer([otherOriginPages(article)]);
  expect(new URL(other.origin).hostname).toBe(new URL(env.server.origin).hostname);
  // The reader's notes on the article, its passage note among them, saved from an extension page.
  const dash = await env.browser.openExtensionPage('dashboard.html#/notes');
  try {
    await dash.evaluate(saveDrafts, seedDrafts(article()));
  } finally {
    await dash.close();
  }
});
afterAll(() => other?.close());

/** The extension's isolated world in each frame of `page` (by frame URL), through the DevTools protocol. */
async function isolatedWorlds(page: Page): Promise<{ cdp: CDPSession; worlds: Map<string, number> }> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { frameId?: string; type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const urls = new Map<string, string>();
  const visit = (node: typeof frameTree) => {
    urls.set(node.frame.id, node.frame.url);
    node.childFrames?.forEach(visit);
  };
  visit(frameTree);
  const worlds = new Map<string, number>();
  for (const c of contexts)
    if (c.auxData?.type === 'isolated' && c.name === 'Alliance Lens' && urls.has(c.auxData.frameId!))
      worlds.set(urls.get(c.auxData.frameId!)!, c.id);
  return { cdp, worlds };
}

/** Passage anchors the background gives the extension's content script of the frame at `frameUrl` when it names `url`. */
async function anchorsGiven(page: Page, frameUrl: string, url: string): Promise<{ count: number; quoteBytes: number }> {
  const { cdp, worlds } = await isolatedWorlds(page);
  try {
    const contextId = worlds.get(frameUrl);
    if (contextId === undefined) throw new Error(`no content script in ${frameUrl} (worlds: ${[...worlds.keys()].join(', ')})`);
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId,
      awaitPromise: true,
      returnByValue: true,
      expression: `chrome.runtime.sendMessage({ id: 1, type: 'notes:anchorsForPage', data: { url: ${JSON.stringify(url)} }, timestamp: Date.now() })`,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    const reply = result.value as { res?: { ok: boolean; value?: { quote: { exact: string } }[] } };
    const anchors = reply.res?.ok ? reply.res.value! : [];
    return { count: anchors.length, quoteBytes: anchors.reduce((n, a) => n + a.quote.exact.length, 0) };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The URL the tab's top content script keeps its passage notes under (what it asks the background for). */
async function notesUrlOf(page: Page): Promise<string> {
  const tabId = await tabIdOf(env.browser, page);
  return env.browser.serviceWorker.evaluate(async (id) => {
    const reply = await chrome.tabs.sendMessage(id, { id: 1, type: 'page:summary', timestamp: Date.now() }, { frameId: 0 });
    return reply.res.notesUrl as string;
  }, tabId);
}

/** Whether a concept is highlighted on the page (painted or marked): termBox finds its first mention. */
const highlighted = (page: Page, conceptId: string) =>
  termBox(page, conceptId).then(
    () => true,
    () => false,
  );

async function openPage(url: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  await expect.poll(() => highlighted(page, 'rsf'), { timeout: 20_000 }).toBe(true);
  return page;
}

describe('red team, round two (Chromium): other origins of the same host', () => {
  it('the article itself is given its passage note (the measure sees notes when there are some)', async () => {
    const page = await openPage(`${env.server.origin}${ARTICLE}`);
    expect(await notesUrlOf(page)).toBe(`${env.server.origin}${ARTICLE}`);
    expect(await anchorsGiven(page, page.url(), `${env.server.origin}${ARTICLE}`)).toEqual({ count: 1, quoteBytes: SEEDED_PASSAGE.length });
    await page.close();
  });

  it('a copy on another port naming the article canonical gets none of its passage notes, in the page and in its iframe', async () => {
    const page = await openPage(`${other.origin}/copy.html`);
    const article = `${env.server.origin}${ARTICLE}`;
    await expect.poll(() => page.frame({ url: `${other.origin}${COPY_FRAME}` }) !== null).toBe(true);
    const top = await anchorsGiven(page, page.url(), article);
    const inFrame = await anchorsGiven(page, `${other.origin}${COPY_FRAME}`, article);
    const notesUrl = await notesUrlOf(page);
    console.log(
      `copy naming the article canonical: notes URL ${notesUrl}; passage notes given: page ${top.count} (${top.quoteBytes} B), iframe ${inFrame.count} (${inFrame.quoteBytes} B)`,
    );
    expect(notesUrl).toBe(`${other.origin}/copy.html`);
    expect(top).toEqual({ count: 0, quoteBytes: 0 });
    expect(inFrame).toEqual({ count: 0, quoteBytes: 0 });
    // Its own notes (none) are still asked for and answered.
    expect(await anchorsGiven(page, page.url(), notesUrl)).toEqual({ count: 0, quoteBytes: 0 });
    await page.close();
  });

  it('a page that swaps its canonical link for the article and pushes a new URL gets nothing', async () => {
    const page = await openPage(`${other.origin}/spa.html`);
    const article = `${env.server.origin}${ARTICLE}`;
    expect(await notesUrlOf(page)).toBe(`${other.origin}/spa.html`);
    await page.evaluate((href) => {
      document.querySelector('link[rel="canonical"]')!.setAttribute('href', href);
      history.pushState({}, '', '/story-2');
    }, article);
    // The content script reads the page again on the SPA navigation: its notes URL leaves /spa.html.
    await expect.poll(() => notesUrlOf(page)).not.toBe(`${other.origin}/spa.html`);
    const notesUrl = await notesUrlOf(page);
    const given = await anchorsGiven(page, page.url(), notesUrl);
    const asserted = await anchorsGiven(page, page.url(), article);
    console.log(
      `canonical swap + pushState: notes URL ${notesUrl}; passage notes given for it: ${given.count} (${given.quoteBytes} B); for the article named outright: ${asserted.count}`,
    );
    expect(notesUrl).toBe(`${other.origin}/story-2`);
    expect(given).toEqual({ count: 0, quoteBytes: 0 });
    expect(asserted).toEqual({ count: 0, quoteBytes: 0 });
    await page.close();
  });
});

describe('red team, round two (Chromium): the page cannot switch the extension off', () => {
  it('a forged script-started event (CustomEvent and postMessage) leaves highlights, new highlights and the card working', async () => {
    const page = await openPage(`${env.server.origin}${ARTICLE}`);
    const name = `${env.browser.extensionId}:content:wxt:content-script-started`;
    await page.evaluate((type) => {
      const detail = { contentScriptName: 'content', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(type, { detail }));
      document.body.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
      window.postMessage({ type, contentScriptName: 'content', messageId: 'forged' }, '*');
    }, name);
    const stillHighlighted = await highlighted(page, 'rsf');
    // New text is still read and highlighted: the first mention of the NCG is now in a paragraph added at the top.
    await page.evaluate(() =>
      document
        .querySelector('main')!
        .prepend(
          Object.assign(document.createElement('p'), { id: 'late', textContent: 'Later: the Nuclear Consultative Group met again.' }),
        ),
    );
    const inLateParagraph = async () => {
      const term = await termBox(page, 'ncg').catch(() => null);
      const p = await page.evaluate(
        () => document.getElementById('late')!.getBoundingClientRect().toJSON() as { top: number; bottom: number },
      );
      return !!term && term.y >= p.top && term.y + term.height <= p.bottom + 1;
    };
    const freshTerm = await expect
      .poll(inLateParagraph, { timeout: 15_000 })
      .toBe(true)
      .then(
        () => true,
        () => false,
      );
    console.log(`forged script-started event: highlights still shown ${stillHighlighted}; new text highlighted ${freshTerm}`);
    expect(stillHighlighted).toBe(true);
    expect(freshTerm).toBe(true);
    // The reader's hover still opens a card.
    const box = await termBox(page, 'ncg');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await expect.poll(() => openCard(page), { timeout: 15_000 }).toMatchObject({ name: 'Nuclear Consultative Group' });
    await page.close();
  });
});

describe('red team, round two (Chromium): the page cannot hear the extension', () => {
  it('an SPA navigation is followed without any event on the page (WXT announces one on window)', async () => {
    const page = await env.browser.context.newPage();
    try {
      // Listens, as a page knowing the extension's public id can, for the event WXT names after it.
      await page.addInitScript((type) => {
        const heard: string[] = [];
        (window as unknown as { __heard: string[] }).__heard = heard;
        for (const target of [window, document]) target.addEventListener(type, (e) => heard.push(e.type), { capture: true });
      }, `${env.browser.extensionId}:content:wxt:locationchange`);
      await page.goto(`${env.server.origin}${ARTICLE}`);
      await expect.poll(() => highlighted(page, 'rsf'), { timeout: 20_000 }).toBe(true);
      await page.evaluate(() => history.pushState({}, '', '/story-2'));
      // The content script followed the navigation: its notes URL is the new page's.
      await expect.poll(() => notesUrlOf(page), { timeout: 15_000 }).toBe(`${env.server.origin}/story-2`);
      const heard = await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
      console.log(`SPA navigation: location-change events the page heard ${heard.length}`);
      expect(heard).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('red team, round two (Chromium): a notes frame that reloads', () => {
  it('claims a fresh nonce and shows its notes again; the reader can still write one', async () => {
    const page = await openPage(`${env.server.origin}${ARTICLE}`);
    const box = await termBox(page, 'sma');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog' });
    const before = await notesFrame(page, SECRET);
    await before.evaluate(() => location.reload());
    const shownAgain = await notesFrame(page, SECRET, 15_000).then(
      () => true,
      () => false,
    );
    console.log(`notes frame reloaded: shows its notes again ${shownAgain}`);
    expect(shownAgain).toBe(true);
    const notes = await notesFrame(page, SECRET);
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByRole('textbox', { name: 'Note' }).fill('Written after a frame reload');
    await notes.getByRole('button', { name: 'Save note' }).click();
    await notes.getByText('Written after a frame reload').waitFor();
    await page.close();
  });
});
