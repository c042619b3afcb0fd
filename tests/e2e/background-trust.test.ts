/**
 * The background trusts nothing, and nothing stored can break the reader's
 * view (issue 13): saves raced with service-worker stops are stored exactly
 * once and never show a browser error; damaged records in the extension's
 * IndexedDB show as deletable rows beside the good notes; imports read the
 * extension's own Web Annotation export and offer nothing when nothing would change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { clickTerm, notesFrame, openCard, openCardEditor, useExtensionBrowser, waitForHighlights } from './harness';

/** Functions passed to page.evaluate run in an extension page, where chrome.* exists. */
declare const chrome: typeof import('wxt/browser').browser;

const env = useExtensionBrowser();

/** A CDP session on an extension page, from which the extension's service worker can be stopped. */
async function workerStopper(): Promise<{ stop(): Promise<unknown>; page: Page; cdp: CDPSession }> {
  const page = await env.browser.openExtensionPage('dashboard.html#/notes');
  const cdp = await env.browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  return { page, cdp, stop: () => cdp.send('ServiceWorker.stopAllWorkers') };
}

/** Every record in the notes store, read from an extension page (same origin as the background). */
function storedRecords(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(async () => {
    const open = indexedDB.open('alliance-lens-notes');
    const db: IDBDatabase = await new Promise((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const all: Record<string, unknown>[] = await new Promise((ok) => {
      const req = db.transaction('notes').objectStore('notes').getAll();
      req.onsuccess = () => ok(req.result);
    });
    db.close();
    return all;
  });
}

/** Writes records straight into the notes store (past the background, as a bug or an old version might). */
function writeRecords(page: Page, change: { put?: unknown[]; remove?: string[] }): Promise<void> {
  return page.evaluate(async ({ put = [], remove = [] }) => {
    const open = indexedDB.open('alliance-lens-notes');
    const db: IDBDatabase = await new Promise((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const tx = db.transaction('notes', 'readwrite');
    for (const record of put) tx.objectStore('notes').put(record);
    for (const id of remove) tx.objectStore('notes').delete(id);
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  }, change);
}

/**
 * Keeps a read-write transaction on the notes store open from an extension
 * page (a chain of requests), so the background's next write waits on it.
 * Resolves once the transaction holds the store; call the returned function
 * (in a `finally`) to let it go, or every later write in the profile waits.
 */
async function holdNotesStore(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(async () => {
    const open = indexedDB.open('alliance-lens-notes');
    const db: IDBDatabase = await new Promise((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const store = db.transaction('notes', 'readwrite').objectStore('notes');
    const w = window as unknown as { holding: boolean };
    w.holding = true;
    const spin = () => {
      if (w.holding) store.get('hold').onsuccess = spin;
      else db.close();
    };
    spin();
  });
  // A page already closed (a failed test's) holds nothing any more.
  return () => page.evaluate(() => void ((window as unknown as { holding: boolean }).holding = false)).catch(() => undefined);
}

describe('saves while the service worker is stopped', () => {
  it('stores each of 20 saves from the card exactly once, and the reader never sees a browser error', async () => {
    const { stop, page: dash } = await workerStopper();
    const bodies: string[] = [];
    for (let i = 0; i < 20; i++) {
      const body = `Raced save ${i}`;
      bodies.push(body);
      const page = await env.browser.context.newPage();
      try {
        await page.goto(`${env.server.origin}/demo/sample-article.html`);
        await waitForHighlights(page, 10);
        await clickTerm(page, 'ncg');
        await expect.poll(() => openCard(page)).toMatchObject({ role: 'dialog', name: 'Nuclear Consultative Group' });
        // The card's notes section is the extension's notes frame.
        const notes = await notesFrame(page);
        // One click, at once: while the frame still reads kept drafts it waits for them, then opens the editor.
        await (await openCardEditor(notes)).fill(body);
        // The background's write waits behind the dashboard's transaction, so the stop lands mid-request.
        const release = await holdNotesStore(dash);
        try {
          await notes.getByRole('button', { name: 'Save note' }).click();
          await notes.getByRole('button', { name: 'Saving…' }).waitFor({ timeout: 15_000 });
          await stop();
        } finally {
          await release();
        }
        await notes.getByText(body).or(notes.getByRole('alert')).first().waitFor({ timeout: 15_000 });
        expect(await notes.getByRole('alert').count()).toBe(0);
      } finally {
        await page.close();
      }
    }
    const stored = (await storedRecords(dash)).map((n) => n.body as string).filter((b) => b.startsWith('Raced save'));
    expect(stored.sort()).toEqual(bodies.sort());
  });

  it('stores a request re-sent with the same client id once, whatever Chrome reported the first time', async () => {
    const { stop, page: dash } = await workerStopper();
    const errors: string[] = [];
    for (let i = 0; i < 20; i++) {
      const draft = {
        kind: 'concept',
        conceptId: 'sma',
        body: `Raw save ${i}`,
        tags: [],
        clientId: `raw-save-client-${String(i).padStart(4, '0')}`,
      };
      const sendOnce = () =>
        dash.evaluate(
          (d) =>
            new Promise<string | null>((ok) =>
              chrome.runtime.sendMessage(
                { id: 1, type: 'notes:save', data: d, timestamp: Date.now() },
                (reply?: { res?: { ok?: boolean } }) => {
                  const error = chrome.runtime.lastError?.message;
                  ok(error ?? (reply?.res?.ok ? null : JSON.stringify(reply)));
                },
              ),
            ),
          draft,
        );
      // A raw client (@webext-core/messaging's wire format, no retry), to see what Chrome reports when a stop catches a request.
      const [first] = await Promise.all([sendOnce(), stop()]);
      if (first) errors.push(first);
      expect(await sendOnce()).toBeNull();
    }
    // Printed, not asserted: how often a stop caught a request in flight on this run.
    console.log(
      `raw saves raced with a worker stop: ${errors.length}/20 failed the first time (${[...new Set(errors)].join(' | ') || 'none'})`,
    );
    for (const error of errors) expect(error).toMatch(/could not establish connection|message port closed|message channel closed/i);
    const stored = (await storedRecords(dash)).filter((n) => String(n.body).startsWith('Raw save'));
    expect(stored).toHaveLength(20);
    await dash.close();
  });
});

describe('damaged records in the notes database', () => {
  it('shows the good notes and one deletable row per damaged record; exports leave them out and say so', async () => {
    const dash = await env.browser.openExtensionPage('dashboard.html#/notes');
    // Newer than the notes the tests above saved, so they head the (virtualised) list.
    const t0 = Date.now();
    await writeRecords(dash, {
      put: [
        {
          id: 'good-note-dmg-1',
          kind: 'concept',
          conceptId: 'sma',
          body: 'A good note beside damage',
          tags: [],
          createdAt: t0,
          updatedAt: t0,
        },
        {
          id: 'good-note-dmg-2',
          kind: 'concept',
          conceptId: 'rsf',
          body: 'Another good note',
          tags: ['ok'],
          createdAt: t0,
          updatedAt: t0 + 1,
        },
        { id: 'damaged-1e300', kind: 'concept', conceptId: 'sma', body: 'time overflow', tags: [], createdAt: t0, updatedAt: 1e300 },
        { id: 'damaged-types', kind: 'concept', conceptId: 42, body: ['x'], tags: 'a', createdAt: 'yesterday' },
        { id: 'damaged-empty' },
      ],
    });
    await dash.reload();
    await dash.getByText('A good note beside damage').waitFor();
    await dash.getByText('Another good note').waitFor();
    const rows = dash.locator('.damaged-row');
    await expect.poll(() => rows.count()).toBe(3);
    await dash.getByText('Damaged record damaged-1e300: updatedAt: must be a valid date').waitFor();

    const [download] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: 'Export Markdown' }).click()]);
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toContain('A good note beside damage');
    expect(markdown).toContain('3 damaged record(s) left out');
    expect(markdown).not.toContain('time overflow');
    await dash.getByText('3 damaged record(s) were left out of the file.').waitFor();

    await rows.filter({ hasText: 'damaged-1e300' }).getByRole('button', { name: 'Delete damaged record' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect((await storedRecords(dash)).map((r) => r.id)).not.toContain('damaged-1e300');
    await dash.getByText('A good note beside damage').waitFor();

    // The glossary page of the same concept shows the good note too.
    await dash.goto(dash.url().replace('#/notes', '#/glossary/sma'));
    await dash.getByText('A good note beside damage').waitFor();
    await dash.close();
  });
});

describe('import', () => {
  it('reads its own Web Annotation export back, and offers nothing when nothing would change', async () => {
    const dash = await env.browser.openExtensionPage('dashboard.html#/notes');
    const exported = async (button: string) => {
      const [download] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: button }).click()]);
      return readFileSync((await download.path())!, 'utf8');
    };
    await dash.getByText('A good note beside damage').waitFor();
    const jsonld = await exported('Export Web Annotations (JSON-LD)');
    const file = dash.locator('input[type="file"]');
    await file.setInputFiles({ name: 'notes.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(jsonld) });
    await dash.getByText(/Nothing to import: the \d+ notes in this file are already here/).waitFor();
    expect(await dash.getByRole('button', { name: 'Import now' }).count()).toBe(0);

    const before = (await storedRecords(dash)).filter((r) => String(r.id).startsWith('good-note-dmg'));
    await writeRecords(dash, { remove: ['good-note-dmg-1', 'good-note-dmg-2'] });
    await file.setInputFiles({ name: 'notes-again.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(jsonld) });
    await dash.getByRole('button', { name: 'Import now' }).click();
    await dash.getByText(/Imported: 2 added/).waitFor();
    const after = (await storedRecords(dash)).filter((r) => String(r.id).startsWith('good-note-dmg'));
    expect(after.sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual(
      before.sort((a, b) => String(a.id).localeCompare(String(b.id))),
    );
    await dash.close();
  });

  it('refuses poisoned files in the dashboard with the entry named, and changes nothing', async () => {
    const dash = await env.browser.openExtensionPage('dashboard.html#/notes');
    await dash.getByText('A good note beside damage').waitFor();
    const before = JSON.stringify(await storedRecords(dash));
    const t0 = Date.now();
    const note = (over: Record<string, unknown>) => ({
      id: 'poisoned-note-1',
      kind: 'concept',
      conceptId: 'sma',
      body: 'poison',
      tags: [],
      createdAt: t0,
      updatedAt: t0,
      ...over,
    });
    const passage = (conceptIds: string[]) => {
      const { conceptId: _c, ...rest } = note({
        kind: 'passage',
        conceptIds,
        target: {
          url: 'https://x.example/',
          title: '',
          quote: { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector', start: 0, end: 1 },
        },
      });
      return rest;
    };
    const files: [unknown, RegExp][] = [
      [note({ updatedAt: 1e300 }), /note 1 \(id "poisoned-note-1"\) is invalid: updatedAt: must be a valid date/],
      [note({ conceptId: 'constructor' }), /note 1 \(id "poisoned-note-1"\) is invalid: conceptId: is not a concept id/],
      [note({ id: '__proto__' }), /note 1 \(id "__proto__"\) is invalid: id/],
      [
        passage(Array.from({ length: 10_000 }, (_, i) => `planted-${i}`)),
        /note 1 \(id "poisoned-note-1"\) is invalid: conceptIds: must name at most 16 concepts/,
      ],
    ];
    const input = dash.locator('input[type="file"]');
    for (const [poisoned, message] of files) {
      const text = JSON.stringify({ format: 'alliance-lens-notes', version: 1, exportedAt: '', notes: [poisoned] });
      await input.setInputFiles({ name: 'poisoned.json', mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect.poll(() => dash.getByRole('alert').textContent()).toMatch(message);
      expect(await dash.getByRole('button', { name: 'Import now' }).count()).toBe(0);
    }
    expect(JSON.stringify(await storedRecords(dash))).toBe(before);
    await dash.getByText('A good note beside damage').waitFor();
    await dash.close();
  });
});
