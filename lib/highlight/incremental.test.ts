/**
 * The incremental path: page changes are followed by reading only what
 * changed, and the result is always what a fresh full scan gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from '../matcher/compile';
import { registerOwnUi } from '../own-ui';
import { DEFAULT_SETTINGS } from '../settings';
import { createHighlighter, type HighlightOptions } from './highlighter';
import { probeOf } from './probe';
import { PIECE_CHARS } from './page-reader';
import { paintedKey, paintedRanges } from '@/tests/support/painted';

const corpus = loadCorpusFromDir('data');
const compiled = compileMatcher(corpus);
const options: HighlightOptions = { ...DEFAULT_SETTINGS };
const aliasTexts = corpus.concepts.flatMap((c) => c.aliases.map((a) => a.text)).slice(0, 80);

const page = (html: string, title = 'US-ROK alliance news') =>
  new DOMParser().parseFromString(`<!doctype html><html><head><title>${title}</title></head><body>${html}</body></html>`, 'text/html');
/** Every painted range on the page, by concept, text node and offsets, in a stable order. */
function painted(doc: Document): string[] {
  const nodes: Node[] = [];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  return paintedRanges()
    .map((p) => paintedKey(nodes, p))
    .sort();
}

async function started(doc: Document) {
  const h = createHighlighter(doc, compiled, options);
  h.start();
  await probeOf(h).whenIdle();
  return h;
}

const words = fc
  .array(
    fc.oneof(
      fc.constantFrom(...aliasTexts),
      fc.constantFrom('Seoul', 'alliance', 'cost-sharing', 'the', 'spinal muscular', 'Sudan', '.', '(', ')'),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((w) => w.join(' '));

/** One page change, applied to the nth of the page's elements or text nodes (modulo their number). */
type Mutation =
  | { op: 'append'; at: number; tag: 'p' | 'span' | 'em' | 'li' | 'h2'; text: string }
  | { op: 'remove'; at: number }
  | { op: 'edit'; at: number; text: string }
  | { op: 'text'; at: number; text: string }
  | { op: 'clone'; at: number; to: number }
  | { op: 'move'; at: number; to: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('append' as const),
    at: fc.nat(),
    tag: fc.constantFrom('p' as const, 'span' as const, 'em' as const, 'li' as const, 'h2' as const),
    text: words,
  }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('edit' as const), at: fc.nat(), text: words }),
  fc.record({ op: fc.constant('text' as const), at: fc.nat(), text: words }),
  fc.record({ op: fc.constant('clone' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
);

function mutate(doc: Document, m: Mutation) {
  const elements = [doc.body, ...doc.body.querySelectorAll('*')];
  const texts: Text[] = [];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  const el = elements[m.at % elements.length]!;
  switch (m.op) {
    case 'append': {
      const child = doc.createElement(m.tag);
      child.textContent = m.text;
      el.append(child);
      return;
    }
    case 'remove':
      if (el !== doc.body) el.remove();
      return;
    case 'edit':
      if (texts.length) texts[m.at % texts.length]!.data = m.text;
      return;
    case 'text':
      el.insertBefore(doc.createTextNode(` ${m.text} `), el.firstChild);
      return;
    case 'clone': {
      // Pages clone paragraphs (a "quote" button, a carousel): the clones are new text to read.
      const to = elements[m.to % elements.length]!;
      // (Small ones only, so repeated clones cannot grow the page without bound.)
      if (el !== doc.body && !el.contains(to) && (el.textContent ?? '').length < 300) to.append(el.cloneNode(true));
      return;
    }
    case 'move': {
      const to = elements[m.to % elements.length]!;
      if (el !== doc.body && !el.contains(to)) to.prepend(el);
    }
  }
}

describe('incremental highlighting', () => {
  it('after any sequence of page changes, the highlights equal a fresh full scan', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(words, { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(mutation, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        async (paragraphs, batches) => {
          const doc = page(
            `<h2>Alliance</h2>${paragraphs.map((p, i) => (i % 2 ? `<p>${p} <em>and</em> ${p}</p>` : `<div><p>${p}</p></div>`)).join('')}`,
          );
          const h = await started(doc);
          let incremental: string[];
          let counts: Record<string, number>;
          try {
            for (const batch of batches) {
              for (const m of batch) mutate(doc, m);
              await probeOf(h).whenIdle();
            }
            incremental = painted(doc);
            counts = h.counts();
          } finally {
            h.stop();
          }
          expect(paintedRanges()).toEqual([]);
          const fresh = await started(doc);
          try {
            expect(painted(doc)).toEqual(incremental);
            expect(fresh.counts()).toEqual(counts);
          } finally {
            // A failed run leaves nothing painted for the next (fast-check's shrinking runs read the same registry).
            fresh.stop();
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('its own UI causes no scan, and a style change reads nothing', async () => {
    const doc = page('<p>The SMA and USFK costs rose.</p><p>Seoul and the NCG.</p>');
    const h = await started(doc);
    const before = probeOf(h).stats();
    const host = doc.createElement('div');
    registerOwnUi(host);
    host.textContent = 'Special Measures Agreement card';
    doc.body.append(host);
    h.update({ ...options, style: 'underline' });
    await probeOf(h).whenIdle();
    host.remove();
    await probeOf(h).whenIdle();
    expect(probeOf(h).stats()).toEqual(before);
    expect(h.counts()).toEqual({ sma: 1, usfk: 1, ncg: 1 });
    h.stop();
  });

  it('reads only the added paragraph when one is appended, and only the edited run inside a block', async () => {
    const doc = page(
      `<div id="feed">${'<p>The SMA was signed in Seoul.</p>'.repeat(50)}</div><p id="two">USFK costs<br>Later: the NCG met.</p>`,
    );
    const h = await started(doc);
    const feedRanges = paintedRanges()
      .filter((p) => p.conceptId === 'sma')
      .map((p) => p.range);
    const before = probeOf(h).stats();
    const p = doc.createElement('p');
    p.textContent = 'Later the Washington Declaration was cited.';
    doc.getElementById('feed')!.append(p);
    await probeOf(h).whenIdle();
    expect(probeOf(h).stats().runsMatched - before.runsMatched).toBe(1);
    expect(h.counts()).toMatchObject({ sma: 50, 'washington-declaration': 1 });
    // The feed's unchanged paragraphs keep their highlights as they were.
    expect(
      paintedRanges()
        .filter((p) => p.conceptId === 'sma')
        .map((p) => p.range),
    ).toEqual(feedRanges);
    const [usfk] = paintedRanges().filter((p) => p.conceptId === 'usfk');
    (doc.getElementById('two')!.lastChild as Text).data = 'Later: the Regional Sustainment Framework.';
    const mid = probeOf(h).stats();
    await probeOf(h).whenIdle();
    expect(probeOf(h).stats().runsMatched - mid.runsMatched).toBe(1);
    expect(paintedRanges().find((p) => p.conceptId === 'usfk')?.range).toBe(usfk!.range);
    expect(h.counts()).toMatchObject({ usfk: 1, rsf: 1 });
    expect(h.counts().ncg).toBeUndefined();
    h.stop();
  });

  it('reads a very long text node in slices and highlights in it without touching it', async () => {
    const filler = 'Seoul and Washington talked at length about many things, day after day. '.repeat(30);
    const chunk = `${filler}Then the SMA and the USFK presence. `;
    const data = chunk.repeat(Math.ceil((PIECE_CHARS * 8) / chunk.length));
    const doc = page('<div></div>');
    const node = doc.createTextNode(data);
    doc.querySelector('div')!.append(node);
    const h = await started(doc);
    const n = data.split('SMA').length - 1;
    expect(h.counts()).toEqual({ sma: n, usfk: n });
    expect(doc.querySelector('div')!.childNodes).toHaveLength(1);
    expect(node.data).toBe(data);
    const sma = paintedRanges().filter((p) => p.conceptId === 'sma');
    expect(sma).toHaveLength(n);
    expect(sma.every(({ range }) => range.startContainer === node && data.slice(range.startOffset, range.endOffset) === 'SMA')).toBe(true);
    h.stop();
  }, 30_000);

  it('reads again the text around an inline element that a block enters or leaves (it splits or joins a name)', async () => {
    // "andStrategic…" hides the name until a block between them splits the run; the same block removed joins them again.
    const doc = page(
      '<p>Seoul said <em>and</em>Strategic Cybersecurity Cooperation Framework</p><p>No <b></b>Strategic Cybersecurity Cooperation Framework</p>',
    );
    const h = await started(doc);
    try {
      expect(h.counts()).toEqual({ 'cyber-framework': 1 });
      const block = doc.createElement('div');
      block.textContent = 'Seoul';
      doc.querySelector('em')!.append(block);
      doc.querySelector('b')!.append(block.cloneNode(true));
      await probeOf(h).whenIdle();
      expect(h.counts()).toEqual({ 'cyber-framework': 2 });
      doc.querySelector('em > div')!.remove();
      await probeOf(h).whenIdle();
      expect(h.counts()).toEqual({ 'cyber-framework': 1 });
    } finally {
      h.stop();
    }
  });

  it('comes back after document.open and write', async () => {
    const doc = page('<p>USFK</p>');
    const h = await started(doc);
    doc.open();
    doc.write('<!doctype html><title>New</title><body><p>The Nuclear Consultative Group met.</p></body>');
    doc.close();
    await probeOf(h).whenIdle();
    expect(h.counts()).toEqual({ ncg: 1 });
    expect(paintedRanges().map((p) => p.conceptId)).toEqual(['ncg']);
    h.stop();
  });
});
