import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { searchGlossary } from './glossary-search';

const { concepts } = loadCorpusFromDir('data');
const ids = (query: string) => searchGlossary(concepts, query).map((c) => c.id);

describe('glossary search', () => {
  it('ranks names and aliases above definitions', () => {
    const found = ids('nuclear');
    expect(found[0]).toBe('ncg');
    expect(found.indexOf('ncg')).toBeLessThan(found.indexOf('cf-alliance'));
    expect(found).toContain('cf-alliance');
  });

  it('searches Korean names, aliases and definitions, with or without spaces', () => {
    expect(ids('핵협의그룹')[0]).toBe('ncg');
    expect(ids('방위비 분담 특별협정')[0]).toBe('sma');
    expect(ids('한미동맹')[0]).toBe('us-rok-alliance');
    expect(ids('가상자산')).toContain('cyber-framework');
  });

  it('finds Korean names by their initial consonants', () => {
    expect(ids('ㅎㅎㅇㄱㄹ')[0]).toBe('ncg');
    expect(ids('ㅈㅎㅁㄱ')[0]).toBe('usfk');
  });

  it('finds acronyms and keeps every concept for an empty query', () => {
    expect(ids('SMA')[0]).toBe('sma');
    expect(ids('  ')).toHaveLength(concepts.length);
    expect(ids('zzzz-no-such-thing')).toEqual([]);
  });
});
