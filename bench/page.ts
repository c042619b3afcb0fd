/**
 * Deterministic benchmark pages: a long article (≥ 1.5 MB of text, 20,000+
 * text nodes) with concept mentions, inline markup, tables, lists, form fields
 * and code blocks; a dynamic page that appends paragraphs in bursts.
 */
import type { Corpus } from '../lib/corpus/schema';

/** A small seeded PRNG (mulberry32): the same page every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = (
  'officials said the talks would continue next month while analysts in Seoul and Washington weighed the costs ' +
  'of a changing regional balance and the pressure on budgets shipyards industry trade and public opinion across the region'
).split(' ');

/** Page-world source: `paintedRanges()`, every range the extension painted, read from `CSS.highlights` as any page can. */
export const PAINTED = `const paintedRanges = () => {
    const out = [];
    for (const [name, h] of CSS.highlights) if (name.startsWith('alliance-lens--')) for (const r of h) out.push(r);
    return out;
  };`;

/**
 * Page-world source: `own(fn)` wraps a callback of the page's own so its run time adds to `window.__own` (ms).
 * Observers' callbacks (the extension's included) run after it returns, so they are not counted.
 */
const OWN_TIME = `window.__own = 0;
  const own = (fn) => (...args) => { const t = performance.now(); try { return fn(...args); } finally { window.__own += performance.now() - t; } };`;

export function aliasesOf(corpus: Corpus): string[] {
  return [...new Set(corpus.concepts.flatMap((c) => c.aliases.filter((a) => a.lang !== 'ko').map((a) => a.text)))];
}

/** Words of a page about something else entirely: it names no concept. */
const QUIET_FILLER = (
  'the garden club met on saturday to plant tomatoes beans and lettuce along the north fence while volunteers ' +
  'repaired the greenhouse roof and sorted seeds for spring with compost from the village market'
).split(' ');

function sentence(next: () => number, aliases: string[], filler = FILLER): string {
  const words: string[] = [];
  const n = 14 + Math.floor(next() * 14);
  for (let i = 0; i < n; i++) {
    const r = next();
    const word = () => filler[Math.floor(next() * filler.length)]!;
    if (r < 0.06 && aliases.length) words.push(aliases[Math.floor(next() * aliases.length)]!);
    else if (r < 0.09) words.push(`<em>${word()}</em>`);
    else if (r < 0.11) words.push(`<a href="#x">${word()}</a>`);
    else words.push(word());
  }
  const s = words.join(' ');
  return `${s[0]!.toUpperCase() + s.slice(1)}.`;
}

export function paragraph(next: () => number, aliases: string[], filler = FILLER): string {
  return `<p>${Array.from({ length: 3 + Math.floor(next() * 3) }, () => sentence(next, aliases, filler)).join(' ')}</p>`;
}

/** A page of `minTextBytes` of text that names no concept (most pages a reader visits). */
export function quietArticle(minTextBytes = 200_000): string {
  const next = random(5);
  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Garden club news</title></head><body><main><h1>Garden club news</h1>',
  ];
  let text = 0;
  for (let section = 1; text < minTextBytes; section++) {
    const html = [
      `<h2>Week ${section}</h2>`,
      ...Array.from({ length: 8 }, () => paragraph(next, [], QUIET_FILLER)),
      `<ul>${Array.from({ length: 4 }, () => `<li>${sentence(next, [], QUIET_FILLER)}</li>`).join('')}</ul>`,
    ].join('\n');
    text += html.replace(/<[^>]+>/g, '').length;
    parts.push(html);
  }
  parts.push('</main></body></html>');
  return parts.join('\n');
}

/** A React page whose keyed list is reordered, filtered and re-rendered every 500 ms (bundle: bench/react-list.mjs). */
export function reactListPage(): string {
  return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Alliance talks tracker</title></head><body><div id="root"></div><script src="/bench/react-list.js"></script></body></html>';
}

export function largeArticle(corpus: Corpus, minTextBytes = 1_600_000): string {
  const next = random(42);
  const aliases = aliasesOf(corpus);
  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>US-ROK alliance: a long report</title></head><body><main><h1>The US-ROK alliance in the Indo-Pacific</h1>',
  ];
  let text = 0;
  let section = 0;
  while (text < minTextBytes) {
    const block: string[] = [`<h2>Section ${++section}: Korea and the alliance</h2>`];
    for (let i = 0; i < 8; i++) block.push(paragraph(next, aliases));
    block.push(`<ul>${Array.from({ length: 4 }, () => `<li>${sentence(next, aliases)}</li>`).join('')}</ul>`);
    block.push(
      `<table><tr><th>Item</th><th>Note</th></tr>${Array.from({ length: 3 }, () => `<tr><td>${sentence(next, aliases)}</td><td>${aliases[Math.floor(next() * aliases.length)]}</td></tr>`).join('')}</table>`,
    );
    block.push(`<form><label>Comment <input value="SMA RSF NCG"></label><textarea>Special Measures Agreement draft</textarea></form>`);
    block.push(`<pre><code>const SMA = load("Regional Sustainment Framework");</code></pre>`);
    const html = block.join('\n');
    text += html.replace(/<[^>]+>/g, '').length;
    parts.push(html);
  }
  parts.push('</main></body></html>');
  return parts.join('\n');
}

/** A page that appends `total` paragraphs in bursts of `burst`, one burst every `everyMs`. */
export function dynamicPage(corpus: Corpus, total = 1000, burst = 50, everyMs = 100): string {
  const next = random(7);
  const aliases = aliasesOf(corpus);
  const paragraphs = Array.from({ length: total }, () => paragraph(next, aliases));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live: US-ROK alliance updates</title></head><body><main id="feed"><h1>Live updates on the Korean Peninsula</h1></main>
<template id="items">${paragraphs.join('')}</template>
<script>
  const items = [...document.getElementById('items').content.children];
  let i = 0;
  const timer = setInterval(() => {
    const feed = document.getElementById('feed');
    for (const p of items.slice(i, i + ${burst})) feed.append(p.cloneNode(true));
    i += ${burst};
    if (i >= items.length) { clearInterval(timer); document.title = 'done'; }
  }, ${everyMs});
</script></body></html>`;
}

/** A news feed that adds one post every `everyMs` for `seconds` (the page's own work is building each post). */
export function feedPage(corpus: Corpus, everyMs = 300, seconds = 60): string {
  const next = random(11);
  const aliases = aliasesOf(corpus);
  const posts = Array.from(
    { length: Math.ceil((seconds * 1000) / everyMs) },
    () => `<article class="post"><h3>Update</h3>${paragraph(next, aliases)}</article>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Feed: US-ROK alliance</title></head><body><main id="feed"><h1>Alliance feed</h1></main>
<template id="items">${posts.join('')}</template>
<script>
  const items = [...document.getElementById('items').content.children];
  let i = 0;
  ${OWN_TIME}
  const timer = setInterval(own(() => {
    document.getElementById('feed').append(items[i++].cloneNode(true));
    if (i >= items.length) { clearInterval(timer); document.title = 'done'; }
  }), ${everyMs});
</script></body></html>`;
}

/**
 * A page whose clock ticks every 50 ms while paragraphs arrive late (one
 * every `everyMs`), each naming a concept without ambiguity; the page records
 * when each paragraph was added and when a highlight first appeared in it,
 * polling `CSS.highlights` every frame (a paint is no DOM change: no observer
 * sees it). Paragraphs start once the intro is highlighted, so lateness counts
 * from when the extension runs; `?plain` (no extension) starts them at once.
 */
export function tickerPage(count = 30, everyMs = 300): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live: US-ROK alliance</title></head><body><div id="clock">0</div><main id="feed"><h1>Live updates</h1><p id="intro">Intro: the Special Measures Agreement.</p></main>
<script>
  ${OWN_TIME}
  ${PAINTED}
  let t = 0;
  let adding = false;
  setInterval(own(() => { document.getElementById('clock').textContent = String(++t); }), 50);
  const names = ['Special Measures Agreement', 'Nuclear Consultative Group', 'Regional Sustainment Framework', 'USFK'];
  window.__late = [];
  let i = 0;
  let timer;
  const add = own(() => {
    const p = document.createElement('p');
    p.dataset.i = String(i);
    p.textContent = 'Late news ' + i + ': officials discussed the ' + names[i % names.length] + ' again in Seoul.';
    window.__late.push({ added: performance.now(), marked: null });
    document.getElementById('feed').append(p);
    if (++i >= ${count}) { clearInterval(timer); document.title = 'done'; }
  });
  const begin = () => {
    adding = true;
    // The page's own time counts from here, the same work with and without the extension.
    window.__own = 0;
    timer = setInterval(add, ${everyMs});
  };
  if (location.search === '?plain') begin();
  const watch = () => {
    for (const r of paintedRanges()) {
      const el = r.startContainer.parentElement;
      if (!adding && el && el.closest('#intro')) begin();
      const p = el && el.closest('p[data-i]');
      if (p && window.__late[p.dataset.i].marked === null) window.__late[p.dataset.i].marked = performance.now();
    }
    if (document.title !== 'done' || window.__late.some((l) => l.marked === null)) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
</script></body></html>`;
}

/** A page with one text node of `chars` characters (a log or transcript), made by script: the parser would split it. */
export function hugeTextPage(chars = 10_000_000): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Transcript: US-ROK alliance hearing</title></head><body><h1>Hearing transcript</h1><div id="big"></div>
<script>
  const lines = ['Officials said the Special Measures Agreement talks would continue. ', 'The senator asked about USFK readiness and the Nuclear Consultative Group. ', 'Analysts in Seoul and Washington weighed the costs of the changing regional balance. '];
  const parts = [];
  let n = 0;
  for (let i = 0; n < ${chars}; i++) { const l = lines[i % 3]; parts.push(l); n += l.length; }
  document.getElementById('big').append(document.createTextNode(parts.join('')));
</script></body></html>`;
}
