/** Korean matching rules: particles, spacing and middle dots, word starts, not-names and Korean evidence. */
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from './compile';
import { createMatcher } from './matcher';
import { PageEvidence } from './evidence';

const matcher = createMatcher(compileMatcher(loadCorpusFromDir('data')));
const found = (text: string) => matcher.findCandidates(text).map((c) => [c.conceptId, c.text]);

/** The mentions a one-paragraph page would highlight. */
function highlighted(text: string, title = '') {
  const evidence = new PageEvidence(matcher, title);
  const block = evidence.analyse(text, '');
  return evidence.accepted(block).map((c) => [c.conceptId, c.text]);
}

describe('Korean names', () => {
  it('take particles, on Korean names and on Latin acronyms alike', () => {
    expect(found('핵협의그룹은 워싱턴 선언을 근거로 한다')).toEqual([
      ['ncg', '핵협의그룹'],
      ['washington-declaration', '워싱턴 선언'],
    ]);
    expect(found('NCG는 SCM에서 RSF의 MRO를 논의')).toEqual([
      ['ncg', 'NCG'],
      ['scm', 'SCM'],
      ['rsf', 'RSF'],
      ['mro', 'MRO'],
    ]);
  });

  it('match with or without spaces and middle dots', () => {
    for (const text of ['방위비분담특별협정', '방위비 분담 특별협정', '방위비분담 특별협정'])
      expect(found(`${text}이`)).toEqual([['sma', text]]);
    for (const text of ['한미동맹', '한미 동맹', '한·미 동맹', '한ㆍ미동맹']) expect(found(text)).toEqual([['us-rok-alliance', text]]);
    expect(found('유지·보수·정비(MRO)')).toEqual([
      ['mro', '유지·보수·정비'],
      ['mro', 'MRO'],
    ]);
    expect(found('한·미·일 정상')).toEqual([['us-rok-japan-trilateral', '한·미·일']]);
  });

  it('do not match across a space that leaves one syllable glued to the next word', () => {
    expect(found('한미 일정을 조율했다')).toEqual([]);
    expect(found('한·미·일은 한·미·일과의 협력')).toEqual([
      ['us-rok-japan-trilateral', '한·미·일'],
      ['us-rok-japan-trilateral', '한·미·일'],
    ]);
    expect(found('확장 억제력을')).toEqual([['extended-deterrence', '확장 억제']]);
  });

  it('prefer the longest name', () => {
    expect(found('한미 핵협의그룹')).toEqual([['ncg', '한미 핵협의그룹']]);
    expect(found('유지·보수·정비')).toEqual([['mro', '유지·보수·정비']]);
    expect(highlighted('한국의 인도·태평양 전략은 아홉 가지 과제를 담았다.')).toEqual([['rok-indo-pacific-strategy', '인도·태평양 전략']]);
  });

  it('start a word: not inside a longer Hangul word or after a Latin prefix', () => {
    expect(found('남북한 관계')).toEqual([]);
    expect(found('K-칩스법 개정안')).toEqual([]);
    expect(found('북한은 미사일을')).toEqual([['dprk', '북한']]);
  });

  it('skip longer names that mean something else', () => {
    expect(found('북한산에 올랐다. 북한강 변')).toEqual([]);
    expect(found('한국판 칩스법과 유럽 칩스법')).toEqual([]);
    expect(found('을지 자유의 방패 연습')).toEqual([]);
    expect(found('미국 칩스법')).toEqual([['chips-act', '칩스법']]);
  });
});

describe('Korean evidence', () => {
  it("reads whose document it is from the sentence's subject when the verb comes last", () => {
    expect(highlighted('일본 정부는 2022년 12월 국가안보전략과 함께 새 국가방위전략을 발표했다.')).toEqual([]);
    expect(highlighted('미국은 2022년 10월 통합억제를 담은 국가방위전략을 발표했다.')).toEqual([
      ['integrated-deterrence', '통합억제'],
      ['nds-2022', '국가방위전략'],
    ]);
  });

  it("tells a country's own version of a law from the US one (대만판 칩스법)", () => {
    expect(highlighted('대만 정부도 대만판 칩스법을 개정했다.')).toEqual([]);
    expect(highlighted('미국 칩스법 보조금을 받으려면 조건을 지켜야 한다.')).toEqual([['chips-act', '칩스법']]);
  });

  it('tells the 2023 Washington Declaration from the 1994 one', () => {
    expect(highlighted('2023년 4월 윤석열 대통령과 바이든 대통령은 워싱턴 선언을 채택해 핵협의그룹을 만들었다.')).toContainEqual([
      'washington-declaration',
      '워싱턴 선언',
    ]);
    expect(highlighted('1994년 요르단의 후세인 국왕과 이스라엘의 라빈 총리는 워싱턴 선언에 서명했다.')).toEqual([]);
  });

  it('tells the US-ROK special agreement from the US-Japan one', () => {
    expect(highlighted('한미 양국은 주한미군 주둔 비용을 정하는 방위비 분담 특별협정에 서명했다.')).toContainEqual([
      'sma',
      '방위비 분담 특별협정',
    ]);
    expect(highlighted('일본 정부는 주일미군 경비를 두고 미국과 방위비 분담 특별협정을 연장했다.')).not.toContainEqual([
      'sma',
      '방위비 분담 특별협정',
    ]);
  });

  it("tells US export controls from China's", () => {
    expect(highlighted('미 상무부는 첨단 반도체 장비의 수출통제를 강화했다.')).toEqual([['export-controls', '수출통제']]);
    expect(highlighted('중국 상무부는 갈륨과 게르마늄 수출통제를 발표했다.')).toEqual([]);
    expect(highlighted('중국의 수출통제가 강화되었다.')).toEqual([]);
  });

  it('reads a Korean definition of an acronym', () => {
    expect(highlighted('파리에 본부를 둔 국경없는기자회(RSF)는 언론자유지수를 발표했다.')).toEqual([]);
    expect(highlighted('미 국방부는 지역 유지 프레임워크(RSF)를 공개했다.')).toEqual([
      ['rsf', '지역 유지 프레임워크'],
      ['rsf', 'RSF'],
    ]);
    expect(highlighted('로스 IRA는 개인퇴직계좌로, 노후 자금을 모은다.')).toEqual([]);
    // Beside a word that is not an acronym, Korean in parentheses is its translation.
    expect(highlighted('미국은 인도·태평양의 동맹국을 잇는 격자형 구조(latticework)를 만들려 한다.')).toEqual([
      ['latticework', 'latticework'],
    ]);
  });
});
