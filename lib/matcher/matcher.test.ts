import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from './compile';
import { createMatcher } from './matcher';
import { lowerSameLength } from './normalise';

const matcher = createMatcher(compileMatcher(loadCorpusFromDir('data')));
const found = (text: string) => matcher.findCandidates(text).map((c) => [c.conceptId, c.text, c.start]);

describe('matcher', () => {
  it('matches names in any case and acronyms only as written', () => {
    expect(found('THE SPECIAL MEASURES AGREEMENT and the SMA')).toEqual([
      ['sma', 'SPECIAL MEASURES AGREEMENT', 4],
      ['sma', 'SMA', 39],
    ]);
    expect(found('a sma-like shape')).toEqual([]);
  });

  it('keeps offsets right when lower-casing would lengthen a character', () => {
    const text = 'İstanbul İİ: the SMA and U.S. Forces Korea';
    expect(lowerSameLength(text)).toHaveLength(text.length);
    expect(found(text)).toEqual([
      ['sma', 'SMA', text.indexOf('SMA')],
      ['usfk', 'U.S. Forces Korea', text.indexOf('U.S.')],
    ]);
  });

  it('needs a word boundary on either side in any script, but lets Korean particles attach', () => {
    expect(found('SMAs, (SMA) and SMA—yes')).toHaveLength(3);
    expect(found('xSMA SMAx SMA1 éSMA SMAé ДSMA')).toEqual([]);
    expect(found('핵협의그룹은 회의를 열었다')).toEqual([['ncg', '핵협의그룹', 0]]);
  });
});
