/**
 * Red team, round two (issue 24), Firefox ESR (WebDriver BiDi): the forged
 * WXT script-started event and a notes frame reload, as in
 * redteam-origins.test.ts, the key-logging sweep over the passage panel's
 * opening of redteam-keys.test.ts, and the popover over the card of
 * redteam-cover.test.ts (here the content script finds the cover with
 * elementFromPoint, which cannot see one the page made click-through). (The other-origin attacks are measured in
 * Chromium only: the driver reaches neither the content script's world nor
 * an extension page with the tabs API here; the rules they test are the
 * background's and lib/page-url.ts's, the same code in both browsers.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { firefoxNotesFrame, launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import { allStoredNotes, drivenPuppeteerPage, ownUiPointNearSelection, pollPage, startServer, termBox, type PageServer } from './harness';
import { ARTICLE, SECRET, coverOwnUi, installSpy, saveDrafts, seedDrafts } from './redteam-attacks';

let firefox: FirefoxWithExtension;
let server: PageServer;
const GECKO_ID = 'alliance-lens@alliance-lens.example';

/** Whether a concept is highlighted on the page (painted or marked). */
const highlighted = (page: Page, conceptId: string) =>
  termBox(drivenPuppeteerPage(page), conceptId).then(
    () => true,
    () => false,
  );

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

beforeAll(async () => {
  server = await startServer();
  const article = `${server.origin}${ARTICLE}`;
  firefox = await launchFirefoxWithExtension();
  // The reader's notes, saved from the notes frame (an extension page) as the frame saves them.
  const page = await openPage(article);
  const frame = await readerOpensCard(page, 'sma');
  await frame.evaluate(saveDrafts, seedDrafts(article));
  await page.close();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('red team, round two (Firefox ESR)', () => {
  it('a forged script-started event leaves highlights, new highlights and the card working', async () => {
    const page = await openPage(`${server.origin}${ARTICLE}`);
    await page.evaluate((type) => {
      const detail = { contentScriptName: 'content', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(type, { detail }));
      document.body.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
      window.postMessage({ type, contentScriptName: 'content', messageId: 'forged' }, '*');
    }, `${GECKO_ID}:content:wxt:content-script-started`);
    const stillHighlighted = await highlighted(page, 'rsf');
    await page.evaluate(() =>
      document
        .querySelector('main')!
        .prepend(
          Object.assign(document.createElement('p'), { id: 'late', textContent: 'Later: the Nuclear Consultative Group met again.' }),
        ),
    );
    const inLateParagraph = async () => {
      const term = await termBox(drivenPuppeteerPage(page), 'ncg').catch(() => null);
      const p = await page.evaluate(
        () => document.getElementById('late')!.getBoundingClientRect().toJSON() as { top: number; bottom: number },
      );
      return !!term && term.y >= p.top && term.y + term.height <= p.bottom + 1;
    };
    let freshTerm = false;
    for (const deadline = Date.now() + 15_000; !freshTerm && Date.now() < deadline; await new Promise((ok) => setTimeout(ok, 100)))
      freshTerm = await inLateParagraph();
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

  it('keys typed for a passage note never reach the page, whenever during the panel opening the reader clicks its text box', async () => {
    const PASSAGE = 'the Pentagon wants ships and aircraft to be repaired';
    const DELAYS = [0, 50, 100, 200, 350, 500, 750, 1000, 1500, 2000, 2500];
    const page = await firefox.browser.newPage();
    await page.evaluateOnNewDocument(installSpy);
    const driven = drivenPuppeteerPage(page);
    const keysLogged = () => page.evaluate(() => (window as unknown as { __spy: { keys: number } }).__spy.keys);
    /** A fresh page, the passage selected (the same place each time), "Add note" clicked with the real mouse. */
    const startNote = async () => {
      await page.goto(`${server.origin}${ARTICLE}`);
      for (const deadline = Date.now() + 20_000; !(await highlighted(page, 'rsf')); await new Promise((ok) => setTimeout(ok, 100))) {
        if (Date.now() > deadline) throw new Error('no highlights on the page');
      }
      await page.evaluate((text) => {
        const p = [...document.querySelectorAll('p')].find((el) => el.textContent!.includes(text))!;
        p.scrollIntoView({ block: 'center' });
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
        const all = nodes.map((n) => n.data).join('');
        const at = (offset: number): [Text, number] => {
          let seen = 0;
          for (const n of nodes) {
            if (offset <= seen + n.data.length) return [n, offset - seen];
            seen += n.data.length;
          }
          throw new Error('offset out of range');
        };
        const start = all.indexOf(text);
        const range = document.createRange();
        range.setStart(...at(start));
        range.setEnd(...at(start + text.length));
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
      }, PASSAGE);
      await page.keyboard.press('Shift');
      const before = await keysLogged();
      const button = await pollPage(driven, ownUiPointNearSelection, null, 'the "Add note" button');
      await page.mouse.click(button.x, button.y);
      return before;
    };
    // Where the text box ends up: the reader aims there.
    await startNote();
    const box = (await (await (await firefoxNotesFrame(page)).waitForSelector('textarea'))!.boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + Math.min(20, box.height / 2) };
    const leaks: number[] = [];
    for (const delay of DELAYS) {
      const before = await startNote();
      await new Promise((ok) => setTimeout(ok, delay));
      await page.mouse.click(at.x, at.y);
      await page.keyboard.type('Xw9 typed', { delay: 15 });
      await firefoxNotesFrame(page);
      leaks.push((await keysLogged()) - before);
    }
    console.log(`Firefox, key events the page logged per click delay (${DELAYS.join(', ')} ms): ${leaks.join(', ')}`);
    expect(leaks).toEqual(DELAYS.map(() => 0));
    await page.close();
  });

  it('a popover over the card as soon as it shows: the card is raised above it or says it is covered, and no note is written', async () => {
    const page = await firefox.browser.newPage();
    await page.evaluateOnNewDocument(installSpy);
    await page.evaluateOnNewDocument(coverOwnUi, false);
    await page.goto(`${server.origin}${ARTICLE}`);
    for (const deadline = Date.now() + 20_000; !(await highlighted(page, 'ncg')); await new Promise((ok) => setTimeout(ok, 100))) {
      if (Date.now() > deadline) throw new Error('no highlights on the page');
    }
    const notes = await readerOpensCard(page, 'ncg');
    const before = (await notes.evaluate(allStoredNotes)).length;
    await pollPage(
      drivenPuppeteerPage(page),
      () => document.getElementById('fake-card')?.matches(':popover-open') ?? false,
      null,
      "the page's cover",
    );
    const add = (await (await notes.waitForSelector('button.add-note'))!.boundingBox())!;
    // The card is put on top again (the page's hit test finds our host over "Add note"), or its frame says it is covered.
    const raised = () =>
      page.evaluate(([x, y]) => /^[A-Z]{4}-[A-Z]{8}$/.test(document.elementFromPoint(x, y)?.tagName ?? ''), [
        add.x + add.width / 2,
        add.y + add.height / 2,
      ] as const);
    const noticed = () => notes.evaluate(() => !!document.querySelector('.covered-notice'));
    let answered = false;
    for (const deadline = Date.now() + 15_000; !answered && Date.now() < deadline; await new Promise((ok) => setTimeout(ok, 100)))
      answered = (await raised()) || (await noticed());
    await page.mouse.click(add.x + add.width / 2, add.y + add.height / 2);
    await page.keyboard.type('Xw9-typed-under-a-cover', { delay: 15 });
    const captured = await page.evaluate(() => (window as unknown as { __captured: string }).__captured.length);
    // Counted from another tab's card (a click that went to the page's cover closed this one).
    const check = await openPage(`${server.origin}${ARTICLE}`);
    const written = (await (await readerOpensCard(check, 'rsf')).evaluate(allStoredNotes)).length - before;
    console.log(
      `Firefox, popover cover (taking clicks): raised or noticed ${answered}; captured by the page ${captured}; notes written ${written}`,
    );
    expect(answered).toBe(true);
    expect(written).toBe(0);
    await check.close();
    await page.close();
  });
});
