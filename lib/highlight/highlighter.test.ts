/**
 * The highlighter as a guest on the page: property-based tests over random
 * DOM trees built from corpus aliases, regex metacharacters and Unicode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from '../matcher/compile';
import { DEFAULT_SETTINGS } from '../settings';
import { createHighlighter, type HighlightOptions } from './highlighter';
import { wrapRanges } from './wrap';

const corpus = loadCorpusFromDir('data');
const compiled = compileMatcher(corpus);
const options: HighlightOptions = { ...DEFAULT_SETTINGS };
const FORBIDDEN = 'input, textarea, select, script, style, noscript, template, code, pre, kbd, samp, [contenteditable="true"]';

const aliasTexts = corpus.concepts.flatMap((c) => c.aliases.map((a) => a.text));
const word = fc.oneof(
  fc.constantFrom(...aliasTexts),
  fc.constantFrom('Seoul', 'Korea', 'alliance', 'the', 'of', '(', ')', '$1', '.*', '[a-z]+', '\\', '|', '?', '한국', '핵협의그룹은', 'é', '😀', 'U.S.', 'SMA\'s', 'SMAs', 'sma', '-'),
  fc.string({ maxLength: 6 }),
);
const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

type Tree = { tag: string; children: (Tree | string)[] };
const INLINE = ['em', 'strong', 'a', 'span', 'b'];
const BLOCK = ['p', 'div', 'li', 'td', 'h2', 'blockquote', 'section'];
const SPECIAL = ['code', 'pre', 'textarea', 'script', 'style', 'kbd'];
const { tree } = fc.letrec<{ tree: Tree; node: Tree | string }>((tie) => ({
  tree: fc.record({
    tag: fc.constantFrom(...INLINE, ...BLOCK, ...SPECIAL, 'ul', 'table'),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('tree')),
}));

function build(doc: Document, node: Tree | string, parent: Element) {
  if (typeof node === 'string') {
    parent.append(doc.createTextNode(node));
    return;
  }
  const el = doc.createElement(node.tag === 'ul' ? 'ul' : node.tag === 'table' ? 'table' : node.tag);
  if (node.tag === 'ul') {
    // Text directly inside <ul> is what a script could create; it must stay untouched.
    for (const child of node.children) {
      const li = doc.createElement(typeof child === 'string' ? 'li' : 'li');
      build(doc, child, li);
      el.append(li);
    }
    if (node.children[0] && typeof node.children[0] === 'string') el.append(doc.createTextNode(node.children[0]));
  } else if (node.tag === 'table') {
    const tr = doc.createElement('tr');
    for (const child of node.children) {
      const td = doc.createElement('td');
      build(doc, child, td);
      tr.append(td);
    }
    tr.append(doc.createTextNode('SMA burden-sharing'));
    el.append(tr);
  } else {
    for (const child of node.children) build(doc, child, el);
  }
  parent.append(el);
}

async function highlighted(trees: Tree[], title = 'US-ROK alliance news') {
  const doc = document.implementation.createHTMLDocument(title);
  for (const t of trees) build(doc, t, doc.body);
  const before = doc.body.outerHTML;
  const textBefore = doc.body.textContent;
  const h = createHighlighter(doc, compiled, options);
  h.start();
  await h.whenIdle();
  return { doc, h, before, textBefore };
}

// Dozens of random pages each: on a loaded 2-core machine a run can take longer than the default 5 s.
describe('highlighter properties', { timeout: 60_000 }, () => {
  it('never changes text, never marks forbidden places or invalid children, and restores the DOM exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 4 }), async (trees) => {
        const { doc, h, before, textBefore } = await highlighted(trees);
        expect(doc.body.textContent).toBe(textBefore);
        expect(doc.querySelectorAll(`:is(${FORBIDDEN}) [data-concept-id]`).length).toBe(0);
        for (const mark of doc.querySelectorAll('[data-concept-id]')) {
          expect(['UL', 'OL', 'TABLE', 'TBODY', 'TR']).not.toContain(mark.parentElement!.tagName);
        }
        h.stop();
        expect(doc.body.outerHTML).toBe(before);
      }),
      { numRuns: 60 },
    );
  });

  it('highlighting twice equals highlighting once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 3 }), async (trees) => {
        const { doc, h } = await highlighted(trees);
        const once = doc.body.outerHTML.replace(/data-al-mention="\d+"/g, '');
        h.rescan();
        await h.whenIdle();
        expect(doc.body.outerHTML.replace(/data-al-mention="\d+"/g, '')).toBe(once);
        h.stop();
      }),
      { numRuns: 30 },
    );
  });
});

describe('highlighter behaviour', () => {
  const page = (html: string, title = 'Alliance news') => {
    const doc = new DOMParser().parseFromString(`<!doctype html><title>${title}</title><body>${html}</body>`, 'text/html');
    return doc;
  };

  it('wraps a name split across inline tags as one mention with several pieces', async () => {
    const doc = page('<p>Seoul signed the <em>Special Measures</em> Agreement with Washington.</p>');
    const h = createHighlighter(doc, compiled, options);
    h.start();
    await h.whenIdle();
    const pieces = [...doc.querySelectorAll<HTMLElement>('[data-concept-id="sma"]')];
    expect(pieces.map((p) => p.textContent)).toEqual(['Special Measures', ' Agreement']);
    expect(new Set(pieces.map((p) => p.dataset.alMention)).size).toBe(1);
    expect(h.counts()).toEqual({ sma: 1 });
    expect(h.mentions()).toHaveLength(1);
  });

  it('highlights only the first mention per concept when asked, and applies option changes live', async () => {
    const doc = page('<p>The SMA talks with Seoul.</p><p>The SMA was signed; the USFK cost rose. The SMA again.</p>');
    const h = createHighlighter(doc, compiled, { ...options, firstMentionOnly: true });
    h.start();
    await h.whenIdle();
    expect(h.counts()).toEqual({ sma: 1, usfk: 1 });
    h.update({ ...options, firstMentionOnly: false });
    expect(h.counts()).toEqual({ sma: 3, usfk: 1 });
    h.update({ ...options, categories: { security: false } });
    expect(h.counts()).toEqual({});
    h.update({ ...options, style: 'underline' });
    expect(doc.querySelector('[data-concept-id]')!.className).toContain('al-style-underline');
  });

  it('follows page changes: new text is highlighted, removed text forgotten, its own marks ignored', async () => {
    const doc = page('<div id="feed"><p>USFK and the Korean Peninsula.</p></div>');
    const h = createHighlighter(doc, compiled, options);
    h.start();
    await h.whenIdle();
    const p = doc.createElement('p');
    p.textContent = 'Later: the Nuclear Consultative Group met in Seoul.';
    doc.getElementById('feed')!.append(p);
    await new Promise((r) => setTimeout(r, 10));
    await h.whenIdle();
    expect(h.counts()).toEqual({ usfk: 1, ncg: 1 });
    p.remove();
    await new Promise((r) => setTimeout(r, 10));
    await h.whenIdle();
    expect(h.counts()).toEqual({ usfk: 1 });
    h.stop();
  });

  it('never touches editable regions', async () => {
    const doc = page('<div contenteditable="true"><p>SMA draft on the Korean Peninsula</p></div><p contenteditable="false">USFK</p>');
    const h = createHighlighter(doc, compiled, options);
    h.start();
    await h.whenIdle();
    expect(h.counts()).toEqual({ usfk: 1 });
  });
});

/**
 * Frameworks such as React keep references to the text nodes they rendered
 * and later rewrite or remove exactly those nodes. The node mark.js split
 * stays in place as the text before the first mark, so such writes reach it.
 */
describe('pages that rewrite the text nodes they own', () => {
  const settle = async (h: ReturnType<typeof createHighlighter>) => {
    await new Promise((r) => setTimeout(r, 10));
    await h.whenIdle();
  };
  const setup = async (html: string) => {
    const doc = new DOMParser().parseFromString(`<!doctype html><title>Alliance</title><body>${html}</body>`, 'text/html');
    const p = doc.querySelector('p')!;
    const owned = p.firstChild as Text;
    const h = createHighlighter(doc, compiled, options);
    h.start();
    await h.whenIdle();
    expect(doc.querySelectorAll('[data-concept-id]').length).toBeGreaterThan(0);
    return { doc, p, owned, h };
  };

  it('shows exactly the new text when the page rewrites a node that holds highlights', async () => {
    const { p, owned, h } = await setup('<p>The SMA and USFK costs rose.</p>');
    owned.data = 'Round 3: the SMA and USFK costs fell.';
    expect(p.textContent).not.toBe(owned.data); // stale pieces still follow until the highlighter runs
    await settle(h);
    expect(p.textContent).toBe('Round 3: the SMA and USFK costs fell.');
    expect(h.counts()).toEqual({ sma: 1, usfk: 1 });
    h.stop();
    expect(p.innerHTML).toBe('Round 3: the SMA and USFK costs fell.');
  });

  it('drops the pieces of a node the page removed, and keeps the text the page added', async () => {
    const { p, owned, h } = await setup('<p>SMA talks resumed</p>');
    p.removeChild(owned);
    p.append('New text about USFK.');
    await settle(h);
    expect(p.textContent).toBe('New text about USFK.');
    expect(h.counts()).toEqual({ usfk: 1 });
  });

  it('keeps every character when another wrapper (passage notes) splits a node that holds highlights', async () => {
    const { p, owned, h } = await setup('<p>The SMA talks and USFK costs.</p>');
    wrapRanges([owned], [{ start: 0, length: 3 }], 'al-note', 'alliance-lens-note', () => {});
    h.stop();
    expect(p.textContent).toBe('The SMA talks and USFK costs.');
    expect(p.querySelectorAll('al-mark')).toHaveLength(0);
  });

  it('merges back normally when the page changed nothing', async () => {
    const { p, owned, h } = await setup('<p>SMA, USFK and the SMA again</p>');
    h.stop();
    expect(p.childNodes.length).toBe(1);
    expect(p.firstChild).toBe(owned);
    expect(p.outerHTML).toBe('<p>SMA, USFK and the SMA again</p>');
  });
});

describe('open shadow roots', () => {
  const withShadow = async () => {
    const doc = document.implementation.createHTMLDocument('Alliance news');
    doc.body.innerHTML = '<p>USFK in the light DOM.</p><news-card><span slot="by">On the SMA</span></news-card>';
    const shadow = doc.querySelector('news-card')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<h3>The Nuclear Consultative Group</h3><p>It met in Seoul with <slot name="by"></slot>.</p>';
    const before = { light: doc.body.innerHTML, shadow: shadow.innerHTML };
    const h = createHighlighter(doc, compiled, options, { markCss: 'al-mark { color: inherit }' });
    h.start();
    await h.whenIdle();
    return { doc, shadow, h, before };
  };

  it('highlights inside them, styles their marks, and leaves both trees exactly as they were on stop', async () => {
    const { doc, shadow, h, before } = await withShadow();
    expect(h.counts()).toEqual({ usfk: 1, sma: 1, ncg: 1 });
    expect(shadow.querySelectorAll('[data-concept-id="ncg"]').length).toBe(1);
    expect(shadow.adoptedStyleSheets).toHaveLength(1);
    expect(h.mentions().map((m) => m.dataset.conceptId).sort()).toEqual(['ncg', 'sma', 'usfk']);
    h.stop();
    expect(doc.body.innerHTML).toBe(before.light);
    expect(shadow.innerHTML).toBe(before.shadow);
    expect(shadow.adoptedStyleSheets).toHaveLength(0);
  });

  it('follows changes inside a shadow root', async () => {
    const { shadow, h } = await withShadow();
    const p = shadow.ownerDocument.createElement('p');
    p.textContent = 'Later the Washington Declaration was cited.';
    shadow.append(p);
    await new Promise((r) => setTimeout(r, 10));
    await h.whenIdle();
    expect(h.counts()).toEqual({ usfk: 1, sma: 1, ncg: 1, 'washington-declaration': 1 });
    h.stop();
  });
});
