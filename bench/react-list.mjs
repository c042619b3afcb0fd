/**
 * The bench's React page (bundled by bench/run.ts with esbuild): a keyed list
 * of items naming concepts, reordered, filtered and re-rendered every 500 ms.
 * Each render is synchronous (flushSync), so the page's own time is React's
 * render and commit; it adds to `window.__own` and the title is "done" after
 * the last one.
 */
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';

const TOPICS = [
  'Special Measures Agreement',
  'US Forces Korea',
  'Nuclear Consultative Group',
  'Regional Sustainment Framework',
  'Washington Declaration',
];
const ITEMS = Array.from({ length: 300 }, (_, i) => ({ id: i, topic: TOPICS[i % TOPICS.length] }));
const RENDERS = 60;

function List({ round }) {
  // Rotate by a different step each round, and drop every fifth item on odd rounds.
  const shift = (round * 37) % ITEMS.length;
  const order = [...ITEMS.slice(shift), ...ITEMS.slice(0, shift)].filter((item) => round % 2 === 0 || item.id % 5 !== 0);
  return h(
    'main',
    null,
    h('h1', null, 'Alliance talks tracker, round ', round),
    h(
      'ul',
      null,
      order.map((item) => h('li', { key: item.id }, `Item ${item.id}: the ${item.topic} was discussed in round `, round, '.')),
    ),
  );
}

window.__own = 0;
const root = createRoot(document.getElementById('root'));
let round = 0;
const render = () => {
  const t = performance.now();
  flushSync(() => root.render(h(List, { round })));
  window.__own += performance.now() - t;
  if (++round > RENDERS) {
    clearInterval(timer);
    document.title = 'done';
  }
};
render();
const timer = setInterval(render, 500);
