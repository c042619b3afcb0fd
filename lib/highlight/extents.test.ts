/**
 * Names in their real extents on a page: a longer name wins over a shorter
 * alias inside it, also across inline tags and links, and a link is never
 * split between a mention and plain text. Mentions are read as a page could,
 * from `CSS.highlights`.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from '../matcher/compile';
import { DEFAULT_SETTINGS } from '../settings';
import { createHighlighter } from './highlighter';
import { probeOf } from './probe';
import { mentionsOf } from '@/tests/support/gold';

const compiled = compileMatcher(loadCorpusFromDir('data'));

async function highlighted(body: string) {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><html><body>${body}</body></html>`, 'text/html');
  const highlighter = createHighlighter(doc, compiled, { ...DEFAULT_SETTINGS });
  highlighter.start();
  await probeOf(highlighter).whenIdle();
  return { doc, mentions: mentionsOf(doc).map((m) => `${m.conceptId}:${m.text}`), stop: () => highlighter.stop() };
}

describe('mention extents', () => {
  it('takes a title and a linked full name as one mention, covering the whole link', async () => {
    const { doc, mentions, stop } = await highlighted('<p>South Korean President <a href="/yoon">Yoon Suk Yeol</a> spoke first.</p>');
    expect(mentions).toEqual(['yoon-suk-yeol:President Yoon Suk Yeol']);
    const link = doc.querySelector('a')!;
    expect(link.textContent).toBe('Yoon Suk Yeol');
    // Every character of the link is inside the mention: no plain "Suk Yeol" left beside a highlighted "Yoon".
    const [range] = [...CSS.highlights.get('alliance-lens--yoon-suk-yeol')!] as AbstractRange[];
    expect([range!.endContainer, range!.endOffset]).toEqual([link.firstChild, 'Yoon Suk Yeol'.length]);
    stop();
  });

  it('lets a reordered country list win over the country inside it, across inline tags', async () => {
    const { mentions, stop } = await highlighted(
      '<p>They praised <b>ROK</b>–U.S.–<i>Japan</i> trilateral cooperation and the <a href="#">Korea–U.S.</a> alliance.</p>',
    );
    expect(mentions).toEqual(['us-rok-japan-trilateral:ROK–U.S.–Japan', 'us-rok-alliance:Korea–U.S. alliance']);
    stop();
  });

  it('leaves a longer name that is something else unmarked', async () => {
    const { mentions, stop } = await highlighted(
      '<table><tr><td>Ulchi Freedom Shield</td><td>August</td></tr><tr><td>Freedom Shield</td><td>March</td></tr></table>',
    );
    expect(mentions).toEqual(['freedom-shield:Freedom Shield']);
    stop();
  });
});
