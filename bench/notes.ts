/**
 * The notes dashboard with 10,000 notes: how long the full-text index takes
 * to build and to answer, against a linear scan of the same notes measured in
 * the same run, and, in Chromium with the built extension, how long the
 * dashboard takes to show them and to answer each keystroke of a search.
 */
import { performance } from 'node:perf_hooks';
import type { Corpus } from '../lib/corpus/schema';
import { conceptIdsOf, type Note } from '../lib/notes/model';
import { NOTES_DB_NAME } from '../lib/notes/db';
import { NotesIndex } from '../lib/search/notes-index';
import { launchWithExtension } from '../scripts/browser';

export const NOTE_COUNT = 10_000;

const WORDS = (
  'burden sharing talks cost troops deterrence extended nuclear consultative planning exercise semiconductor supply chain ' +
  'battery investment tariff subsidy shipbuilding cyber framework space partnership trilateral summit Seoul Washington ' +
  'Tokyo Beijing Pyongyang readiness rotation budget inflation escalator treaty alliance reassurance dialogue export'
).split(' ');
const TAGS = ['cost', 'nuclear', 'china', 'trade', 'follow-up', 'quote', 'question', 'to-read', '2024', '2025'];
const SITES = ['news.example', 'thinktank.example', 'gov.example', 'daily.example', 'review.example'];

/** A deterministic pseudo-random sequence, so every run reads the same notes. */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

export function generateNotes(corpus: Corpus, count = NOTE_COUNT): Note[] {
  const random = sequence(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const ids = corpus.concepts.map((c) => c.id);
  return Array.from({ length: count }, (_, i) => {
    const common = {
      id: `bench-note-${String(i).padStart(6, '0')}`,
      body: `${sentence(12 + Math.floor(random() * 40))}.`,
      tags: [pick(TAGS), pick(TAGS)].filter((t, k, all) => all.indexOf(t) === k),
      createdAt: 1_700_000_000_000 + i * 60_000,
      updatedAt: 1_700_000_000_000 + i * 60_000,
    };
    if (i % 3) return { ...common, kind: 'concept', conceptId: pick(ids) };
    const exact = sentence(8);
    return {
      ...common,
      kind: 'passage',
      conceptIds: [pick(ids)],
      target: {
        url: `https://${pick(SITES)}/story/${i}`,
        title: `Story ${i}: ${sentence(5)}`,
        quote: { type: 'TextQuoteSelector', exact, prefix: sentence(3), suffix: sentence(3) },
        position: { type: 'TextPositionSelector', start: i, end: i + exact.length },
      },
    };
  });
}

const QUERIES = ['burden', 'nuclear planning', 'semicond', 'seoul tariff', 'cyber', 'ncg', 'trilateral summit'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const time = (run: () => unknown) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

/** The baseline: every word of the query as a substring of the same fields, note by note. */
function linearScan(notes: Note[], names: ReadonlyMap<string, string>, query: string): Note[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return notes.filter((n) => {
    const text = [
      n.body,
      n.tags.join(' '),
      n.kind === 'passage' ? `${n.target.quote.exact} ${n.target.title} ${n.target.url}` : '',
      conceptIdsOf(n)
        .map((id) => names.get(id) ?? id)
        .join(' '),
    ]
      .join(' ')
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export async function benchNotes(corpus: Corpus, runs: number): Promise<string[]> {
  const notes = generateNotes(corpus);
  const names = new Map(corpus.concepts.map((c) => [c.id, c.name]));

  const build: number[] = [];
  let index!: NotesIndex;
  for (let i = 0; i < runs; i++) build.push(time(() => (index = new NotesIndex(notes, names))));
  // One edit as a live query delivers it: the whole list again, one note changed.
  const resync: number[] = [];
  for (let i = 0; i < runs; i++) {
    const edited = notes.map((n, k) => (k === 5_000 + i ? { ...n, body: `${n.body} edited`, updatedAt: n.updatedAt + 1 } : n));
    resync.push(time(() => index.sync(edited)));
  }
  const search: number[] = [];
  const scan: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const q of QUERIES) {
      search.push(time(() => index.find({ query: q })));
      scan.push(time(() => linearScan(notes, names, q)));
    }
  }

  // The dashboard in Chromium, its database filled with the same notes.
  const browser = await launchWithExtension();
  const seedPage = await browser.openExtensionPage('dashboard.html#/settings');
  await seedPage.evaluate(
    ({ name, notes }) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open(name);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('notes', 'readwrite');
          for (const note of notes) tx.objectStore('notes').put(note);
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        };
      }),
    { name: NOTES_DB_NAME, notes },
  );
  await seedPage.close();

  const shown: number[] = [];
  const keystrokes: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const page = await browser.context.newPage();
    const started = Date.now();
    await page.goto(`chrome-extension://${browser.extensionId}/dashboard.html#/notes`);
    await page.waitForSelector('.note-row', { timeout: 60_000 });
    shown.push(Date.now() - started);
    rows = await page.locator('.note-row').count();
    // Each keystroke of each query: from the input event to the list rendered (two frames later).
    for (const q of QUERIES) {
      for (let k = 1; k <= q.length; k++) {
        keystrokes.push(
          await page.evaluate(
            async (text) => {
              const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
              const start = performance.now();
              input.value = text;
              input.dispatchEvent(new Event('input', { bubbles: true }));
              await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
              return performance.now() - start;
            },
            q.slice(0, k),
          ),
        );
      }
    }
    await page.close();
  }
  await browser.close();

  const fmt = (ms: number) => `${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;
  return [
    `Notes: ${NOTE_COUNT.toLocaleString('en')} notes (a third passage notes); medians of ${runs} runs, ${QUERIES.length} queries.`,
    '',
    '| notes dashboard | value |',
    '|---|---|',
    `| build the search index (10,000 notes) | ${fmt(median(build))} |`,
    `| after one edit: re-index (the list as a live query delivers it, one note changed) | ${fmt(median(resync))} |`,
    `| one search: index | ${fmt(median(search))} (slowest ${fmt(Math.max(...search))}) |`,
    `| one search: linear scan of the same fields (baseline) | ${fmt(median(scan))} |`,
    `| linear scan ÷ index | ${(median(scan) / median(search)).toFixed(1)} |`,
    `| dashboard: open until the first notes are shown | ${fmt(median(shown))} |`,
    `| dashboard: one keystroke in search until the list is drawn (median / 95th percentile) | ${fmt(median(keystrokes))} / ${fmt(p95(keystrokes))} |`,
    `| dashboard: note rows in the DOM (virtualised list) | ${rows} of ${NOTE_COUNT.toLocaleString('en')} |`,
  ];
}
