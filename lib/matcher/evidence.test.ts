/**
 * Pins the decisions of evidence.ts on whole pages given as blocks of text:
 * each class of issue 15 in both directions (the alliance sense highlighted,
 * the other sense not), per mention on pages that use both, in English and Korean.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { compileMatcher } from './compile';
import { createMatcher } from './matcher';
import { PageEvidence, definitionAt } from './evidence';

const matcher = createMatcher(compileMatcher(loadCorpusFromDir('data')));

/** The mentions highlighted in each block of a page ("concept:text"), after every block was read. */
function decide(blocks: string[], title = '', heading = ''): string[][] {
  const evidence = new PageEvidence(matcher, title);
  const analyses = blocks.map((text) => evidence.analyse(text, heading));
  return analyses.map((a) => evidence.accepted(a).map((c) => `${c.conceptId}:${c.text}`));
}
const one = (text: string) => decide([text])[0]!;

describe('the same instrument in another alliance', () => {
  it('is not the alliance concept when its name is qualified by another party', () => {
    expect(one('The U.S.–Japan Special Measures Agreement expires in FY2026.')).toEqual([]);
    expect(one('The Japan–U.S. SMA expires in FY2026, negotiators said.')).toEqual([]);
    expect(one("Japan's new SMA covers the salaries of base workers.")).toEqual([]);
    expect(one('Okinawan leaders want the Japanese SOFA revised after each incident involving troops.')).toEqual([]);
    expect(one("Under USFJ's SOFA, a suspect stays in U.S. custody until indictment.")).toEqual([]);
    expect(one('Washington is renegotiating the SOFA with Japan after protests at the bases.')).toEqual([]);
    expect(one('The U.S.–Philippines Mutual Defense Treaty dates from 1951.')).toEqual([]);
  });

  it('is the alliance concept when the qualifier is Korea', () => {
    expect(one('The U.S.–ROK Special Measures Agreement runs to 2030.')).toContain('sma:Special Measures Agreement');
    expect(one("Korea's SMA covers the salaries of Korean base workers.")).toContain('sma:SMA');
    expect(one('Washington is renegotiating the SOFA with Korea after protests at the bases.')).toContain('sofa:SOFA');
    expect(one('The Korea–U.S. Mutual Defense Treaty dates from 1953.')).toContain('mutual-defense-treaty:Mutual Defense Treaty');
  });

  it('reads the sentence, then the paragraph, then the page, each mention on its own', () => {
    // Sentence: Tokyo against Seoul.
    expect(one('Negotiators in Tokyo want a larger SMA budget. Seoul has not commented.')).toEqual([]);
    expect(one('Negotiators in Seoul want a larger SMA budget. Tokyo has not commented.')).toContain('sma:SMA');
    // Clause first: each side of a semicolon speaks of its own capital.
    expect(one('In Seoul, the SMA is a political issue; in Tokyo, officials note that Japan funds most construction.')).toContain(
      'sma:SMA',
    );
    // North Korea is no party to an SMA: the Korea inside its name does not count for Seoul.
    expect(one('Negotiators in Tokyo discussed the SMA as North Korea fired missiles.')).toEqual([]);
    // Paragraph: the SMA's sentence names no party, its paragraph does.
    expect(one('Host-nation support pays for base workers in Okinawa. The SMA currently in force runs to 2026.')).toEqual([]);
    // Page: a bare mention on a page about Japan, and the same mention on a page about Korea.
    const japan = [
      'Tokyo pays for U.S. bases in Japan through host-nation support and a Special Measures Agreement.',
      'The SMA currently in force runs to 2026.',
    ];
    expect(decide(japan)[1]).toEqual([]);
    const korea = ['Seoul pays for U.S. bases in Korea through a Special Measures Agreement.', 'The SMA currently in force runs to 2030.'];
    expect(decide(korea)[1]).toEqual(['sma:SMA']);
    // One briefing, both alliances: each paragraph gets its own.
    const both = decide([
      'Tokyo and Washington will open talks on the next host-nation support SMA in 2025.',
      'In Seoul, the 12th SMA took effect for USFK this year.',
    ]);
    expect(both[0]).toEqual([]);
    expect(both[1]).toEqual(['sma:SMA', 'usfk:USFK']);
  });
});

describe("another country's document with the same name", () => {
  it("goes to the corpus's sibling concept when Korea qualifies it", () => {
    expect(one("Seoul's Indo-Pacific Strategy names nine lines of effort.")).toEqual(['rok-indo-pacific-strategy:Indo-Pacific Strategy']);
    expect(one("The ROK's own Indo-Pacific strategy is cautious about China.")).toEqual([
      'rok:ROK',
      'rok-indo-pacific-strategy:Indo-Pacific strategy',
    ]);
    expect(one("The Yoon administration's Indo-Pacific Strategy came out in December 2022.")).toEqual([
      'rok-indo-pacific-strategy:Indo-Pacific Strategy',
    ]);
    expect(one('In 2022 the Yoon administration published its Indo-Pacific Strategy.')).toEqual([
      'rok-indo-pacific-strategy:Indo-Pacific Strategy',
    ]);
    expect(one('In December 2022 South Korea unveiled an Indo-Pacific Strategy of nine lines of effort.')).toEqual([
      'rok-indo-pacific-strategy:Indo-Pacific Strategy',
    ]);
    expect(one('Seoul released its long-awaited Indo-Pacific strategy in December.')).toEqual([
      'rok-indo-pacific-strategy:Indo-Pacific strategy',
    ]);
    expect(one('한국의 인도태평양 전략은 아홉 가지 과제를 담았다.')).toEqual(['rok-indo-pacific-strategy:인도태평양 전략']);
    expect(one('정부는 한국판 인태전략을 발표했다.')).toEqual(['rok-indo-pacific-strategy:인태전략']);
    expect(one('윤석열 정부의 독자적인 인도·태평양 전략이 나왔다.')).toEqual([
      'yoon-suk-yeol:윤석열',
      'rok-indo-pacific-strategy:인도·태평양 전략',
    ]);
    expect(one('미국의 인도태평양 전략은 2022년에 나왔다.')).toEqual(['us-indo-pacific-strategy:인도태평양 전략']);
  });

  it('is not the alliance concept when another country qualifies it, and is when no one or the US does', () => {
    expect(one("Canada's Indo-Pacific Strategy came out in November 2022.")).toEqual([]);
    expect(one("The European Union's Indo-Pacific strategy dates from 2021.")).toEqual([]);
    expect(one("Japan's National Defense Strategy doubled its budget target.")).toEqual([]);
    expect(one('일본의 인도태평양 전략은 자유롭고 열린 인도태평양을 내세운다.')).toEqual([]);
    expect(one("The White House's Indo-Pacific Strategy treats China as the pacing challenge.")).toContain(
      'us-indo-pacific-strategy:Indo-Pacific Strategy',
    );
    // A strategy is its author's: other countries named in the sentence do not make it theirs.
    expect(one('Japan and Australia welcomed the Indo-Pacific Strategy released in February 2022.')).toEqual([
      'us-indo-pacific-strategy:Indo-Pacific Strategy',
    ]);
    expect(one('The 2022 National Defense Strategy calls China the pacing challenge.')).toEqual([
      'nds-2022:National Defense Strategy',
      'pacing-challenge:pacing challenge',
    ]);
  });

  it('is another edition of a one-off document when another year qualifies it', () => {
    expect(one('The 2018 National Defense Strategy first named great-power competition.')).toEqual([]);
    expect(one('The 2022 National Defense Strategy names China the pacing challenge.')).toContain('nds-2022:National Defense Strategy');
    expect(one('Israel and Jordan signed the 1994 Washington Declaration at the White House.')).toEqual([]);
    expect(one('Yoon and Biden signed the 2023 Washington Declaration on extended deterrence.')).toContain(
      'washington-declaration:Washington Declaration',
    );
    expect(one('The 1978 Camp David summit produced the Camp David Accords.')).toEqual([]);
    expect(one('The Philippines relies on the 1951 Mutual Defense Treaty.')).toEqual([]);
    expect(one('1994년 워싱턴 선언은 이스라엘과 요르단의 전쟁 상태를 끝냈다.')).toEqual([]);
    expect(one('2023년 워싱턴 선언으로 핵협의그룹이 출범했다.')).toEqual(['washington-declaration:워싱턴 선언', 'ncg:핵협의그룹']);
    // Per mention, in one sentence: the year of each decides, whatever the other's cues.
    expect(
      one('The 1978 Camp David summit produced the Camp David Accords, while the 2023 Camp David summit began a trilateral era.'),
    ).toEqual(['camp-david-summit:Camp David summit']);
  });

  it("keeps another country's law of a similar name apart", () => {
    expect(one('Seoul passed the K-CHIPS Act to match U.S. subsidies.')).toEqual([]);
    expect(one('국회는 K-칩스법을 통과시켰다.')).toEqual([]);
    expect(one("Korea's CHIPS Act gives tax credits to chipmakers.")).toEqual([]);
    expect(one('Samsung applied for grants under the CHIPS Act in Texas.')).toEqual(['chips-act:CHIPS Act']);
    expect(one('삼성전자는 미국 칩스법의 보조금을 신청했다.')).toEqual(['chips-act:칩스법']);
    expect(one("China's export controls on gallium hit chipmakers.")).toEqual([]);
    expect(one('Beijing imposed export controls on graphite in 2023.')).toEqual([]);
    expect(one('중국의 수출통제는 배터리 업계에 부담이다.')).toEqual([]);
    expect(one('Washington tightened export controls on advanced chips to China.')).toEqual(['export-controls:export controls']);
  });

  it('applies to Korean names of bilateral instruments', () => {
    expect(one('미일 방위비분담특별협정은 2027년에 만료된다.')).toEqual([]);
    expect(one('일본의 방위비 분담 특별협정은 2027년에 만료된다.')).toEqual([]);
    expect(one('한미 방위비분담특별협정은 2026년부터 적용된다.')).toEqual(['sma:방위비분담특별협정']);
  });
});

describe('per-mention decisions on a page that uses both senses', () => {
  it('keeps a definition of the alliance sense from switching on another sense elsewhere', () => {
    const page = decide([
      'The Inflation Reduction Act (IRA) offers tax credits for batteries made in North America.',
      'Korean firms say the IRA rewards their plants in Georgia.',
      'Open a Roth IRA with no account fees.',
      'Under the IRA, battery makers get credits through 2032.',
    ]);
    expect(page[0]).toEqual(['ira:Inflation Reduction Act', 'ira:IRA']);
    expect(page[1]).toContain('ira:IRA');
    expect(page[2]).toEqual([]);
    // A block with no cue of its own follows the page's definition.
    expect(page[3]).toEqual(['ira:IRA']);
    // A block that speaks of retirement only is not overruled by the definition and cues elsewhere.
    const ad = decide([
      'The Inflation Reduction Act (IRA) offers tax credits for batteries made in North America.',
      'Korean firms say the IRA rewards their plants in Georgia.',
      'Retirement planning made simple. Open an IRA today.',
    ]);
    expect(ad[2]).toEqual([]);
  });

  it('reads Korean cues once they are in the data, with the same scoping', () => {
    const corpus = loadCorpusFromDir('data');
    const ira = corpus.concepts.find((c) => c.id === 'ira')!;
    const d = ira.disambiguation!;
    ira.disambiguation = { ...d, cuesFor: [...d.cuesFor, '세액공제', '배터리'], cuesAgainst: [...d.cuesAgainst, '퇴직연금', '로스'] };
    const korean = createMatcher(compileMatcher(corpus));
    const evidence = new PageEvidence(korean, '');
    const blocks = [
      '인플레이션 감축법(IRA)은 북미에서 만든 배터리에 세액공제를 준다.',
      '로스 IRA 계좌로 퇴직연금을 준비하세요.',
      '한국 기업들은 IRA에 맞춰 조지아에 공장을 지었다.',
    ].map((text) => evidence.analyse(text, ''));
    expect(blocks.map((b) => evidence.accepted(b).map((c) => c.text))).toEqual([['인플레이션 감축법', 'IRA'], [], ['IRA']]);
    // The ad's cues do not switch off the definition in its own paragraph either, cues in Korean or not.
    const bare = new PageEvidence(createMatcher(compileMatcher(loadCorpusFromDir('data'))), '');
    const page = ['인플레이션 감축법(IRA)은 2022년에 제정되었다.', 'Roth IRA 계좌를 개설하세요. 401(k) 이전도 가능합니다.'].map((text) =>
      bare.analyse(text, ''),
    );
    expect(page.map((b) => bare.accepted(b).map((c) => c.text))).toEqual([['인플레이션 감축법', 'IRA'], []]);
  });

  it('reads a definition in Korean', () => {
    const rsf = matcher.findCandidates('국경없는기자회(RSF)는 언론 자유 지수를 발표했다.')[0]!;
    expect(definitionAt('국경없는기자회(RSF)는 언론 자유 지수를 발표했다.', rsf, matcher.compiled.cues.rsf!.names)).toBe('other');
    const ira = matcher.findCandidates('인플레이션 감축법(IRA)은 보조금을 준다.').find((c) => c.text === 'IRA')!;
    expect(definitionAt('인플레이션 감축법(IRA)은 보조금을 준다.', ira, matcher.compiled.cues.ira!.names)).toBe('alliance');
    // The Korean word for the Republic of Korea in the same paragraph does not make Reporters Without Borders the RSF.
    expect(one('국경없는기자회(RSF)는 대한민국의 언론 자유 지수를 발표했다.')).toEqual(['rok:대한민국']);
    expect(one('미 국방부의 Regional Sustainment Framework (RSF)는 한국 조선소를 활용한다.')).toEqual([
      'rsf:Regional Sustainment Framework',
      'rsf:RSF',
    ]);
  });
});
