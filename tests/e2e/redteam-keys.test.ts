/**
 * Red team, round two (issue 24), Chromium: keys typed for a new passage note
 * never reach the page. The page logs every key event in the capture phase on
 * window and document (installSpy, before any script of its own); the reader
 * clicks "Add note", then clicks at the panel's text box at moments spread
 * over the panel's opening (0–2,500 ms) and types at once.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickInUi, notesFrame, selectText, termBox, useExtensionBrowser } from './harness';
import { ARTICLE, installSpy } from './redteam-attacks';

const env = useExtensionBrowser();
const PASSAGE = 'the Pentagon wants ships and aircraft to be repaired';
/** When the reader clicks at the text box, after clicking "Add note" (ms): the sweep is the test's input. */
const DELAYS = [0, 50, 100, 200, 350, 500, 750, 1000, 1500, 2000, 2500];

const keysLogged = (page: Page) => page.evaluate(() => (window as unknown as { __spy: { keys: number } }).__spy.keys);

/** Selects the passage (the same place each time) and clicks "Add note" with the real mouse. */
async function startNote(page: Page) {
  await page.evaluate(
    (text) => [...document.querySelectorAll('p')].find((p) => p.textContent!.includes(text))!.scrollIntoView({ block: 'center' }),
    PASSAGE,
  );
  await selectText(page, PASSAGE);
  // A key the reader presses on the page (not for a note) makes the selection theirs, as in card-flows.
  await page.keyboard.press('Shift');
  const before = await keysLogged(page);
  await clickInUi(page, 'button.selection-button', 'Add note');
  return before;
}

/** A fresh page for each trial: closing a panel by key or click removes the frame under the driver's input, which can stall it. */
async function freshPage(page: Page) {
  await page.reload();
  await expect
    .poll(
      () =>
        termBox(page, 'rsf').then(
          () => true,
          () => false,
        ),
      { timeout: 20_000 },
    )
    .toBe(true);
}

describe('red team, round two (Chromium): keys typed for a note', () => {
  it('never reach the page, whenever during the panel opening the reader clicks its text box', async () => {
    const page = await env.browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.addInitScript(installSpy);
    await page.goto(`${env.server.origin}${ARTICLE}`);
    await freshPage(page);
    // Where the text box ends up: the reader aims there.
    await startNote(page);
    const panel = await notesFrame(page, 'Add a note to this passage');
    const box = (await panel.getByRole('textbox', { name: 'Note' }).boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + Math.min(20, box.height / 2) };

    const leaks: number[] = [];
    for (const delay of DELAYS) {
      await freshPage(page);
      const before = await startNote(page);
      await page.waitForTimeout(delay);
      await page.mouse.click(at.x, at.y);
      await page.keyboard.type('Xw9 typed', { delay: 15 });
      await notesFrame(page, 'Add a note to this passage');
      leaks.push((await keysLogged(page)) - before);
    }
    console.log(`key events the page logged per click delay (${DELAYS.join(', ')} ms): ${leaks.join(', ')}`);
    expect(leaks).toEqual(DELAYS.map(() => 0));
    await page.close();
  });
});
