/**
 * Red team, round two (issue 24), Firefox ESR (WebDriver BiDi): the
 * other-origin attacks, the forged WXT script-started event and a notes frame
 * reload of redteam-origins.test.ts, the key-logging sweep over the passage
 * panel's opening of redteam-keys.test.ts, and the popover over the card of
 * redteam-cover.test.ts (here the content script finds the cover with
 * elementFromPoint, which cannot see one the page made click-through).
 *
 * The driver reaches no content script's world here, so the other-origin
 * attacks are measured as the reader meets them, and through the dashboard tab
 * the extension opens at install (an extension page with the tabs API, which
 * the driver can script though not navigate to): it seeds the reader's notes,
 * as in Chromium, and asks each tab's top content script which notes URL it
 * keeps and whether it holds the article's passage note (page:revealNote, the
 * dashboard's Open in context). A content script answers only once it has asked
 * for its page's passage notes and drawn them: a positive state to wait for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { firefoxNotesFrame, firefoxWelcomeTab, launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import {
  allStoredNotes,
  drivenPuppeteerPage,
  ownUiPointNearSelection,
  pointOfText,
  pollPage,
  startServer,
  termBox,
  within,
  type DrivenPage,
  type PageServer,
} from './harness';
import {
  ARTICLE,
  SECRET,
  SECRET_TAG,
  SEEDED_PASSAGE,
  annotatedPassageVisible,
  coverOwnUi,
  dumpPage,
  installSpy,
  leakedBytes,
  saveDrafts,
  seedDrafts,
} from './redteam-attacks';
import { COPY_FRAME, otherOriginPages } from './redteam-origin-pages';

/** The WebExtension API of an extension page (`browser` itself is WXT's fake in this file: its Vitest plugin imports one). */
type ExtensionPageGlobals = { browser: typeof import('wxt/browser').browser };

let firefox: FirefoxWithExtension;
let server: PageServer;
/** The attacker: the same host (127.0.0.1), another port, so another origin. */
let other: PageServer;
/** The extension's dashboard tab (see the header). */
let dashboard: Page;
/** The id of the reader's passage note on the article. */
let passageNoteId: string;
const GECKO_ID = 'alliance-lens@alliance-lens.example';

/** Whether a concept is highlighted on the page, or in one of its frames (painted or marked). */
const highlighted = (page: Page, conceptId: string, frame?: Frame) =>
  termBox(frame ? drivenFrame(page, frame) : drivenPuppeteerPage(page), conceptId).then(
    () => true,
    () => false,
  );

/** Waits until `conceptId` is highlighted on the page (or in `frame` of it). */
async function whenHighlighted(page: Page, conceptId: string, frame?: Frame) {
  for (const deadline = Date.now() + 20_000; !(await highlighted(page, conceptId, frame)); await new Promise((ok) => setTimeout(ok, 100))) {
    if (Date.now() > deadline) throw new Error(`no highlights ${frame ? `in ${frame.url()}` : 'on the page'}`);
  }
}

/** A page at `url` once highlighted; with `spy`, the page's spy is installed before its own scripts. */
async function openPage(url: string, { spy = false } = {}): Promise<Page> {
  const page = await firefox.browser.newPage();
  if (spy) await page.evaluateOnNewDocument(installSpy);
  await page.goto(url);
  await whenHighlighted(page, 'rsf');
  return page;
}

/** The reader clicks the first highlight of `conceptId` (a trusted click) and gets the card's notes frame. */
async function readerOpensCard(page: Page, conceptId: string): Promise<Frame> {
  const box = await termBox(drivenPuppeteerPage(page), conceptId);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 });
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return firefoxNotesFrame(page);
}

/** The text the extension's notes frame shows when the reader is offered a new passage note. */
const NEW_NOTE = 'Add a note to this passage';
const pause = () => new Promise((ok) => setTimeout(ok, 100));

/** The tab of `page`, once its top content script answers: it has then asked for the page's passage notes and drawn them. */
async function tabOf(page: Page): Promise<number> {
  const url = page.url();
  for (const deadline = Date.now() + 20_000; ; await pause()) {
    const id = await dashboard.evaluate(async (href) => {
      const { tabs } = (globalThis as unknown as ExtensionPageGlobals).browser;
      for (const tab of await tabs.query({})) {
        const reply = await tabs
          .sendMessage(tab.id!, { id: 1, type: 'page:summary', timestamp: Date.now() }, { frameId: 0 })
          .catch(() => null);
        if ((reply as { res?: { url?: string } } | null)?.res?.url === href) return tab.id!;
      }
      return null;
    }, url);
    if (id !== null) return id;
    if (Date.now() > deadline) throw new Error(`No content script answers in ${url}`);
  }
}

/**
 * What the top content script of tab `tabId` keeps passage notes under, and whether it holds the passage of note
 * `noteId` (asked as the dashboard's Open in context asks: a note it holds is then shown in its panel).
 */
function topScriptOf(tabId: number, noteId = passageNoteId): Promise<{ notesUrl: string; holds: boolean }> {
  return dashboard.evaluate(
    async ([id, note, exact]) => {
      const { tabs } = (globalThis as unknown as ExtensionPageGlobals).browser;
      const ask = async (type: string, data?: unknown) => {
        const reply = (await tabs.sendMessage(id, { id: 1, type, data, timestamp: Date.now() }, { frameId: 0 })) as {
          res?: unknown;
        };
        if (!reply || !('res' in reply)) throw new Error(`${type}: ${JSON.stringify(reply)}`);
        return reply.res;
      };
      const { notesUrl } = (await ask('page:summary')) as { notesUrl: string };
      const quote = { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' };
      return { notesUrl, holds: (await ask('page:revealNote', { noteId: note, quote })) === true };
    },
    [tabId, noteId, SEEDED_PASSAGE] as const,
  );
}

/** A frame of `page` as a DrivenPage: its points are the frame's own (see offsetOf). */
function drivenFrame(page: Page, frame: Frame): DrivenPage {
  const evaluate = (fn: unknown, arg: unknown) => frame.evaluate(fn as never, arg as never);
  return { evaluate: evaluate as DrivenPage['evaluate'], mouse: page.mouse, keyboard: page.keyboard };
}

/** Where `frame`'s viewport starts in the page's (the copy's iframe, or the page itself). */
function offsetOf(page: Page, frame: Frame): Promise<{ x: number; y: number }> {
  if (frame === page.mainFrame()) return Promise.resolve({ x: 0, y: 0 });
  return page.evaluate(() => {
    const el = document.getElementById('copy-frame')!;
    const r = el.getBoundingClientRect();
    return { x: r.left + el.clientLeft, y: r.top + el.clientTop };
  });
}

/** The text of the extension's notes frames in `frame` (a passage panel, a card). */
async function notesShownIn(frame: Frame): Promise<string> {
  const texts = await Promise.all(
    frame.childFrames().map((child) =>
      within(
        2_000,
        'a frame',
        child.evaluate(() => (location.pathname === '/notes-frame.html' ? (document.body.textContent ?? '') : '')),
      ).catch(() => ''),
    ),
  );
  return texts.join('\n');
}

/**
 * The reader double-clicks a word of the article's annotated passage in `frame` (the page's, or its iframe's):
 * a passage note there opens in its panel; with none, "Add note" is offered beside the word, and the reader
 * clicks it. Resolves with what the extension's notes frame then shows: the note, or a new note's editor.
 */
async function readerAtQuote(page: Page, frame: Frame): Promise<'note' | 'new note'> {
  const driven = drivenFrame(page, frame);
  const word = await pointOfText(driven, SEEDED_PASSAGE, SEEDED_PASSAGE.indexOf('yards') + 2);
  const at = await offsetOf(page, frame);
  await page.mouse.click(at.x + word.x, at.y + word.y, { count: 2 });
  let offered = false;
  for (const deadline = Date.now() + 15_000; ; await pause()) {
    const shown = await notesShownIn(frame);
    if (shown.includes(SECRET)) return 'note';
    if (shown.includes(NEW_NOTE)) return 'new note';
    const button = offered ? null : await driven.evaluate(ownUiPointNearSelection, null);
    if (button) {
      await page.mouse.click(at.x + button.x, at.y + button.y);
      offered = true;
    }
    if (Date.now() > deadline) throw new Error(`Neither a note nor "Add note" showed at the passage in ${frame.url()}`);
  }
}

/** The reader clicks the page's empty left margin: the panel `frame` shows closes (its notes frame goes). */
async function closePanel(page: Page, frame: Frame) {
  await page.mouse.click(2, 2);
  for (const deadline = Date.now() + 10_000; /\S/.test(await notesShownIn(frame)); await pause()) {
    if (Date.now() > deadline) throw new Error(`The panel in ${frame.url()} stayed open after a click beside it`);
  }
}

/** Bytes of the reader's note text the page's frames (its own, not the extension's) read, and whether a highlight lies over the passage. */
async function pageLoot(page: Page): Promise<{ bytes: number; overPassage: boolean }> {
  let bytes = 0;
  let overPassage = false;
  for (const frame of [page.mainFrame(), ...page.mainFrame().childFrames()]) {
    if (!(await frame.evaluate(() => location.origin)).startsWith('http')) continue;
    bytes += leakedBytes(await frame.evaluate(dumpPage), [SECRET, SECRET_TAG]);
    overPassage ||= await frame.evaluate(annotatedPassageVisible, SEEDED_PASSAGE);
  }
  return { bytes, overPassage };
}

beforeAll(async () => {
  server = await startServer();
  const article = `${server.origin}${ARTICLE}`;
  other = await startServer([otherOriginPages(() => article)]);
  expect(new URL(other.origin).hostname).toBe(new URL(server.origin).hostname);
  firefox = await launchFirefoxWithExtension();
  dashboard = await firefoxWelcomeTab(firefox.browser);
  // The reader's notes, their passage note on the article among them, saved from the dashboard.
  const drafts = seedDrafts(article);
  const ids = await dashboard.evaluate(saveDrafts, drafts);
  passageNoteId = ids[drafts.findIndex((d) => d.kind === 'passage')]!;
});
afterAll(async () => {
  try {
    await firefox?.close();
  } finally {
    await server?.close();
    await other?.close();
  }
});

describe('red team, round two (Firefox ESR): other origins of the same host', () => {
  it("the article itself: its content script holds the passage note, and the reader's double-click on the passage opens it", async () => {
    const page = await openPage(`${server.origin}${ARTICLE}`, { spy: true });
    try {
      const tab = await tabOf(page);
      const atPassage = await readerAtQuote(page, page.mainFrame());
      const top = await topScriptOf(tab);
      console.log(
        `Firefox, the article: notes URL ${top.notesUrl}; passage note held ${top.holds}; the reader's double-click shows: ${atPassage}`,
      );
      expect(top).toEqual({ notesUrl: `${server.origin}${ARTICLE}`, holds: true });
      expect(atPassage).toBe('note');
    } finally {
      await page.close();
    }
  });

  it('a copy on another port naming the article canonical gets none of its passage notes, in the page and in its iframe', async () => {
    const page = await openPage(`${other.origin}/copy.html`, { spy: true });
    try {
      const tab = await tabOf(page);
      const top = await topScriptOf(tab);
      const inPage = await readerAtQuote(page, page.mainFrame());
      await closePanel(page, page.mainFrame());
      await page.evaluate(() => document.getElementById('copy-frame')!.scrollIntoView({ block: 'center' }));
      const frame = page
        .mainFrame()
        .childFrames()
        .find((f) => f.url().endsWith(COPY_FRAME));
      if (!frame) throw new Error(`no ${COPY_FRAME} frame in the copy`);
      await whenHighlighted(page, 'rsf', frame);
      const inFrame = await readerAtQuote(page, frame);
      const loot = await pageLoot(page);
      console.log(
        `Firefox, copy naming the article canonical: notes URL ${top.notesUrl}; article's passage note held ${top.holds}; ` +
          `the reader's double-click on its passage shows: page ${inPage}, iframe ${inFrame}; note text the page reads ${loot.bytes} B; a highlight over the passage ${loot.overPassage}`,
      );
      expect(top).toEqual({ notesUrl: `${other.origin}/copy.html`, holds: false });
      expect([inPage, inFrame]).toEqual(['new note', 'new note']);
      expect(loot).toEqual({ bytes: 0, overPassage: false });
    } finally {
      await page.close();
    }
  });

  it('a page that swaps its canonical link for the article and pushes a new URL gets nothing', async () => {
    const page = await openPage(`${other.origin}/spa.html`, { spy: true });
    try {
      const tab = await tabOf(page);
      expect((await topScriptOf(tab)).notesUrl).toBe(`${other.origin}/spa.html`);
      // The reader's own note on the app's next page: it is drawn once the content script has read the page again.
      const [ownNote] = await dashboard.evaluate(saveDrafts, [
        {
          kind: 'passage',
          conceptIds: ['rsf'],
          body: 'Own note on the next page',
          tags: [],
          target: {
            url: `${other.origin}/story-2`,
            title: 'Story 2',
            quote: { type: 'TextQuoteSelector', exact: 'the Pentagon wants ships and aircraft', prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: 0, end: 0 },
          },
        },
      ]);
      await page.evaluate((href) => {
        document.querySelector('link[rel="canonical"]')!.setAttribute('href', href);
        history.pushState({}, '', '/story-2');
      }, `${server.origin}${ARTICLE}`);
      // Read again: the page's own note is drawn (or, were the swapped canonical followed, the article's).
      const drawn = async () => (await topScriptOf(tab)).holds || (await topScriptOf(tab, ownNote)).holds;
      for (const deadline = Date.now() + 20_000; !(await drawn()); await pause()) {
        if (Date.now() > deadline) throw new Error("the content script drew neither the next page's own note nor the article's");
      }
      const top = await topScriptOf(tab);
      const atPassage = await readerAtQuote(page, page.mainFrame());
      const loot = await pageLoot(page);
      console.log(
        `Firefox, canonical swap + pushState: notes URL ${top.notesUrl}; article's passage note held ${top.holds}; ` +
          `the reader's double-click on its passage shows: ${atPassage}; note text the page reads ${loot.bytes} B; a highlight over the passage ${loot.overPassage}`,
      );
      expect(top).toEqual({ notesUrl: `${other.origin}/story-2`, holds: false });
      expect(atPassage).toBe('new note');
      expect(loot).toEqual({ bytes: 0, overPassage: false });
    } finally {
      await page.close();
    }
  });
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
      await whenHighlighted(page, 'rsf');
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
    await whenHighlighted(page, 'ncg');
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
