/**
 * The highlighter as a guest on the page: property-based tests over random
 * DOM trees built from corpus aliases, regex metacharacters and Unicode, and
 * behaviour on pages that change. Mentions are read as a page script could,
 * from `CSS.highlights`; the page's DOM must never change at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from '../matcher/compile';
import { DEFAULT_SETTINGS } from '../settings';
import { createHighlighter, type HighlightOptions } from './highlighter';
import { probeOf } from './probe';
import { highlightRules } from './paint';
import { mentionsOf } from '@/tests/support/gold';
import { paintedRanges } from '@/tests/support/painted';

const corpus = loadCorpusFromDir('data');
const compiled = compileMatcher(corpus);
const options: HighlightOptions = { ...DEFAULT_SETTINGS };
const FORBIDDEN = 'input, textarea, select, script, style, noscript, template, code, pre, kbd, samp, [contenteditable="true"]';

const texts = (doc: Document) =>
  mentionsOf(doc)
    .map((m) => `${m.conceptId}:${m.text}`)
    .sort();

const aliasTexts = corpus.concepts.flatMap((c) => c.aliases.map((a) => a.text));
const word = fc.oneof(
  fc.constantFrom(...aliasTexts),
  fc.constantFrom(
    'Seoul',
    'Korea',
    'alliance',
    'the',
    'of',
    '(',
    ')',
    '$1',
    '.*',
    '[a-z]+',
    '\\',
    '|',
    '?',
    '한국',
    '핵협의그룹은',
    'é',
    '😀',
    'U.S.',
    "SMA's",
    'SMAs',
    'sma',
    '-',
  ),
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
  const el = doc.createElement(node.tag);
  if (node.tag === 'ul') {
    // Text directly inside <ul> is what a script could create; it must stay untouched.
    for (const child of node.children) {
      const li = doc.createElement('li');
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
  await probeOf(h).whenIdle();
  return { doc, h, before, textBefore };
}

// Dozens of random pages each: on a loaded 2-core machine a run can take longer than the default 5 s.
describe('highlighter properties', { timeout: 60_000 }, () => {
  it('never writes to the page, never paints forbidden places or invalid children, and clears every highlight on stop', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 4 }), async (trees) => {
        const { doc, h, before, textBefore } = await highlighted(trees);
        expect(doc.body.outerHTML).toBe(before);
        expect(doc.body.textContent).toBe(textBefore);
        for (const { range } of paintedRanges()) {
          for (const node of [range.startContainer, range.endContainer]) {
            expect(node.nodeType).toBe(3);
            expect(node.parentElement!.closest(FORBIDDEN)).toBeNull();
            expect(['UL', 'OL', 'TABLE', 'TBODY', 'TR']).not.toContain(node.parentElement!.tagName);
          }
        }
        h.stop();
        expect(paintedRanges()).toEqual([]);
        expect(doc.body.outerHTML).toBe(before);
      }),
      { numRuns: 60 },
    );
  });

  it('highlighting twice equals highlighting once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 3 }), async (trees) => {
        const { doc, h } = await highlighted(trees);
        const once = texts(doc);
        h.rescan();
        await probeOf(h).whenIdle();
        expect(texts(doc)).toEqual(once);
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

  it('paints a name split across inline tags as one mention, one range over both', async () => {
    const doc = page('<p>Seoul signed the <em>Special Measures</em> Agreement with Washington.</p>');
    const h = createHighlighter(doc, compiled, options);
    h.start();
    await probeOf(h).whenIdle();
    const painted = paintedRanges();
    expect(painted).toHaveLength(1);
    expect(painted[0]!.range.startContainer).toBe(doc.querySelector('em')!.firstChild);
    expect(texts(doc)).toEqual(['sma:Special Measures Agreement']);
    expect(h.counts()).toEqual({ sma: 1 });
    expect(h.mentions()).toHaveLength(1);
    h.stop();
  });

  it('highlights only the first mention per concept when asked, and applies option changes live', async () => {
    const doc = page('<p>The SMA talks with Seoul.</p><p>The SMA was signed; the USFK cost rose. The SMA again.</p>');
    const h = createHighlighter(doc, compiled, { ...options, firstMentionOnly: true });
    h.start();
    await probeOf(h).whenIdle();
    expect(h.counts()).toEqual({ sma: 1, usfk: 1 });
    h.update({ ...options, firstMentionOnly: false });
    expect(h.counts()).toEqual({ sma: 3, usfk: 1 });
    await probeOf(h).whenIdle();
    expect(texts(doc)).toEqual(['sma:SMA', 'sma:SMA', 'sma:SMA', 'usfk:USFK']);
    h.update({ ...options, categories: { security: false } });
    expect(h.counts()).toEqual({});
    h.stop();
  });

  it("styles each concept by its category, the reader's style and the page's look", () => {
    const concepts = { sma: compiled.concepts.sma! };
    expect(highlightRules(concepts, 'underline', false)).toMatch(
      /::highlight\(alliance-lens--sma\) \{ text-decoration-line: underline;.*#1d4ed8/,
    );
    expect(highlightRules(concepts, 'underline', false)).not.toContain('background-color');
    expect(highlightRules(concepts, 'background', false)).not.toContain('text-decoration');
    expect(highlightRules(concepts, 'both', true)).toContain(compiled.concepts.sma!.colourDark);
  });

  it('follows page changes: new text is highlighted, removed text forgotten', async () => {
    const doc = page('<div id="feed"><p>USFK and the Korean Peninsula.</p></div>');
    const h = createHighlighter(doc, compiled, options);
    h.start();
    await probeOf(h).whenIdle();
    const p = doc.createElement('p');
    p.textContent = 'Later: the Nuclear Consultative Group met in Seoul.';
    doc.getElementById('feed')!.append(p);
    await probeOf(h).whenIdle();
    expect(h.counts()).toEqual({ usfk: 1, ncg: 1 });
    p.remove();
    await probeOf(h).whenIdle();
    expect(h.counts()).toEqual({ usfk: 1 });
    expect(texts(doc)).toEqual(['usfk:USFK']);
    h.stop();
  });

  it('never touches editable regions, also when a region becomes editable later', async () => {
    const doc = page(
      '<div contenteditable="true"><p>SMA draft on the Korean Peninsula</p></div><p contenteditable="false">USFK</p><div id="later"><p>NCG</p></div>',
    );
    const h = createHighlighter(doc, compiled, options);
    h.start();
    await probeOf(h).whenIdle();
    expect(h.counts()).toEqual({ usfk: 1, ncg: 1 });
    doc.getElementById('later')!.setAttribute('contenteditable', 'true');
    await probeOf(h).whenIdle();
    expect(h.counts()).toEqual({ usfk: 1 });
    expect(texts(doc)).toEqual(['usfk:USFK']);
    h.stop();
  });

  it('answers no mention under the pointer in a region made editable, before it has read the change', async () => {
    const doc = page('<div id="later"><p>The NCG met.</p></div>');
    const text = doc.querySelector('p')!.firstChild!;
    // The browser's hit test, as a parsed document has none: the caret in "NCG", on the term's one box.
    Object.assign(doc, { caretPositionFromPoint: () => ({ offsetNode: text, offset: 5 }) });
    const boxes = Range.prototype.getClientRects;
    Range.prototype.getClientRects = () => [new DOMRect(0, 0, 40, 20)] as unknown as DOMRectList;
    const h = createHighlighter(doc, compiled, options);
    try {
      h.start();
      await probeOf(h).whenIdle();
      expect(h.mentionAt(10, 10)?.conceptId).toBe('ncg');
      // A click on a term in an editor puts the caret there: no card, even in the moment before the change is read.
      doc.getElementById('later')!.setAttribute('contenteditable', 'true');
      expect(h.mentionAt(10, 10)).toBeNull();
    } finally {
      h.stop();
      Range.prototype.getClientRects = boxes;
    }
  });
});

/**
 * Frameworks such as React keep references to the text nodes they rendered
 * and later rewrite, move or remove exactly those nodes: they must find them
 * as they made them, and the highlights must follow.
 */
describe('pages that rewrite the text nodes they own', () => {
  const setup = async (html: string) => {
    const doc = new DOMParser().parseFromString(`<!doctype html><title>Alliance</title><body>${html}</body>`, 'text/html');
    const p = doc.querySelector('p')!;
    const owned = p.firstChild as Text;
    const h = createHighlighter(doc, compiled, options);
    h.start();
    await probeOf(h).whenIdle();
    expect(paintedRanges().length).toBeGreaterThan(0);
    return { doc, p, owned, h };
  };

  it('highlights exactly the new text when the page rewrites a node that holds highlights', async () => {
    const { doc, p, owned, h } = await setup('<p>The SMA and USFK costs rose.</p>');
    owned.data = 'Round 3: the SMA and USFK costs fell.';
    await probeOf(h).whenIdle();
    expect(p.childNodes).toHaveLength(1);
    expect(p.firstChild).toBe(owned);
    expect(h.counts()).toEqual({ sma: 1, usfk: 1 });
    expect(texts(doc)).toEqual(['sma:SMA', 'usfk:USFK']);
    h.stop();
  });

  it('forgets the highlights of a node the page removed, and highlights the text the page added', async () => {
    const { doc, p, owned, h } = await setup('<p>SMA talks resumed</p>');
    p.removeChild(owned);
    p.append('New text about USFK.');
    await probeOf(h).whenIdle();
    expect(h.counts()).toEqual({ usfk: 1 });
    expect(texts(doc)).toEqual(['usfk:USFK']);
    h.stop();
  });

  it('follows a node the page moved into another paragraph', async () => {
    const { doc, owned, h } = await setup('<p>SMA talks resumed</p><p id="to">Later: </p>');
    doc.getElementById('to')!.append(owned);
    await probeOf(h).whenIdle();
    expect(h.counts()).toEqual({ sma: 1 });
    expect(paintedRanges()[0]!.range.startContainer).toBe(owned);
    h.stop();
  });
});

describe('open shadow roots', () => {
  const withShadow = async () => {
    const doc = document.implementation.createHTMLDocument('Alliance news');
    doc.body.innerHTML = '<p>USFK in the light DOM.</p><news-card><span slot="by">On the SMA</span></news-card>';
    const shadow = doc.querySelector('news-card')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<h3>The Nuclear Consultative Group</h3><p>It met in Seoul with <slot name="by"></slot>.</p>';
    const before = { light: doc.body.innerHTML, shadow: shadow.innerHTML };
    const h = createHighlighter(doc, compiled, options);
    h.start();
    await probeOf(h).whenIdle();
    return { doc, shadow, h, before };
  };

  it('highlights inside them, styles them, and leaves both trees exactly as they were', async () => {
    const { doc, shadow, h, before } = await withShadow();
    expect(h.counts()).toEqual({ usfk: 1, sma: 1, ncg: 1 });
    expect(
      paintedRanges()
        .filter(({ range }) => range.startContainer.getRootNode() === shadow)
        .map((p) => p.conceptId),
    ).toEqual(['ncg']);
    expect(shadow.adoptedStyleSheets).toHaveLength(1);
    expect(
      h
        .mentions()
        .map((m) => m.conceptId)
        .sort(),
    ).toEqual(['ncg', 'sma', 'usfk']);
    expect(doc.body.innerHTML).toBe(before.light);
    expect(shadow.innerHTML).toBe(before.shadow);
    h.stop();
    expect(shadow.adoptedStyleSheets).toHaveLength(0);
    expect(paintedRanges()).toEqual([]);
  });

  it('follows changes inside a shadow root', async () => {
    const { shadow, h } = await withShadow();
    const p = shadow.ownerDocument.createElement('p');
    p.textContent = 'Later the Washington Declaration was cited.';
    shadow.append(p);
    await probeOf(h).whenIdle();
    expect(h.counts()).toEqual({ usfk: 1, sma: 1, ncg: 1, 'washington-declaration': 1 });
    h.stop();
  });
});
