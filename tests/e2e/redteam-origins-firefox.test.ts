/**
 * Red team, round two (issue 24), Firefox ESR (WebDriver BiDi): the attacks of
 * redteam-origins.test.ts that need no DevTools protocol. A copy of the article
 * on another port naming it canonical, and a canonical swap with pushState,
 * are measured by the notes URL the tab's content script keeps (asked with
 * page:summary from an extension page, as the popup asks); the forged
 * script-started event and a notes frame reload as in Chromium.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { firefoxNotesFrame, launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import { ROOT, drivenPuppeteerPage, startServer, termBox, type PageServer } from './harness';
import { ARTICLE, SECRET, seedDrafts } from './redteam-attacks';

let firefox: FirefoxWithExtension;
let server: PageServer;
let other: PageServer;
/** An extension page (the dashboard), from which tabs are asked what they show. */
let extensionPage: Page;
const GECKO_ID = 'alliance-lens@alliance-lens.example';

const articleHtml = readFileSync(`${ROOT}/data/demo/sample-article.html`, 'utf8');
const copyOf = (canonical: string, more = '') => articleHtml.replace('</head>', `<link rel="canonical" href="${canonical}"></head>`).replace('</body>', `${more}</body>`);

/** Whether a concept is highlighted on the page (painted or marked). */
const highlighted = (page: Page, conceptId: string) => termBox(drivenPuppeteerPage(page), conceptId).then(() => true, () => false);

async function openPage(url: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(url);
  for (const deadline = Date.now() + 20_000; !(await highlighted(page, 'rsf')); await new Promise((ok) => setTimeout(ok, 100))) {
    if (Date.now() > deadline) throw new Error('no highlights on the page');
  }
  return page;
}

/** The reader clicks the first highlight of `conceptId` (a trusted click) and gets the card's notes frame. */
async function readerOpensCard(page: Page, conceptId: string): Promise<Frame> {
  const box = await termBox(drivenPuppeteerPage(page), conceptId);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 });
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return firefoxNotesFrame(page);
}

/** The URL the content script of `page`'s tab keeps its passage notes under (the tab brought to the front, it is the active one). */
async function notesUrlOf(page: Page): Promise<string> {
  await page.bringToFront();
  return extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id: number }[]>; sendMessage(id: number, m: unknown, o: object): Promise<{ res: { notesUrl: string } }> } } }).browser.tabs;
    const [tab] = await api.query({ active: true, currentWindow: true });
    return (await api.sendMessage(tab!.id, { id: 1, type: 'page:summary', timestamp: Date.now() }, { frameId: 0 })).res.notesUrl;
  });
}

beforeAll(async () => {
  server = await startServer();
  const article = `${server.origin}${ARTICLE}`;
  other = await startServer([
    (req, res) => {
      const pages: Record<string, () => string> = {
        '/copy.html': () => copyOf(article),
        '/spa.html': () => copyOf('/spa.html'),
      };
      const page = pages[req.url ?? ''];
      if (!page) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
      return true;
    },
  ]);
  firefox = await launchFirefoxWithExtension();
  // The reader's notes, saved from the notes frame (an extension page) as the frame saves them.
  const page = await openPage(article);
  const frame = await readerOpensCard(page, 'sma');
  const base = await frame.evaluate(() => location.origin);
  await frame.evaluate(async (drafts) => {
    const runtime = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<{ res?: { ok: boolean } }> } } }).browser.runtime;
    for (const data of drafts) {
      const reply = await runtime.sendMessage({ id: 1, type: 'notes:save', data, timestamp: Date.now() });
      if (!reply?.res?.ok) throw new Error(`seeding failed: ${JSON.stringify(reply)}`);
    }
  }, seedDrafts(article));
  await page.close();
  extensionPage = await firefox.browser.newPage();
  await extensionPage.goto(`${base}/dashboard.html#/notes`);
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
  await other?.close();
});

describe('red team, round two (Firefox ESR)', () => {
  it('a copy on another port naming the article canonical keeps its own notes URL; the article keeps its own', async () => {
    const article = await openPage(`${server.origin}${ARTICLE}`);
    expect(await notesUrlOf(article)).toBe(`${server.origin}${ARTICLE}`);
    const copy = await openPage(`${other.origin}/copy.html`);
    const notesUrl = await notesUrlOf(copy);
    console.log(`Firefox, copy naming the article canonical: notes URL ${notesUrl}`);
    expect(notesUrl).toBe(`${other.origin}/copy.html`);
    await copy.close();
    await article.close();
  });

  it('a canonical swap for the article with pushState leaves the notes URL on the attacker', async () => {
    const page = await openPage(`${other.origin}/spa.html`);
    expect(await notesUrlOf(page)).toBe(`${other.origin}/spa.html`);
    await page.evaluate((href) => {
      document.querySelector('link[rel="canonical"]')!.setAttribute('href', href);
      history.pushState({}, '', '/story-2');
    }, `${server.origin}${ARTICLE}`);
    let notesUrl = `${other.origin}/spa.html`;
    for (const deadline = Date.now() + 15_000; notesUrl === `${other.origin}/spa.html`; await new Promise((ok) => setTimeout(ok, 100))) {
      if (Date.now() > deadline) throw new Error('the content script never read the SPA navigation');
      notesUrl = await notesUrlOf(page);
    }
    console.log(`Firefox, canonical swap + pushState: notes URL ${notesUrl}`);
    expect(notesUrl).toBe(`${other.origin}/story-2`);
    await page.close();
  });

  it('a forged script-started event leaves highlights, new highlights and the card working', async () => {
    const page = await openPage(`${server.origin}${ARTICLE}`);
    await page.evaluate((type) => {
      const detail = { contentScriptName: 'content', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(type, { detail }));
      document.body.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
      window.postMessage({ type, contentScriptName: 'content', messageId: 'forged' }, '*');
    }, `${GECKO_ID}:content:wxt:content-script-started`);
    const stillHighlighted = await highlighted(page, 'rsf');
    await page.evaluate(() => document.querySelector('main')!.prepend(Object.assign(document.createElement('p'), { id: 'late', textContent: 'Later: the Nuclear Consultative Group met again.' })));
    const inLateParagraph = async () => {
      const term = await termBox(drivenPuppeteerPage(page), 'ncg').catch(() => null);
      const p = await page.evaluate(() => document.getElementById('late')!.getBoundingClientRect().toJSON() as { top: number; bottom: number });
      return !!term && term.y >= p.top && term.y + term.height <= p.bottom + 1;
    };
    let freshTerm = false;
    for (const deadline = Date.now() + 15_000; !freshTerm && Date.now() < deadline; await new Promise((ok) => setTimeout(ok, 100))) freshTerm = await inLateParagraph();
    console.log(`Firefox, forged script-started event: highlights still shown ${stillHighlighted}; new text highlighted ${freshTerm}`);
    expect(stillHighlighted).toBe(true);
    expect(freshTerm).toBe(true);
    const notes = await readerOpensCard(page, 'ncg');
    await notes.waitForFunction((s) => document.body.textContent!.includes(s), {}, SECRET);
    await page.close();
  });

  it('a notes frame that reloads claims a fresh nonce and shows its notes again', async () => {
    const page = await openPage(`${server.origin}${ARTICLE}`);
    const notes = await readerOpensCard(page, 'sma');
    await notes.waitForFunction((s) => document.body.textContent!.includes(s), {}, SECRET);
    await notes.evaluate(() => location.reload());
    const shownAgain = await firefoxNotesFrame(page, 15_000).then(
      (frame) => frame.waitForFunction((s) => document.body.textContent!.includes(s), { timeout: 15_000 }, SECRET).then(() => true),
      () => false,
    );
    console.log(`Firefox, notes frame reloaded: shows its notes again ${shownAgain}`);
    expect(shownAgain).toBe(true);
    await page.close();
  });
});
