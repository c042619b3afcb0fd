/**
 * Red team, Firefox ESR (WebDriver BiDi): the attacks of redteam-attacks.ts
 * that do not need Chromium's DevTools protocol. Same rules as in Chromium:
 * secrets seeded first, 0 bytes of them in what the page collects, 0 notes
 * created by the page, and the reader's own flow still works.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { firefoxNotesFrame } from '../../scripts/firefox';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { allStoredNotes, drivenPuppeteerPage, termCentre, waitForPainted, useFirefoxWithExtension } from './harness';
import {
  ARTICLE,
  SECRET,
  SECRET_TAG,
  SEEDED_PASSAGE,
  TYPED_SECRET,
  annotatedPassageVisible,
  driveHighlights,
  dumpPage,
  embedFrame,
  installSpy,
  leakedBytes,
  preRegisterHostTags,
  saveDrafts,
  seedDrafts,
  spoofMarks,
} from './redteam-attacks';

const env = useFirefoxWithExtension();
const conceptIds = loadCorpusFromDir('data').concepts.map((c) => c.id);
const SECRETS = [SECRET, SECRET_TAG, TYPED_SECRET];

/** Every note body in the extension's IndexedDB, read from an extension page (the notes frame shares its origin). */
async function storedBodies(extensionPage: Frame): Promise<string[]> {
  return (await extensionPage.evaluate(allStoredNotes)).map((n) => n.body);
}

async function hostilePage(...initScripts: (() => void)[]): Promise<Page> {
  const page = await env.firefox.browser.newPage();
  for (const script of [installSpy, ...initScripts]) await page.evaluateOnNewDocument(script);
  await page.goto(`${env.server.origin}${ARTICLE}`);
  await waitForPainted(drivenPuppeteerPage(page), 11);
  return page;
}

/** The reader clicks a real highlight of `conceptId` (a trusted click) and gets the card's notes frame. */
async function readerOpensCard(page: Page, conceptId: string): Promise<Frame> {
  // Near the top of the view: the card opens below with room for its notes frame, which the driver clicks into.
  const { x, y } = await termCentre(drivenPuppeteerPage(page), conceptId, 0, 'start');
  await page.mouse.move(x, y, { steps: 10 });
  await page.mouse.click(x, y);
  return firefoxNotesFrame(page);
}

/** Whether a card or note panel (each holds the extension's notes frame) is open on the page. */
const notesShown = (page: Page) => page.frames().some((f) => f.url().includes('/notes-frame.html'));

beforeAll(async () => {
  // The reader's secrets, saved from an extension page (the notes frame) as the frame saves notes.
  const page = await env.firefox.browser.newPage();
  await page.goto(`${env.server.origin}${ARTICLE}`);
  await waitForPainted(drivenPuppeteerPage(page), 11);
  const frame = await readerOpensCard(page, 'sma');
  await frame.evaluate(saveDrafts, seedDrafts(`${env.server.origin}${ARTICLE}`));
  await page.close();
});

async function expectNothingObtained(page: Page, frame: Frame, before: number, extraLoot = '') {
  const loot = (await page.evaluate(dumpPage)) + extraLoot;
  expect(leakedBytes(loot, SECRETS), 'bytes of note text the page obtained').toBe(0);
  expect((await storedBodies(frame)).length, 'notes the page created').toBe(before);
  expect(await page.evaluate(annotatedPassageVisible, SEEDED_PASSAGE), 'the page can tell which passage the reader annotated').toBe(false);
  return loot;
}

describe('red team (Firefox ESR): the page cannot read, write or trigger the reader notes', () => {
  it('spoofed marks and focus()/click() aimed at every highlight open nothing; the reader click does, and the page reads 0 bytes', async () => {
    const page = await hostilePage();
    await page.evaluate(spoofMarks, conceptIds);
    await page.evaluate(driveHighlights);
    expect(notesShown(page)).toBe(false);
    const notes = await readerOpensCard(page, 'sma');
    await notes.waitForFunction((s) => document.body.textContent!.includes(s), {}, SECRET);
    const before = (await storedBodies(notes)).length;
    const loot = await expectNothingObtained(page, notes, before);
    expect(loot).not.toMatch(/<alliance-lens-ui/i);
    await page.close();
  });

  it('keylogging: the page sees none of the keys of a note being typed', async () => {
    const page = await hostilePage();
    const notes = await readerOpensCard(page, 'ncg');
    const before = (await storedBodies(notes)).length;
    const keysBefore = await page.evaluate(() => (window as unknown as { __spy: { keys: number } }).__spy.keys);
    await notes.click('button.add-note');
    await notes.waitForSelector('textarea');
    await notes.type('textarea', `${TYPED_SECRET} (Firefox)`, { delay: 20 });
    await notes.click('button[type="submit"]');
    await notes.waitForFunction((s) => document.body.textContent!.includes(s), {}, `${TYPED_SECRET} (Firefox)`);
    expect(await page.evaluate(() => (window as unknown as { __spy: { keys: number } }).__spy.keys)).toBe(keysBefore);
    await expectNothingObtained(page, notes, before + 1);
    await page.close();
  });

  it('a pre-registered host tag and late registration of every new tag get nothing and break nothing', async () => {
    const page = await hostilePage(preRegisterHostTags);
    const notes = await readerOpensCard(page, 'rsf');
    await notes.waitForFunction((s) => document.body.textContent!.includes(s), {}, SECRET);
    const loot = await expectNothingObtained(page, notes, (await storedBodies(notes)).length);
    expect(loot).toMatch(/upgraded:[a-z]{4}-[a-z]{8}:no open root:no root through internals/);
    await page.close();
  });

  it("a page that removes or hides the UI host: the reader's next click gets a new host with a working card and notes", async () => {
    const page = await hostilePage();
    const hosts = () =>
      page.evaluate(() =>
        [...document.body.children].filter((e) => /^[A-Z]{4}-[A-Z]{8}$/.test(e.tagName)).map((e) => getComputedStyle(e).display),
      );
    await readerOpensCard(page, 'sma');
    await page.keyboard.press('Escape');
    await page.evaluate(() => {
      for (const e of document.body.children) if (/^[A-Z]{4}-[A-Z]{8}$/.test(e.tagName)) e.remove();
    });
    await readerOpensCard(page, 'ncg');
    expect(await hosts()).toEqual(['block']);
    await page.keyboard.press('Escape');
    await page.evaluate(() => {
      for (const e of document.body.children)
        if (/^[A-Z]{4}-[A-Z]{8}$/.test(e.tagName)) (e as HTMLElement).style.setProperty('display', 'none', 'important');
    });
    const notes = await readerOpensCard(page, 'rsf');
    // The hidden host went; one shown host is left, and its card shows the reader's notes.
    expect(await hosts()).toEqual(['block']);
    await notes.waitForFunction((s) => document.body.textContent!.includes(s), {}, SECRET);
    await expectNothingObtained(page, notes, (await storedBodies(notes)).length);
    await page.close();
  });

  it('the page embedding the notes frame itself (Firefox lets it load) and posting to it gets nothing', async () => {
    const page = await hostilePage();
    const notes = await readerOpensCard(page, 'sma');
    const base = new URL(
      '/notes-frame.html',
      notes.url().startsWith('moz-extension:') ? notes.url() : await notes.evaluate(() => location.href),
    ).href;
    const replies = await page.evaluate(embedFrame, [base, `${base}#${'0'.repeat(32)}`]);
    expect(replies).toBe('');
    await expectNothingObtained(page, notes, (await storedBodies(notes)).length, replies);
    // Of every notes frame in the tab, only the reader's card shows anything.
    let showing = 0;
    for (const frame of page.frames()) {
      if (
        await frame
          .evaluate(() => location.pathname === '/notes-frame.html' && !!document.querySelector('#app')?.textContent)
          .catch(() => false)
      )
        showing++;
    }
    expect(showing).toBe(1);
    await page.close();
  });
});
