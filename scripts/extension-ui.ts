/**
 * Playwright helpers that reach the extension's in-page UI as the reader and
 * DevTools can, and page scripts cannot: its closed shadow roots (through the
 * DevTools protocol) and its notes frame (an extension page, a frame of the tab).
 * Used by the end-to-end tests, the screenshots and the demo.
 */
import type { Frame, JSHandle, Page } from 'playwright-core';

/** How the open card is styled (read from its closed shadow root through the DevTools protocol). */
export async function styledCard(page: Page) {
  return inUi(
    page,
    (roots) => {
      const card = roots.map((r) => r.getElementById('alliance-lens-card')).find(Boolean);
      if (!card) return null;
      const cs = getComputedStyle(card);
      return { width: card.getBoundingClientRect().width, position: cs.position, radius: cs.borderTopLeftRadius };
    },
    null,
  );
}

/**
 * The extension's in-page UI roots. They are closed shadow roots no page
 * script can reach; the test reaches them as DevTools does (the protocol
 * pierces closed roots) and hands them to the page's main world under a
 * symbol only this harness uses. Their content is public (concept text,
 * buttons): note text is only ever in the notes frame.
 */
export async function uiRoots(page: Page): Promise<JSHandle<ShadowRoot[]>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    type DomNode = {
      backendNodeId: number;
      nodeName: string;
      attributes?: string[];
      children?: DomNode[];
      shadowRoots?: (DomNode & { shadowRootType?: string })[];
    };
    // Deep enough for <html> → <body> → host → its shadow root → div.layer, in one call.
    const { root } = (await cdp.send('DOM.getDocument', { depth: 5, pierce: true })) as { root: DomNode };
    // Our hosts are children of <body> (or <html>) whose closed root holds a div.layer.
    const html = root.children?.find((n) => n.nodeName === 'HTML');
    const hosts = [...(html?.children ?? []), ...(html?.children?.find((n) => n.nodeName === 'BODY')?.children ?? [])];
    const ours = hosts
      .flatMap((host) => host.shadowRoots ?? [])
      .filter(
        (shadow) => shadow.shadowRootType === 'closed' && shadow.children?.some((c) => c.attributes?.join(' ').includes('class layer')),
      )
      .map((shadow) => shadow.backendNodeId);
    await page.evaluate(() => ((globalThis as Record<symbol, unknown>)[Symbol.for('alliance-lens-test-ui')] = []));
    for (const backendNodeId of ours) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId })) as { object: { objectId: string } };
      await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: "function () { globalThis[Symbol.for('alliance-lens-test-ui')].push(this); }",
      });
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  return page.evaluateHandle(() => (globalThis as unknown as Record<symbol, ShadowRoot[]>)[Symbol.for('alliance-lens-test-ui')]!);
}

/** `work`, or an error after `ms`: a busy renderer may leave a DevTools call unanswered, and a test should say so, not hang. */
export function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what}: no answer in ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Runs `fn` in the page with the extension's UI roots. */
export async function inUi<A, R>(page: Page, fn: (roots: ShadowRoot[], arg: A) => R, arg: A): Promise<R> {
  return within(
    10_000,
    'reading the extension UI',
    (async () => {
      const roots = await uiRoots(page);
      try {
        return (await roots.evaluate(fn as never, arg)) as R;
      } finally {
        await roots.dispose();
      }
    })(),
  );
}

/**
 * Clicks, with the real mouse, the first element in the extension's UI that
 * matches `selector` and whose text or aria-label contains `name` (if given).
 */
export async function clickInUi(page: Page, selector: string, name?: string) {
  let box: { x: number; y: number } | null = null;
  for (let tries = 0; !box && tries < 50; tries++) {
    box = await inUi(
      page,
      (roots, [sel, label]) => {
        for (const root of roots) {
          for (const el of root.querySelectorAll<HTMLElement>(sel)) {
            if (label && !(el.getAttribute('aria-label') ?? el.textContent ?? '').includes(label)) continue;
            el.scrollIntoView({ block: 'nearest' });
            const r = el.getBoundingClientRect();
            if (r.width && r.height) return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          }
        }
        return null;
      },
      [selector, name ?? ''] as const,
    );
    if (!box) await page.waitForTimeout(100);
  }
  if (!box) throw new Error(`No "${selector}"${name ? ` named "${name}"` : ''} in the extension's UI`);
  await page.mouse.click(box.x, box.y);
}

/** The extension's notes frame in `page` that shows something (containing `text`, if given): the card's notes or a passage panel. */
export async function notesFrame(page: Page, text = '', timeout = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (!frame.url().includes('/notes-frame.html')) continue;
      // A frame still loading (or going away) may never answer: ask again on the next round rather than wait on it.
      const shown = await within(
        1_000,
        'asking a notes frame',
        frame.evaluate((t) => !!document.querySelector('#app')?.textContent?.includes(t), text),
      ).catch(() => false);
      if (shown) return frame;
    }
    if (Date.now() > deadline) throw new Error(`No notes frame showed ${text ? `"${text}"` : 'anything'}`);
    await page.waitForTimeout(100);
  }
}

/** Whether the concept card is open, and for which concept (read from its closed shadow root). */
export function openCard(page: Page): Promise<{ role: string; name: string } | null> {
  return inUi(
    page,
    (roots) => {
      const card = roots.map((r) => r.getElementById('alliance-lens-card')).find(Boolean);
      if (!card) return null;
      return { role: card.getAttribute('role') ?? '', name: card.querySelector('h2')?.textContent ?? '' };
    },
    null,
  );
}

/**
 * Clicks "Add note" in a pinned card's notes frame; resolves with the note field once the card has grown
 * the frame to the editor's height (NOTES_HEIGHT.editing in render-card.tsx). Until then the frame moves
 * under the pointer, and a click aimed at its Save button can land beside it.
 */
export async function openCardEditor(notes: Frame) {
  await notes.getByRole('button', { name: 'Add note' }).click({ timeout: 15_000 });
  const editor = notes.getByRole('textbox', { name: 'Note' });
  await editor.waitFor({ timeout: 15_000 });
  await settledCard(notes.page());
  return editor;
}

/** Waits until the open card stops moving: grown by its editor, it may move to the side with room for it. */
export async function settledCard(page: Page) {
  let last = '';
  for (const deadline = Date.now() + 10_000; ; await page.waitForTimeout(150)) {
    const box = JSON.stringify(await cardBox(page));
    if (box === last) return;
    last = box;
    if (Date.now() > deadline) throw new Error('The card kept moving for 10 s');
  }
}

/** With the card of a concept open: "Add note" in its notes frame, type `body`, save, and wait until the card lists it. */
export async function saveNoteInCard(page: Page, body: string, tags?: string) {
  const notes = await notesFrame(page);
  await (await openCardEditor(notes)).fill(body);
  if (tags !== undefined) await notes.getByRole('textbox', { name: /Tags/ }).fill(tags);
  await notes.getByRole('button', { name: 'Save note' }).click();
  await notes.getByText(body).waitFor();
  return notes;
}

/** With the passage-note panel open: type `body` and save; resolves once the panel is gone. */
export async function saveInPassagePanel(page: Page, body: string) {
  const panel = await notesFrame(page, 'Add a note to this passage');
  await panel.getByRole('textbox', { name: 'Note' }).fill(body);
  await panel.getByRole('button', { name: 'Save note' }).click();
  for (const deadline = Date.now() + 10_000; !panel.isDetached(); await page.waitForTimeout(100)) {
    if (Date.now() > deadline) throw new Error('The passage-note panel stayed open after saving');
  }
}

/** The open card's box in the viewport, or null. */
export function cardBox(page: Page): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return inUi(
    page,
    (roots) => {
      const card = roots.map((r) => r.getElementById('alliance-lens-card')).find(Boolean);
      if (!card) return null;
      const r = card.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    null,
  );
}

/** The focused element inside the extension's UI (tag name, and its text or label), or null when focus is elsewhere. */
export function uiFocus(page: Page): Promise<{ tag: string; label: string } | null> {
  return inUi(
    page,
    (roots) => {
      const el = roots.map((r) => r.activeElement).find(Boolean);
      return el ? { tag: el.tagName, label: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() } : null;
    },
    null,
  );
}

/** What reading the page needs of a page: playwright-core's (Chromium) and puppeteer-core's (Firefox) pages both have it. */
export interface EvaluatingPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/**
 * The highlighted mentions on the page, in document order, read as a page
 * script could: the ranges in `CSS.highlights` under `alliance-lens--<conceptId>`.
 */
export function paintedMentions(page: EvaluatingPage): Promise<{ conceptId: string; text: string }[]> {
  return page.evaluate(() => {
    const all: { conceptId: string; range: Range }[] = [];
    for (const [name, ranges] of CSS.highlights as unknown as Map<string, Set<AbstractRange>>) {
      if (!name.startsWith('alliance-lens--')) continue;
      for (const r of ranges) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        all.push({ conceptId: name.slice('alliance-lens--'.length), range });
      }
    }
    all.sort((a, b) =>
      a.range.startContainer.getRootNode() === b.range.startContainer.getRootNode()
        ? a.range.compareBoundaryPoints(Range.START_TO_START, b.range)
        : 0,
    );
    return all.map(({ conceptId, range }) => ({ conceptId, text: range.toString().replace(/\s+/g, ' ').trim() }));
  }, null);
}

/**
 * The first line box of the `nth` highlighted mention of `conceptId` in the
 * viewport, after scrolling its block to `block` of the view (read through
 * `CSS.highlights`, as a page could).
 */
export function termBox(
  page: EvaluatingPage,
  conceptId: string,
  nth = 0,
  block: ScrollLogicalPosition = 'center',
): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate(
    ([id, k, where]) => {
      const painted = (CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get(`alliance-lens--${id}`) ?? [];
      const ranges = [...painted].map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range;
      });
      ranges.sort((a, b) =>
        a.startContainer.getRootNode() === b.startContainer.getRootNode() ? a.compareBoundaryPoints(Range.START_TO_START, b) : 0,
      );
      const range = ranges[k];
      if (!range) throw new Error(`no highlighted mention ${k} of ${id}`);
      range.startContainer.parentElement!.scrollIntoView({ block: where });
      const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    [conceptId, nth, block] as const,
  );
}

/** Waits until at least `minimum` mentions are highlighted (the content script finished its first slices). */
export async function waitForPainted(page: EvaluatingPage, minimum = 1, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await page.evaluate(
      () =>
        [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)]
          .filter(([name]) => name.startsWith('alliance-lens--'))
          .reduce((sum, [, h]) => sum + h.size, 0),
      null,
    );
    if (n >= minimum) return n;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${minimum} highlighted mentions (saw ${n})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
