/**
 * Red team, Chromium: the page is the adversary (tests/e2e/redteam-attacks.ts
 * is what it runs). Before each attack the reader has real notes holding
 * known secrets; after it, everything the page could collect is searched for
 * them (0 bytes), the extension's IndexedDB is counted (0 notes created by the
 * page), and the reader's own flow, with the real mouse and keyboard at human
 * speed, still works.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import {
  clickInUi,
  notesFrame,
  openCard,
  passageBoxCount,
  pointOfText,
  termCentre,
  useExtensionBrowser,
  waitForHighlights,
  waitForSettledHighlights,
  humanPause,
  openCardEditor,
} from './harness';
import {
  ARTICLE,
  SECRET,
  SECRET_TAG,
  SEEDED_PASSAGE,
  TYPED_SECRET,
  annotatedPassageVisible,
  driveEverything,
  driveHighlights,
  dumpPage,
  embedFrame,
  installSpy,
  leakedBytes,
  overlay,
  plantMarks,
  preRegisterHostTags,
  seedDrafts,
  spoofMarks,
  magnifyText,
} from './redteam-attacks';

declare const chrome: typeof import('wxt/browser').browser;

const env = useExtensionBrowser();
const conceptIds = loadCorpusFromDir('data').concepts.map((c) => c.id);
const SECRETS = [SECRET, SECRET_TAG, TYPED_SECRET];

interface StoredNote {
  id: string;
  kind: string;
  body: string;
  conceptIds?: string[];
}

/** Every note in the extension's IndexedDB, read in the service worker. */
function storedNotes(): Promise<StoredNote[]> {
  return env.browser.serviceWorker.evaluate(async () => {
    const open = indexedDB.open('alliance-lens-notes');
    const db: IDBDatabase = await new Promise((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const all: StoredNote[] = await new Promise((ok) => {
      const req = db.transaction('notes').objectStore('notes').getAll();
      req.onsuccess = () => ok(req.result);
    });
    db.close();
    return all;
  });
}

let seededIds: string[] = [];

beforeAll(async () => {
  // The reader's notes, saved as the notes frame saves them (from an extension page).
  const popup = await env.browser.openExtensionPage('popup.html');
  await popup.evaluate(
    async (drafts) => {
      for (const data of drafts) {
        const reply = await chrome.runtime.sendMessage({ id: 1, type: 'notes:save', data, timestamp: Date.now() });
        if (!reply?.res?.ok) throw new Error(`seeding failed: ${JSON.stringify(reply)}`);
      }
    },
    seedDrafts(`${env.server.origin}${ARTICLE}`),
  );
  await popup.close();
  seededIds = (await storedNotes()).map((n) => n.id);
});

/** Opens the article with the page's spy (and any other script of the page) installed before anything else. */
async function hostilePage(...initScripts: (() => void)[]): Promise<Page> {
  const page = await env.browser.context.newPage();
  for (const script of [installSpy, ...initScripts]) await page.addInitScript(script);
  await page.goto(`${env.server.origin}${ARTICLE}`);
  await waitForHighlights(page, 10);
  await waitForSettledHighlights(page);
  // The seeded passage is drawn (in the extension's closed layer) once it is near the view.
  await passageSpot(page);
  await expect.poll(() => passageBoxCount(page), { timeout: 10_000 }).toBeGreaterThan(0);
  return page;
}

/** A point inside the seeded passage, off the concept highlights in it, scrolled into view. */
const passageSpot = (page: Page) => pointOfText(page, 'yards such as', 8);

/** The reader moves the real mouse onto a point and clicks, at human speed. */
async function readerClickAt(page: Page, x: number, y: number) {
  await page.mouse.move(x, y, { steps: 12 });
  await humanPause();
  await page.mouse.click(x, y);
  await humanPause();
}

/** The reader clicks a highlight and sees their own note in the card's notes frame. */
async function readerOpensCard(page: Page, conceptId: string) {
  const { x, y } = await termCentre(page, conceptId);
  await readerClickAt(page, x, y);
  await expect.poll(() => openCard(page), { timeout: 10_000 }).toMatchObject({ role: 'dialog' });
  const notes = await notesFrame(page);
  await notes.getByText(SECRET, { exact: false }).first().waitFor();
  return notes;
}

/** What the page got: 0 bytes of any secret, no note id, no note created. */
async function expectNothingObtained(page: Page, extraLoot = '') {
  const loot = (await page.evaluate(dumpPage)) + extraLoot;
  expect(leakedBytes(loot, SECRETS), 'bytes of note text the page obtained').toBe(0);
  for (const id of seededIds) expect(loot, 'a note id in the page').not.toContain(id);
  expect(loot).not.toContain('data-alliance-lens-note');
  expect(await page.evaluate(annotatedPassageVisible, SEEDED_PASSAGE), 'the page can tell which passage the reader annotated').toBe(false);
  const notes = await storedNotes();
  const foreign = notes.filter((n) => !seededIds.includes(n.id) && !n.body.startsWith(TYPED_SECRET));
  expect(
    foreign.map((n) => n.body),
    'notes the page created',
  ).toEqual([]);
  return loot;
}

describe('red team (Chromium): the page cannot read, write or trigger the reader notes', () => {
  it('spoofed marks for all concepts, focus()ed and click()ed, open nothing', async () => {
    const page = await hostilePage();
    await page.evaluate(spoofMarks, conceptIds);
    expect(await openCard(page)).toBeNull();
    await expectNothingObtained(page);
    // The reader's hover still opens a card on a highlight.
    const { x, y } = await termCentre(page, 'ncg');
    await page.mouse.move(x, y, { steps: 12 });
    await expect.poll(() => openCard(page), { timeout: 10_000 }).toMatchObject({ role: 'tooltip', name: 'Nuclear Consultative Group' });
    await page.close();
  });

  it('focus(), click() and synthetic events aimed at every highlight open nothing', async () => {
    const page = await hostilePage();
    await page.evaluate(driveHighlights);
    await humanPause();
    expect(await openCard(page)).toBeNull();
    await expectNothingObtained(page);
    await readerOpensCard(page, 'sma');
    await page.close();
  });

  it('synthetic clicks, keys, input and submit on everything, and forged messages to every frame, while the reader has a card open', async () => {
    const page = await hostilePage();
    const notes = await readerOpensCard(page, 'sma');
    const before = (await storedNotes()).length;
    const replies = await page.evaluate(driveEverything);
    // The page's synthetic Escape did not close the card; its clicks and submits saved nothing.
    expect(await openCard(page)).toMatchObject({ role: 'dialog', name: 'Special Measures Agreement' });
    expect((await storedNotes()).length).toBe(before);
    await expectNothingObtained(page, replies);
    // The reader writes a note with the real keyboard: it is saved, once.
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByRole('textbox', { name: 'Note' }).pressSequentially(`${TYPED_SECRET} (after forged events)`, { delay: 20 });
    await notes.getByRole('button', { name: 'Save note' }).click();
    await notes.getByText(`${TYPED_SECRET} (after forged events)`).waitFor();
    expect((await storedNotes()).length).toBe(before + 1);
    await expectNothingObtained(page);
    await page.close();
  });

  it('a clickjacking overlay takes the reader clicks: no card, no note panel', async () => {
    const page = await hostilePage();
    await page.evaluate(overlay);
    for (const spot of [() => termCentre(page, 'sma'), () => passageSpot(page)]) {
      const { x, y } = await spot();
      await readerClickAt(page, x, y);
    }
    expect(await openCard(page)).toBeNull();
    expect(page.frames().filter((f) => f.url().includes('/notes-frame.html'))).toEqual([]);
    const loot = await expectNothingObtained(page);
    expect(loot).toContain('overlay-click');
    await page.close();
  });

  it('an annotated passage magnified invisibly under the reader pointer: the reader click opens the note, the page reads 0 bytes of it', async () => {
    const page = await hostilePage();
    await page.evaluate(magnifyText, 'yards such as');
    expect(await page.evaluate(() => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.tagName)).toBe('P');
    await readerClickAt(page, 640, 450);
    const panel = await notesFrame(page);
    await panel.getByText(`${SECRET} (passage)`).waitFor();
    await expectNothingObtained(page);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.frames().some((f) => f.url().includes('/notes-frame.html'))).toBe(false);
    await page.close();
  });

  it('keylogging: the page sees none of the keys, input or selection of a note being typed', async () => {
    const page = await hostilePage();
    const notes = await readerOpensCard(page, 'ncg');
    const keysBefore = await page.evaluate(() => (window as unknown as { __spy: { keys: number } }).__spy.keys);
    const box = await openCardEditor(notes);
    await box.click();
    await page.keyboard.type(`${TYPED_SECRET} (keylogger)`, { delay: 25 });
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+c');
    await notes.getByRole('button', { name: 'Save note' }).click();
    await notes.getByText(`${TYPED_SECRET} (keylogger)`).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __spy: { keys: number } }).__spy.keys)).toBe(keysBefore);
    await expectNothingObtained(page);
    await page.close();
  });

  it('MutationObserver, getComputedStyle, elementFromPoint and window.frames probing of the open card and a note panel', async () => {
    const page = await hostilePage();
    await readerOpensCard(page, 'rsf');
    const withCard = await expectNothingObtained(page);
    await page.keyboard.press('Escape');
    const { x, y } = await passageSpot(page);
    await readerClickAt(page, x, y);
    await (await notesFrame(page)).getByText(`${SECRET} (passage)`).waitFor();
    const withPanel = await expectNothingObtained(page);
    // The host is no longer the predictable tag, and the frame's URL (with its nonce) never reached the page.
    expect(withCard + withPanel).not.toMatch(/<alliance-lens-ui/i);
    expect(withCard + withPanel).not.toContain('/notes-frame.html#');
    await page.close();
  });

  it('a custom element pre-registered with the old host tag, and the page registering every new tag it sees, get nothing and break nothing', async () => {
    const page = await hostilePage(preRegisterHostTags);
    await readerOpensCard(page, 'sma');
    const loot = await expectNothingObtained(page);
    // The page did register the host's (random) tag after it appeared, and found no way into its closed root.
    expect(loot).toMatch(/upgraded:[a-z]{4}-[a-z]{8}:no open root:no root through internals/);
    const tagAgain = await hostilePage(preRegisterHostTags);
    await readerOpensCard(tagAgain, 'sma');
    const first = /upgraded:([a-z]{4}-[a-z]{8})/.exec(loot)![1];
    expect(await tagAgain.evaluate(dumpPage)).not.toContain(`upgraded:${first}`);
    await page.close();
    await tagAgain.close();
  });

  it('5,006 marks planted in a passage while the reader saves a note on it: only real concepts are stored', async () => {
    const page = await hostilePage();
    const passage = 'the Pentagon wants ships and aircraft to be repaired closer';
    await page.evaluate(plantMarks, [passage, 5_006] as [string, number]);
    await waitForSettledHighlights(page);
    // The reader selects the passage with the mouse (drag) and uses the "Add note" button.
    const ends = await page.evaluate((text) => {
      const holder = [...document.querySelectorAll('p')].find((p) => p.textContent!.includes(text))!;
      const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + text.length);
        const rects = [...range.getClientRects()];
        return {
          from: { x: rects[0]!.left + 1, y: rects[0]!.top + rects[0]!.height / 2 },
          to: { x: rects.at(-1)!.right - 1, y: rects.at(-1)!.top + rects.at(-1)!.height / 2 },
        };
      }
      throw new Error('passage not in one text node');
    }, passage);
    await page.mouse.move(ends.from.x, ends.from.y, { steps: 8 });
    await humanPause();
    await page.mouse.down();
    await page.mouse.move(ends.to.x, ends.to.y, { steps: 20 });
    await page.mouse.up();
    await humanPause();
    await clickInUi(page, 'button.selection-button', 'Add note');
    const panel = await notesFrame(page, 'Add a note to this passage');
    await panel.getByRole('textbox', { name: 'Note' }).pressSequentially(`${TYPED_SECRET} (planted marks)`, { delay: 15 });
    await panel.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(async () => (await storedNotes()).find((n) => n.body === `${TYPED_SECRET} (planted marks)`)).toBeTruthy();
    const saved = (await storedNotes()).find((n) => n.body === `${TYPED_SECRET} (planted marks)`)!;
    expect(saved.conceptIds!.length).toBeLessThanOrEqual(16);
    for (const id of saved.conceptIds!) expect(conceptIds).toContain(id);
    expect(saved.conceptIds).not.toContain('constructor');
    await expectNothingObtained(page);
    await page.close();
  });

  it("a page that removes or hides the UI host: the reader's next click gets a new host with a working card and notes", async () => {
    const page = await hostilePage();
    await readerOpensCard(page, 'sma');
    await page.keyboard.press('Escape');
    await page.evaluate(() => {
      for (const e of document.body.children) if (/^[A-Z]{4}-[A-Z]{8}$/.test(e.tagName)) e.remove();
    });
    await readerOpensCard(page, 'ncg');
    expect(await page.evaluate(() => [...document.body.children].filter((e) => /^[A-Z]{4}-[A-Z]{8}$/.test(e.tagName)).length)).toBe(1);
    await page.keyboard.press('Escape');
    await page.evaluate(() => {
      for (const e of document.body.children)
        if (/^[A-Z]{4}-[A-Z]{8}$/.test(e.tagName)) (e as HTMLElement).style.setProperty('display', 'none', 'important');
    });
    await readerOpensCard(page, 'rsf');
    // The hidden host went; one shown host is left.
    expect(
      await page.evaluate(() =>
        [...document.body.children].filter((e) => /^[A-Z]{4}-[A-Z]{8}$/.test(e.tagName)).map((e) => getComputedStyle(e).display),
      ),
    ).toEqual(['block']);
    await expectNothingObtained(page);
    await page.close();
  });

  it('the page embedding the notes frame itself, and posting to it, gets nothing', async () => {
    const page = await hostilePage();
    await readerOpensCard(page, 'sma');
    const base = `chrome-extension://${env.browser.extensionId}/notes-frame.html`;
    const replies = await page.evaluate(embedFrame, [base, `${base}#${'0'.repeat(32)}`]);
    await expectNothingObtained(page, replies);
    expect(replies).toBe('');
    // Of every notes frame in the tab, only the reader's card shows anything.
    const showing = [];
    for (const frame of page.frames().filter((f) => f.url().includes('/notes-frame.html'))) {
      if (await frame.evaluate(() => !!document.querySelector('#app')?.textContent).catch(() => false)) showing.push(frame);
    }
    expect(showing).toHaveLength(1);
    await page.close();
  });
});
