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
import { PIECE_CHARS, READ_ONLY_CHARS } from './large-text';
import { wrapRanges } from './wrap';

const corpus = loadCorpusFromDir('data');
const compiled = compileMatcher(corpus);
const options: HighlightOptions = { ...DEFAULT_SETTINGS };
const aliasTexts = corpus.concepts.flatMap((c) => c.aliases.map((a) => a.text)).slice(0, 80);

const page = (html: string, title = 'US-ROK alliance news') => new DOMParser().parseFromString(`<!doctype html><html><head><title>${title}</title></head><body>${html}</body></html>`, 'text/html');
const markup = (doc: Document) => doc.body.innerHTML.replace(/ data-al-mention="\d+"/g, '');

async function started(doc: Document) {
  const h = createHighlighter(doc, compiled, options);
  h.start();
  await h.whenIdle();
  return h;
}

const words = fc.array(fc.oneof(fc.constantFrom(...aliasTexts), fc.constantFrom('Seoul', 'alliance', 'cost-sharing', 'the', 'spinal muscular', 'Sudan', '.', '(', ')')), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));

/** One page change, applied to the nth of the page's elements or text nodes (modulo their number). */
type Mutation =
  | { op: 'append'; at: number; tag: 'p' | 'span' | 'em' | 'li' | 'h2'; text: string }
  | { op: 'remove'; at: number }
  | { op: 'edit'; at: number; text: string }
  | { op: 'text'; at: number; text: string }
  | { op: 'clone'; at: number; to: number }
  | { op: 'move'; at: number; to: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('append' as const), at: fc.nat(), tag: fc.constantFrom('p' as const, 'span' as const, 'em' as const, 'li' as const, 'h2' as const), text: words }),
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
      // Pages clone paragraphs with our marks in them (a "quote" button, a carousel).
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
  it('after any sequence of page changes, the marks equal a fresh full scan, and never nest', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(words, { minLength: 1, maxLength: 4 }), fc.array(fc.array(mutation, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), async (paragraphs, batches) => {
        const doc = page(`<h2>Alliance</h2>${paragraphs.map((p, i) => (i % 2 ? `<p>${p} <em>and</em> ${p}</p>` : `<div><p>${p}</p></div>`)).join('')}`);
        const h = await started(doc);
        for (const batch of batches) {
          for (const m of batch) mutate(doc, m);
          await h.whenIdle();
        }
        expect(doc.querySelectorAll('al-mark al-mark')).toHaveLength(0);
        const incremental = markup(doc);
        const counts = h.counts();
        h.stop();
        expect(doc.querySelectorAll('al-mark')).toHaveLength(0);
        const fresh = await started(doc);
        expect(markup(doc)).toBe(incremental);
        expect(fresh.counts()).toEqual(counts);
        fresh.stop();
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('its own writes cause no scan: UI hosts, note markers, style changes', async () => {
    const doc = page('<p>The SMA and USFK costs rose.</p><p>Seoul and the NCG.</p>');
    const h = await started(doc);
    const before = h.stats();
    const host = doc.createElement('div');
    registerOwnUi(host);
    host.textContent = 'Special Measures Agreement card';
    doc.body.append(host);
    const text = doc.querySelectorAll('p')[1]!.firstChild as Text;
    wrapRanges([text], [{ start: 0, length: 5 }], 'al-note', 'alliance-lens-note', () => {});
    h.update({ ...options, style: 'underline' });
    await h.whenIdle();
    host.remove();
    await h.whenIdle();
    expect(h.stats()).toEqual(before);
    expect(h.counts()).toEqual({ sma: 1, usfk: 1, ncg: 1 });
  });

  it('reads only the added paragraph when one is appended, and only the edited run inside a block', async () => {
    const doc = page(`<div id="feed">${'<p>The SMA was signed in Seoul.</p>'.repeat(50)}</div><p id="two">USFK costs<br>Later: the NCG met.</p>`);
    const h = await started(doc);
    const feedMarks = [...doc.querySelectorAll('#feed al-mark')];
    const before = h.stats();
    const p = doc.createElement('p');
    p.textContent = 'Later the Washington Declaration was cited.';
    doc.getElementById('feed')!.append(p);
    await h.whenIdle();
    expect(h.stats().runsMatched - before.runsMatched).toBe(1);
    expect(h.counts()).toMatchObject({ sma: 50, 'washington-declaration': 1 });
    expect(feedMarks.every((m) => m.isConnected)).toBe(true);
    const usfk = doc.querySelector('#two al-mark')!;
    (doc.getElementById('two')!.lastChild as Text).data = 'Later: the Regional Sustainment Framework.';
    const mid = h.stats();
    await h.whenIdle();
    expect(h.stats().runsMatched - mid.runsMatched).toBe(1);
    expect(usfk.isConnected).toBe(true);
    expect(h.counts()).toMatchObject({ usfk: 1, rsf: 1 });
    expect(h.counts().ncg).toBeUndefined();
  });

  it('turns marks the page cloned into its own text, highlights them once, and never nests', async () => {
    const doc = page('<p id="a">The SMA and USFK costs rose.</p><p id="b">Quoted: </p>');
    const h = await started(doc);
    const a = doc.getElementById('a')!;
    doc.body.append(a.cloneNode(true));
    doc.getElementById('b')!.append(a.querySelector('al-mark')!.cloneNode(true));
    await h.whenIdle();
    expect(doc.querySelectorAll('al-mark al-mark')).toHaveLength(0);
    expect(h.counts()).toEqual({ sma: 3, usfk: 2 });
    expect(h.mentions()).toHaveLength(5);
    h.stop();
    expect(doc.querySelectorAll('al-mark')).toHaveLength(0);
    expect(doc.getElementById('b')!.textContent).toBe('Quoted: SMA');
  });

  it('cuts a very long text node into pieces and joins them back on stop', async () => {
    const filler = 'Seoul and Washington talked at length about many things, day after day. '.repeat(30);
    const chunk = `${filler}Then the SMA and the USFK presence. `;
    const data = chunk.repeat(Math.ceil((PIECE_CHARS * 8) / chunk.length));
    const doc = page('<div></div>');
    const node = doc.createTextNode(data);
    doc.querySelector('div')!.append(node);
    const h = await started(doc);
    const n = data.split('SMA').length - 1;
    expect(h.counts()).toEqual({ sma: n, usfk: n });
    expect(doc.querySelector('div')!.textContent).toBe(data);
    const longest = Math.max(...[...doc.querySelector('div')!.childNodes].filter((c) => c.nodeType === 3).map((c) => (c as Text).data.length));
    expect(longest).toBeLessThanOrEqual(PIECE_CHARS);
    h.stop();
    expect(doc.querySelector('div')!.childNodes).toHaveLength(1);
    expect(doc.querySelector('div')!.firstChild).toBe(node);
    expect(node.data).toBe(data);
  }, 30_000);

  it('counts the mentions of a huge text node but leaves the node as it is (laying it out again would take seconds)', async () => {
    const filler = 'Seoul and Washington talked at length about many things, day after day. '.repeat(40);
    const chunk = `${filler}Then the SMA came up. `;
    const data = chunk.repeat(Math.ceil((READ_ONLY_CHARS * 1.1) / chunk.length));
    const doc = page('<div></div>');
    const node = doc.createTextNode(data);
    doc.querySelector('div')!.append(node);
    const h = await started(doc);
    expect(h.counts()).toEqual({ sma: data.split('SMA').length - 1 });
    expect(doc.querySelector('div')!.childNodes).toHaveLength(1);
    expect(node.data).toBe(data);
    h.stop();
  }, 30_000);

  it('comes back after document.open and write', async () => {
    const doc = page('<p>USFK</p>');
    const h = await started(doc);
    doc.open();
    doc.write('<!doctype html><title>New</title><body><p>The Nuclear Consultative Group met.</p></body>');
    doc.close();
    await h.whenIdle();
    expect(h.counts()).toEqual({ ncg: 1 });
    expect(doc.querySelectorAll('al-mark')).toHaveLength(1);
  });
});

describe('the reader\'s selection', () => {
  it('is never rewritten under: changes in the selected run wait until the selection collapses', async () => {
    document.body.innerHTML = '<p id="sel">The SMA talks went on in Seoul.</p><p id="other">USFK</p>';
    const h = createHighlighter(document, compiled, options, { eager: true });
    h.start();
    await h.whenIdle();
    const p = document.getElementById('sel')!;
    const first = p.firstChild as Text;
    const range = document.createRange();
    range.setStart(first, 1);
    range.setEnd(p.lastChild!, 5);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const selected = getSelection()!.toString();
    p.append(' Then the NCG met.');
    document.getElementById('other')!.append(' and the RSF');
    await h.whenIdle();
    // Elsewhere the change is handled; the selected run is left exactly as it was.
    expect(document.querySelectorAll('#other al-mark')).toHaveLength(2);
    expect(getSelection()!.toString()).toBe(selected);
    expect(p.querySelectorAll('al-mark')).toHaveLength(1);
    getSelection()!.removeAllRanges();
    document.dispatchEvent(new Event('selectionchange'));
    await h.whenIdle();
    expect(p.querySelectorAll('al-mark')).toHaveLength(2);
    h.stop();
    document.body.textContent = '';
  });
});
