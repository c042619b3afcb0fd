/** The concept card in Chromium: hover, hover onto the card, Escape, the keyboard shortcut path, isolation from page CSS. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import {
  TEST_OUTPUT,
  cardBox,
  holdsFor,
  clickInUi,
  clickTerm,
  inUi,
  notesFrame,
  openCard,
  rerenderParagraphOf,
  tabIdOf,
  termBox,
  termCentre,
  uiFocus,
  waitForHighlights,
  waitForSettledHighlights,
  within,
  useExtensionBrowser,
} from './harness';

const env = useExtensionBrowser();

async function openArticle(path = '/demo/sample-article.html'): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await waitForHighlights(page, 3);
  return page;
}

/** The focus ring's boxes round the card's term, drawn in the extension's closed layer. */
const ringBoxes = (page: Page) =>
  inUi(page, (roots) => roots.flatMap((r) => [...r.querySelectorAll('.term-ring')].map((el) => el.getBoundingClientRect().width)), null);

/** Moves the real mouse onto a highlighted mention. */
async function hoverTerm(page: Page, conceptId: string, nth = 0) {
  const at = await termCentre(page, conceptId, nth);
  await page.mouse.move(at.x, at.y, { steps: 6 });
}

/** What the background sends when the reader presses a command shortcut. */
async function pressCommand(page: Page, command: string) {
  const tabId = await tabIdOf(env.browser, page);
  // Highlights can appear before the content script listens for messages: retry until it answers.
  await expect
    .poll(() =>
      sendCommand(tabId, command).then(
        () => true,
        () => false,
      ),
    )
    .toBe(true);
}

async function sendCommand(tabId: number, command: string) {
  await env.browser.serviceWorker.evaluate(
    async ([id, cmd]) => {
      // @webext-core/messaging's wire format, as the background's commands listener sends it.
      await (
        globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }
      ).chrome.tabs.sendMessage(id as number, { id: 1, type: 'page:command', data: { command: cmd }, timestamp: Date.now() });
    },
    [tabId, command] as const,
  );
}

describe('concept card', () => {
  it('opens on hover with the right concept, stays open on the card, closes on Escape', async () => {
    const page = await openArticle();
    await hoverTerm(page, 'rsf');
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'tooltip', name: 'Regional Sustainment Framework' });
    // The term shows a ring drawn in the extension's layer; the page's text itself is untouched.
    expect((await ringBoxes(page)).length).toBeGreaterThan(0);

    // Move onto the card: it stays (WCAG 1.4.13 hoverable).
    const box = (await cardBox(page))!;
    await page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 8 });
    await holdsFor(async () => (await openCard(page)) !== null, 700, 'the card to stay open under the pointer');

    await page.keyboard.press('Escape');
    await expect.poll(() => openCard(page)).toBeNull();
    expect(await ringBoxes(page)).toEqual([]);
    await page.close();
  });

  it('closes after the pointer leaves, with a grace period', async () => {
    const page = await openArticle();
    await hoverTerm(page, 'pipir');
    await expect.poll(() => openCard(page)).not.toBeNull();
    await page.mouse.move(5, 5);
    await expect.poll(() => openCard(page)).toBeNull();
    await page.close();
  });

  it('opens the card of the next highlight from the keyboard shortcut with a ring round it, Enter pins it, and Tab stays in the card', async () => {
    const page = await openArticle();
    await pressCommand(page, 'next-highlight');
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'tooltip' });
    await expect.poll(async () => (await ringBoxes(page)).length).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog' });
    await expect.poll(async () => (await uiFocus(page))?.tag).toBe('BUTTON');
    // Tab goes through the card's controls and its notes frame, and never out to the page.
    let inFrame = 0;
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Tab');
      const focus = await uiFocus(page);
      expect(focus, `Tab ${i + 1} left the card`).not.toBeNull();
      if (focus!.tag === 'IFRAME') inFrame++;
    }
    expect(inFrame).toBeGreaterThan(0);
    await pressCommand(page, 'next-highlight');
    await expect.poll(async () => (await openCard(page))?.name).not.toBe(undefined);
    await page.keyboard.press('Escape');
    await expect.poll(() => openCard(page)).toBeNull();
    await page.close();
  });

  it('switches to a related concept and back', async () => {
    const page = await openArticle();
    await clickTerm(page, 'sma');
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Special Measures Agreement' });
    // Related concepts are under More.
    await clickInUi(page, 'summary', 'More');
    await clickInUi(page, 'button.chip', 'Status of Forces Agreement (1966)');
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Status of Forces Agreement (1966)' });
    // The notes frame follows the card to the related concept.
    await (await notesFrame(page)).getByRole('button', { name: 'Add note' }).waitFor();
    await clickInUi(page, 'button.icon', 'Back to the previous concept');
    await expect.poll(() => openCard(page)).toMatchObject({ name: 'Special Measures Agreement' });
    await page.close();
  });

  it('lives in a shadow root that the page stylesheet does not reach', async () => {
    const page = await openArticle('/fixtures/hostile-styles.html');
    await hoverTerm(page, 'sma');
    await expect.poll(() => openCard(page)).not.toBeNull();
    const style = await inUi(
      page,
      (roots) => {
        const h2 = roots.map((r) => r.querySelector('h2')).find(Boolean)!;
        const cs = getComputedStyle(h2);
        return { color: cs.color, fontSize: cs.fontSize, inShadow: h2.getRootNode() instanceof ShadowRoot };
      },
      null,
    );
    expect(style.inShadow).toBe(true);
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    expect(style.fontSize).toBe('16px');
    await page.close();
  });

  it('causes no layout shift: the page content does not move when a card opens', async () => {
    const page = await openArticle();
    await hoverTerm(page, 'rsf');
    const para = page.locator('p').nth(2);
    const before = await para.boundingBox();
    await page.mouse.move(5, 5);
    await expect.poll(() => openCard(page)).toBeNull();
    await hoverTerm(page, 'rsf');
    await expect.poll(() => openCard(page)).not.toBeNull();
    expect(await para.boundingBox()).toEqual(before);
    await page.close();
  });

  it('fits inside narrow and zoomed windows without covering its term', async () => {
    // 640 × 450 CSS pixels is a 1280 × 900 window at 200 % zoom; 360 × 640 a phone-sized window.
    for (const size of [
      { width: 640, height: 450 },
      { width: 360, height: 640 },
    ]) {
      const page = await openArticle();
      await page.setViewportSize(size);
      await clickTerm(page, 'sma', 1);
      await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog' });
      await expect.poll(async () => (await cardBox(page))?.width ?? 0).toBeGreaterThan(0);
      await inUi(page, (roots) => Promise.all(roots.flatMap((r) => r.getAnimations()).map((a) => a.finished)), null);
      const box = (await cardBox(page))!;
      const term = await termBox(page, 'sma', 1);
      expect(box.x, `left edge at ${size.width}px`).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `right edge at ${size.width}px`).toBeLessThanOrEqual(size.width);
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
      const overlaps =
        box.x < term.x + term.width && term.x < box.x + box.width && box.y < term.y + term.height && term.y < box.y + box.height;
      expect(overlaps, `card covers its term at ${size.width}px`).toBe(false);
      await page.screenshot({ path: join(TEST_OUTPUT, `card-${size.width}x${size.height}.png`) });
      await page.close();
    }
  });

  it('stays with its term when the page rewrites the paragraph around it', async () => {
    const page = await openArticle();
    await clickTerm(page, 'rsf');
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog', name: 'Regional Sustainment Framework' });
    // The page replaces the paragraph's text nodes (as a framework re-rendering it would), and adds text after the term.
    await rerenderParagraphOf(page, 'rsf', ' Later, USFK said more.');
    const term = await termBox(page, 'rsf');
    // The term's line boxes and the line after them (lib/placement): the card goes 6 px below or above them, or beside the column at their top.
    const { lineHeight, glyphs } = await page.evaluate(() => {
      const [r] = [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get('alliance-lens--rsf')!];
      const range = document.createRange();
      range.setStart(r!.startContainer, r!.startOffset);
      range.setEnd(r!.endContainer, r!.endOffset);
      const p = range.startContainer.parentElement!;
      return {
        lineHeight: parseFloat(getComputedStyle(p).lineHeight) || 1.2 * parseFloat(getComputedStyle(p).fontSize),
        glyphs: range.getClientRects()[0]!.height,
      };
    });
    const leading = Math.max(0, lineHeight - glyphs) / 2;
    const [top, bottom] = [term.y - leading, term.y + term.height + leading + Math.max(lineHeight, glyphs)];
    await expect
      .poll(async () => {
        const card = (await cardBox(page))!;
        // Placed against the new term's lines, not where the old text was.
        return Math.min(Math.abs(card.y - (bottom + 6)), Math.abs(card.y + card.height - (top - 6)), Math.abs(card.y - top));
      })
      .toBeLessThanOrEqual(40);
    expect(await openCard(page)).toMatchObject({ role: 'dialog' });
    await page.close();
  });

  it("keeps typing in the note editor away from the page's own keyboard shortcuts", async () => {
    const page = await openArticle();
    // Shortcut handlers as sites install them (bubbling listeners on the document and the window).
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      for (const target of [document, window])
        for (const type of ['keydown', 'keypress', 'keyup'])
          target.addEventListener(type, (e) => seen.push(`${type}:${(e as KeyboardEvent).key}`));
    });
    await clickTerm(page, 'sma');
    const notes = await notesFrame(page);
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByRole('textbox', { name: 'Note' }).pressSequentially('j k / ? g n');
    expect(await notes.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('j k / ? g n');
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([]);
    await page.close();
  });

  it('works from the keyboard alone: the shortcut to a highlight, Enter, write and save a note, Escape back, focus visible throughout', async () => {
    const page = await openArticle();
    await waitForSettledHighlights(page);
    const frameFocus = (frame: Frame) =>
      within(
        5_000,
        'focus in the notes frame',
        frame.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return { tag: el.tagName, cls: el.className, outline: getComputedStyle(el).outlineStyle };
        }),
      );
    const cardFocusOutline = () =>
      inUi(
        page,
        (roots) =>
          roots
            .map((r) => r.activeElement)
            .filter(Boolean)
            .map((el) => getComputedStyle(el!).outlineStyle)[0] ?? null,
        null,
      );

    // The shortcut (Alt+Shift+J) moves to the next highlight: its card opens with a visible ring round the term.
    await pressCommand(page, 'next-highlight');
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'tooltip' });
    await expect.poll(async () => (await ringBoxes(page)).length).toBeGreaterThan(0);

    // Enter pins it: a dialog, focus on its first control, visibly.
    await page.keyboard.press('Enter');
    await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog' });
    await expect.poll(async () => (await uiFocus(page))?.tag).toBe('BUTTON');
    expect(await cardFocusOutline()).not.toBe('none');

    // Tab on into the notes frame, to "Add note".
    const notes = await notesFrame(page);
    let inFrame = await frameFocus(notes);
    for (let i = 0; i < 20 && !String(inFrame.cls).includes('add-note'); i++) {
      await page.keyboard.press('Tab');
      inFrame = await frameFocus(notes);
      if (inFrame.tag === 'BODY') expect(await cardFocusOutline()).not.toBe('none');
    }
    expect(inFrame.cls).toContain('add-note');
    expect(inFrame.outline).not.toBe('none');

    // Enter opens the editor with the caret in it; type, Tab to the tags, Tab to Save, Enter.
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await frameFocus(notes)).tag).toBe('TEXTAREA');
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Tab');
    expect((await frameFocus(notes)).tag).toBe('INPUT');
    await page.keyboard.press('Tab');
    const save = await frameFocus(notes);
    expect(save.tag).toBe('BUTTON');
    expect(save.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await notes.getByText('Typed without a mouse').waitFor({ timeout: 10_000 });

    // Escape: the card and its ring go, and focus is back in the page where the reader was.
    await page.keyboard.press('Escape');
    await expect.poll(() => openCard(page)).toBeNull();
    expect(await ringBoxes(page)).toEqual([]);
    expect(await uiFocus(page)).toBeNull();
    await page.close();
  });
});
