import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { compiledMatcher } from 'virtual:alliance-matcher';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from './compile';
import { packMatcher, unpackMatcher } from './pack';

const compiled = compileMatcher(loadCorpusFromDir(resolve(import.meta.dirname, '../../data')));

describe('the packed matcher', () => {
  it('unpacks to exactly the compiled matcher', () => {
    expect(unpackMatcher(packMatcher(compiled))).toStrictEqual(compiled);
  });

  it('is what the bundles import', () => {
    expect(compiledMatcher).toStrictEqual(compiled);
  });

  it('keeps every alias flag and exact form', () => {
    const flagged = Object.values(compiled.aliases).flat();
    expect(flagged.some((e) => e.ambiguous && e.exact !== undefined)).toBe(true);
    expect(flagged.some((e) => e.properName)).toBe(true);
    expect(Object.keys(compiled.qualifiers).length).toBeGreaterThan(5);
  });

  it('is smaller than the compiled matcher written out', () => {
    expect(JSON.stringify(packMatcher(compiled)).length).toBeLessThan(JSON.stringify(compiled).length * 0.75);
  });
});
