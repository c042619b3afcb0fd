import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher, countryOrders } from './compile';
import { createMatcher } from './matcher';
import { lowerSameLength, matchForm } from '../text/normalise';

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
    expect(matchForm('İ U.S.–ROK 한·미')).toBe('İ u.s. rok 한 미'.replace('İ', lowerSameLength('İ')));
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

  it('lets a Korean particle follow a Latin acronym or name directly', () => {
    expect(found('NCG는 SCM에서 RSF의 SMA가 USFK는 IRA는 IPEF와 CHIPS Act의').map(([id, text]) => `${id}:${text}`)).toEqual([
      'ncg:NCG',
      'scm:SCM',
      'rsf:RSF',
      'sma:SMA',
      'usfk:USFK',
      'ira:IRA',
      'ipef:IPEF',
      'chips-act:CHIPS Act',
    ]);
    expect(found('SMAs는')).toEqual([['sma', 'SMAs', 0]]);
    // Latin letters and digits still end no name.
    expect(found('NCGs1 SMAx')).toEqual([]);
  });

  it('matches a Korean name with or without its spaces and middle dots, as one name', () => {
    for (const text of ['한미동맹', '한미 동맹', '한·미 동맹', '한·미동맹'])
      expect(found(`${text}은`)).toEqual([['us-rok-alliance', text, 0]]);
    for (const text of ['방위비분담특별협정', '방위비 분담 특별협정', '방위비분담 특별협정'])
      expect(found(text)).toEqual([['sma', text, 0]]);
    expect(found('한·미·일 협력')).toEqual([['us-rok-japan-trilateral', '한·미·일 협력', 0]]);
    expect(found('인도·태평양 경제 프레임워크 인도태평양 경제 프레임워크').map(([id]) => id)).toEqual(['ipef', 'ipef']);
    // The longer Korean name wins over the shorter one inside it (방위비 분담 is burden sharing).
    expect(found('방위비 분담 특별협정')).toEqual([['sma', '방위비 분담 특별협정', 0]]);
    expect(found('방위비 분담 문제')).toEqual([['burden-sharing', '방위비 분담', 0]]);
  });

  it('matches names that open with a list of countries in every order and with ROK or Korea', () => {
    expect(countryOrders('US-ROK-Japan')).toEqual(
      expect.arrayContaining(['ROK-US-Japan', 'Japan-US-ROK', 'Korea-US-Japan', 'Japan-Korea-US']),
    );
    expect(countryOrders('US-Korea Free Trade Agreement')).toEqual(
      expect.arrayContaining(['Korea-US Free Trade Agreement', 'ROK-US Free Trade Agreement', 'South Korea-US Free Trade Agreement']),
    );
    expect(countryOrders('Special Measures Agreement')).toEqual(['Special Measures Agreement']);
    const text =
      'ROK–U.S.–Japan trilateral cooperation; Japan-U.S.-ROK; U.S.–Japan–ROK; Korea–U.S.–Japan; the Korea–U.S. FTA; the South Korea–U.S. alliance';
    expect(found(text).map(([id, t]) => `${id}:${t}`)).toEqual([
      'us-rok-japan-trilateral:ROK–U.S.–Japan',
      'us-rok-japan-trilateral:Japan-U.S.-ROK',
      'us-rok-japan-trilateral:U.S.–Japan–ROK',
      'us-rok-japan-trilateral:Korea–U.S.–Japan',
      'korus-fta:Korea–U.S. FTA',
      'us-rok-alliance:South Korea–U.S. alliance',
    ]);
    // Other countries' pairs are no alliance name.
    expect(found('the Japan–U.S. alliance and the U.S.–Japan FTA')).toEqual([]);
  });

  it('takes a title with the full name as one mention, and a longer other name hides the alias inside it', () => {
    expect(found('President Yoon Suk Yeol said')).toEqual([['yoon-suk-yeol', 'President Yoon Suk Yeol', 0]]);
    expect(found('President Yoon said')).toEqual([['yoon-suk-yeol', 'President Yoon', 0]]);
    expect(found('Ulchi Freedom Shield, Ulchi-Freedom Shield 24 and 을지 자유의 방패')).toEqual([]);
    expect(found('Freedom Shield 24 and 자유의 방패').map(([id]) => id)).toEqual(['freedom-shield', 'freedom-shield']);
  });

  it('finds the cues inside a longer cue too', () => {
    const cues = matcher.findCues('South Korean officials and the Yoon administration').map((h) => h.cue);
    expect(cues).toEqual(expect.arrayContaining(['south korean', 'korean', 'yoon administration', 'yoon']));
  });

  it('keeps both patterns under 20 KB of source, above which V8 optimises a regular expression less', () => {
    // Measured on 1.6 MB of text: the alias pattern at 35.8K characters scanned 3-4 times slower than at 11.5K
    // (it is now about 6.6K: separators are spaces in the text the patterns run on).
    expect(matcher.compiled.pattern.length).toBeLessThan(20 * 1024);
    expect(matcher.compiled.cuePattern.length).toBeLessThan(20 * 1024);
  });
});
