import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CONTENT_MESSAGE_KEY, pickMessages } from './content-messages-plugin';
import en from '../public/_locales/en/messages.json';

const ROOT = resolve(import.meta.dirname, '..');

/** The project's source files the content script bundles: its imports followed from the entrypoint. */
function contentModules(): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    // `import type` and `export type` are erased: they bundle nothing, so they are not followed.
    for (const [, typeOnly, spec = ''] of text.matchAll(/^(?:import|export)\s+(type\s)?[^;]*?'((?:\.|@\/)[^']*)'/gm)) {
      if (typeOnly) continue;
      const base = spec.startsWith('@/') ? resolve(ROOT, spec.slice(2)) : resolve(dirname(file), spec);
      const found = ['', '.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => existsSync(f) && /\.tsx?$/.test(f));
      if (found) visit(found);
    }
  };
  visit(resolve(ROOT, 'entrypoints/content/index.ts'));
  return seen;
}

describe('the content script keeps only its own messages', () => {
  const modules = contentModules();

  it('follows the content script into the card and the passage notes', () => {
    const files = [...modules.keys()].map((f) => f.slice(ROOT.length + 1));
    expect(files).toEqual(
      expect.arrayContaining(['lib/i18n.ts', 'components/card/ConceptCard.tsx', 'entrypoints/content/passage-notes/selection-button.tsx']),
    );
  });

  it('keeps every message key named in its modules that translate', () => {
    const keys = Object.keys(en);
    const named = new Set<string>();
    // t() takes literal keys only (next test), so a key it shows is written in a module that imports it.
    const translating = [...modules.entries()].filter(([file, text]) => file.endsWith('lib/i18n.ts') || /from '[^']*\/i18n'/.test(text));
    expect(translating.length).toBeGreaterThan(3);
    for (const [, text] of translating) {
      for (const [, literal = ''] of text.matchAll(/['"`]([A-Za-z0-9_]+)['"`]/g)) if (keys.includes(literal)) named.add(literal);
      // A key built from a prefix (`category_${id}`): every key with that prefix may be asked for.
      for (const [, prefix = ''] of text.matchAll(/`([A-Za-z0-9]+_)\$\{/g))
        for (const key of keys) if (key.startsWith(prefix)) named.add(key);
    }
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((key) => !CONTENT_MESSAGE_KEY.test(key))).toEqual([]);
  });

  it('asks t() for literal keys only, so the check above sees them all', () => {
    const calls = [...modules.entries()]
      .filter(([file]) => !file.endsWith('lib/i18n.ts'))
      .flatMap(([, text]) => [...text.matchAll(/\bt\(([^,)]*)/g)].map((m) => m[1] ?? ''));
    expect(calls.length).toBeGreaterThan(10);
    // Either a quoted key or a choice between quoted keys.
    expect(calls.filter((arg) => !/^\s*['"`]/.test(arg) && !/\?\s*['"`][^'"`]+['"`]\s*:\s*['"`]/.test(arg))).toEqual([]);
  });

  it("drops the other surfaces' messages and keeps the text of the rest", () => {
    const picked = pickMessages(en, CONTENT_MESSAGE_KEY);
    expect(picked.card_yourNotes).toEqual(en.card_yourNotes);
    expect(Object.keys(picked).length).toBeLessThan(Object.keys(en).length / 2);
    expect(Object.keys(picked).every((key) => CONTENT_MESSAGE_KEY.test(key))).toBe(true);
  });
});
