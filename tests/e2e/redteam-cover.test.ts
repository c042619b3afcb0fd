/**
 * Red team, round two (issue 24), Chromium: the page covers the card with a
 * `popover` of the same size as soon as it shows. The open card puts itself
 * on top again (its host is a popover too, raised when covered), and while
 * covered its notes frame (IntersectionObserver v2) says why it takes no
 * clicks and takes none: the reader's typing never reaches the page and no
 * note is written, whether the cover lets clicks through to the card
 * (clickjacking) or takes them itself.
 */
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { allStoredNotes, cardBox, notesFrame, openCard, termBox, useExtensionBrowser } from './harness';
import { ARTICLE, coverOwnUi, installSpy } from './redteam-attacks';

const env = useExtensionBrowser();
// No space: a refused click leaves focus on the card's own button, which a space would press.
const TYPED = 'Xw9-typed-under-a-cover';

/** Every note in the extension's IndexedDB, read in the service worker. */
const storedNotes = () => env.browser.serviceWorker.evaluate(allStoredNotes);

async function coveredCard(clickThrough: boolean, conceptId: string): Promise<{ page: Page; notes: Frame }> {
  const page = await env.browser.context.newPage();
  page.setDefaultTimeout(15_000);
  await page.addInitScript(installSpy);
  await page.addInitScript(coverOwnUi, clickThrough);
  await page.goto(`${env.server.origin}${ARTICLE}`);
  await expect
    .poll(
      () =>
        termBox(page, conceptId).then(
          () => true,
          () => false,
        ),
      { timeout: 20_000 },
    )
    .toBe(true);
  const box = await termBox(page, conceptId);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog' });
  const notes = await notesFrame(page);
  await expect.poll(() => page.evaluate(() => document.getElementById('fake-card')?.matches(':popover-open') ?? false)).toBe(true);
  return { page, notes };
}

/** The reader clicks where the card's "Add note" is, types, and presses Enter; then the page takes its cover away. */
async function readerWrites(page: Page, notes: Frame) {
  const add = (await notes.getByRole('button', { name: 'Add note' }).boundingBox())!;
  await page.mouse.click(add.x + add.width / 2, add.y + add.height / 2);
  await page.keyboard.type(TYPED, { delay: 15 });
  await page.evaluate(() => document.getElementById('fake-card')!.remove());
}

describe('red team, round two (Chromium): a popover over the card', () => {
  // One concept each: a note the reader typed under the first cover stays as that concept's draft, and its card
  // would open with the editor, not "Add note".
  for (const [clickThrough, conceptId] of [
    [true, 'ncg'],
    [false, 'rsf'],
  ] as const) {
    const how = clickThrough ? 'letting clicks through' : 'taking the clicks';
    it(`${how}: the card is raised above it or says it is covered; the page gets none of the typing`, async () => {
      const { page, notes } = await coveredCard(clickThrough, conceptId);
      try {
        const before = (await storedNotes()).length;
        const notice = notes.getByRole('alert').filter({ hasText: 'covers this card' });
        // The card's middle, as the page's hit test finds it: our host once the card is on top again.
        const onTop = async () => {
          const box = (await cardBox(page))!;
          return page.evaluate(([x, y]) => /^[A-Z]{4}-[A-Z]{8}$/.test(document.elementFromPoint(x, y)?.tagName ?? ''), [
            box.x + box.width / 2,
            box.y + 20,
          ] as const);
        };
        await expect.poll(async () => (await onTop()) || (await notice.isVisible()), { timeout: 10_000 }).toBe(true);
        const raised = await onTop();
        await readerWrites(page, notes);
        const captured = await page.evaluate(() => (window as unknown as { __captured: string }).__captured.length);
        const written = (await storedNotes()).length - before;
        console.log(`popover cover (${how}): card raised above it ${raised}; captured by the page ${captured}; notes written ${written}`);
        expect(captured).toBe(0);
        expect(written).toBe(0);
      } finally {
        await page.close();
      }
    });
  }
});
