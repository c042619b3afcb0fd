/**
 * The compatibility suite in Chromium (issue 23): real framework pages built
 * from npm packages, each run without the extension and with it. Both runs
 * must end the same: no page error, the framework's text equal to its state
 * at every sampled frame, the tab answering while the pointer rests on a term,
 * editors whose model matches their DOM, and the live blog's writes counted
 * the same. With the extension, each page must also really be highlighted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchWithoutExtension, openCard, useExtensionBrowser } from './harness';
import {
  compatPages,
  EDITABLE_EXPECTED,
  EDITED_FIRST_PARAGRAPH,
  editableScenario,
  editorScenario,
  expectRegionClean,
  logOutcome,
  regionScenario,
  type CompatTab,
} from './compat-scenarios';

const env = useExtensionBrowser([compatPages()]);
let plain: Awaited<ReturnType<typeof launchWithoutExtension>>;
beforeAll(async () => {
  plain = await launchWithoutExtension();
});
afterAll(async () => {
  await plain?.close();
});

/** Runs `scenario` in a new tab of `context`, closed after. */
async function inTab<T>(context: BrowserContext, scenario: (tab: CompatTab) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('console', (m) => {
    // The browser's own favicon request 404s; that is no page error.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    return await scenario({
      page,
      errors,
      warnings,
      goto: async (path) => void (await page.goto(`${env.server.origin}${path}`)),
      wheel: (deltaY) => page.mouse.wheel(0, deltaY),
      cardOpen: async () => (await openCard(page)) !== null,
    });
  } finally {
    await page.close();
  }
}

/** The scenario without the extension, then with it; each outcome logged for the before/after table. */
async function withoutAndWith<T extends object>(name: string, scenario: (tab: CompatTab, extension: boolean) => Promise<T>) {
  const without = await inTab(plain.context, (tab) => scenario(tab, false));
  logOutcome('chromium', name, false, without);
  const withExtension = await inTab(env.browser.context, (tab) => scenario(tab, true));
  logOutcome('chromium', name, true, withExtension);
  return { without, withExtension };
}

const REGIONS = [
  { name: 'React 19 keyed list, server-rendered and hydrated', path: '/compat/react.html', term: 'SMA' },
  { name: 'Vue 3 keyed list, server-rendered and hydrated', path: '/compat/vue.html', term: 'SMA' },
  { name: 'Svelte 5 keyed list, server-rendered and hydrated', path: '/compat/svelte.html', term: 'SMA' },
  { name: 'Preact keyed list, server-rendered and hydrated', path: '/compat/preact.html', term: 'SMA' },
  { name: 'React list whose bundle hydrates 2.5 s after load', path: '/compat/react-late.html', term: 'SMA' },
  { name: 'React island hydrated when scrolled into view', path: '/compat/react-island.html', term: 'SMA', island: true },
  { name: 'live blog that rewrites innerHTML when it changed', path: '/compat/blog.html', term: 'Nuclear Consultative Group' },
];

describe('framework pages with and without the extension (Chromium)', () => {
  for (const region of REGIONS) {
    it(`${region.name}: the same text at every frame, no error, a responsive tab under a resting pointer`, async () => {
      const { without, withExtension } = await withoutAndWith(region.path, (tab, extension) => regionScenario(tab, region.path, { term: region.term, extension, island: region.island }));
      expectRegionClean(without);
      expectRegionClean(withExtension);
      expect(withExtension.warnings).toEqual(without.warnings);
      expect(withExtension.rewrites).toBe(without.rewrites);
      // Painted again after the last re-render, the term under the pointer among them.
      expect(withExtension.painted).toContain(region.term);
    });
  }

  for (const editor of ['prosemirror', 'quill']) {
    it(`${editor}: shown read-only, made editable, typed into (also inside a term): its model equals its DOM, no paragraph duplicated`, async () => {
      const { without, withExtension } = await withoutAndWith(editor, (tab, extension) => editorScenario(tab, `/compat/${editor}.html`, extension));
      for (const run of [without, withExtension]) {
        expect(run.errors).toEqual([]);
        expect(run.model).toEqual(run.dom);
        expect(run.model).toEqual([EDITED_FIRST_PARAGRAPH, 'The NCG met in Seoul after the Washington Declaration.']);
      }
      expect(withExtension.painted).toContain('USFK');
    });
  }

  it('a region made contenteditable after load: a click on a term puts the caret there and opens no card; the typed key lands there', async () => {
    const { without, withExtension } = await withoutAndWith('contenteditable', editableScenario);
    for (const run of [without, withExtension]) {
      expect(run.errors).toEqual([]);
      expect({ caret: run.caret, cardShown: run.cardShown, text: run.text }).toEqual(EDITABLE_EXPECTED);
    }
    expect(withExtension.painted).toContain('Washington Declaration');
  });
});
