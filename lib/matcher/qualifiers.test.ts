import { describe, expect, it } from 'vitest';
import type { CompiledQualifiers } from './compile';
import type { Candidate, CueHit } from './matcher';
import { majorityOf, partyHits, qualifierOf, roleOfCue, rolesOf, yearOf } from './qualifiers';

const q: CompiledQualifiers = {
  reach: 'page',
  own: ['korea', 'seoul', '한국'],
  other: ['japan', 'tokyo', 'us-japan'],
  siblings: [{ conceptId: 'sibling', parties: ['canada'] }],
  years: [],
};
const roles = rolesOf(q);

/** The qualifier of `name` in `text`, with the `parties` (as written; their cue is the lower case) marked as cue hits. */
function qualifier(text: string, name: string, parties: string[]) {
  const start = text.indexOf(name);
  const c: Candidate = { start, end: start + name.length, text: name, conceptId: 'x', ambiguous: false, lowerCaseName: false };
  const hits: CueHit[] = parties.map((p) => ({ cue: p.toLowerCase(), start: text.indexOf(p), end: text.indexOf(p) + p.length }));
  return qualifierOf(roles, text, c, hits, 0)?.kind;
}

describe('qualifierOf', () => {
  it('reads a party directly before the name, through a possessive, a second party and modifiers', () => {
    expect(qualifier("Japan's SMA", 'SMA', ['Japan'])).toBe('other');
    expect(qualifier("Japan's new SMA", 'SMA', ['Japan'])).toBe('other');
    expect(qualifier('the Japan–U.S. SMA', 'SMA', ['Japan'])).toBe('other');
    expect(qualifier("Korea's own 2025 SMA", 'SMA', ['Korea'])).toBe('own');
    expect(qualifier("Canada's Strategy", 'Strategy', ['Canada'])).toBe('sibling');
  });

  it('reads a party that publishes the document as its owner', () => {
    expect(qualifier('In 2022 Seoul unveiled a first-ever Strategy', 'Strategy', ['Seoul'])).toBe('own');
    expect(qualifier('Canada has published its Strategy', 'Strategy', ['Canada'])).toBe('sibling');
    expect(qualifier('Japan welcomed the Strategy', 'Strategy', ['Japan'])).toBeUndefined();
    expect(qualifier('한국 정부가 발표한 Strategy', 'Strategy', ['한국'])).toBe('own');
  });

  it('reads a party after the name only through with/between/in/for/of', () => {
    expect(qualifier('the SMA with Japan', 'SMA', ['Japan'])).toBe('other');
    expect(qualifier('the SMA between the United States and Korea', 'SMA', ['Korea'])).toBe('own');
    expect(qualifier('the SMA, Japan said', 'SMA', ['Japan'])).toBeUndefined();
    expect(qualifier('the Strategy released in February 2022 by Canada', 'Strategy', ['Canada'])).toBe('sibling');
    expect(qualifier('the Strategy that the Tokyo cabinet adopted in 2022', 'Strategy', ['Tokyo'])).toBe('other');
    expect(qualifier('the Strategy that the Tokyo press criticised', 'Strategy', ['Tokyo'])).toBeUndefined();
  });

  it('ignores a party that only appears somewhere else in the text', () => {
    expect(qualifier('Japan watched as the SMA was signed', 'SMA', ['Japan'])).toBeUndefined();
    expect(qualifier('Japan, like others, has an SMA', 'SMA', ['Japan'])).toBeUndefined();
  });

  it('resolves "its" to the last party named earlier in the sentence', () => {
    expect(qualifier('Seoul published its Strategy', 'Strategy', ['Seoul'])).toBe('own');
    expect(qualifier('Tokyo renewed its own SMA', 'SMA', ['Tokyo'])).toBe('other');
    expect(qualifier('Officials published its Strategy', 'Strategy', [])).toBeUndefined();
  });
});

describe('majorityOf', () => {
  it('lets the larger side decide, a tie and siblings decide nothing', () => {
    expect(
      majorityOf(roles, [
        ['japan', 2],
        ['korea', 1],
      ])?.kind,
    ).toBe('other');
    expect(
      majorityOf(roles, [
        ['japan', 1],
        ['seoul', 1],
        ['korea', 1],
      ])?.kind,
    ).toBe('own');
    expect(
      majorityOf(roles, [
        ['japan', 1],
        ['korea', 1],
      ]),
    ).toBeUndefined();
    expect(majorityOf(roles, [['canada', 3]])).toBeUndefined();
    // A sense cue written with a possessive counts as its party.
    expect(majorityOf(roles, [["japan's", 1]])?.kind).toBe('other');
  });
});

describe('roleOfCue and partyHits', () => {
  it('reads a cue with or without its possessive, and nothing else', () => {
    expect(roleOfCue(roles, 'japan')?.kind).toBe('other');
    expect(roleOfCue(roles, "japan's")?.kind).toBe('other');
    expect(roleOfCue(roles, "korea'")?.kind).toBe('own');
    expect(roleOfCue(roles, 'japanese')).toBeUndefined();
    expect(roleOfCue(roles, "'s")).toBeUndefined();
  });

  it('keeps the longest party word at a place, and gives the same answer for the same hits and roles', () => {
    const hits: CueHit[] = [
      { cue: 'us-japan', start: 0, end: 8 },
      { cue: 'japan', start: 3, end: 8 },
      { cue: 'alliance', start: 9, end: 17 },
      { cue: "seoul's", start: 20, end: 27 },
    ];
    const parties = partyHits(roles, hits);
    expect(parties.map((h) => h.cue)).toEqual(['us-japan', 'japan', "seoul's"]);
    expect(partyHits(roles, hits)).toBe(parties);
    // Other roles over the same hits are their own answer.
    expect(partyHits(rolesOf({ ...q, own: [], other: [] }), hits).map((h) => h.cue)).toEqual([]);
  });
});

describe('yearOf', () => {
  const year = (text: string, name: string) => {
    const start = text.indexOf(name);
    return yearOf(['2022'], text, { start, end: start + name.length, text: name, conceptId: 'x', ambiguous: false, lowerCaseName: false })
      ?.kind;
  };
  it('reads a year right before or after the name as its edition', () => {
    expect(year('the 2018 National Defense Strategy', 'National Defense Strategy')).toBe('other');
    expect(year('the 2022 National Defense Strategy', 'National Defense Strategy')).toBe('own');
    expect(year('the National Defense Strategy of 2018', 'National Defense Strategy')).toBe('other');
    expect(year('the National Defense Strategy (2018)', 'National Defense Strategy')).toBe('other');
    expect(year('2018년 국가방위전략', '국가방위전략')).toBe('other');
    expect(year('the National Defense Strategy of October 27, 2022', 'National Defense Strategy')).toBe('own');
  });
  it('ignores years that do not qualify the name', () => {
    expect(year('In 2018, the National Defense Strategy', 'National Defense Strategy')).toBeUndefined();
    expect(year('FY2018 National Defense Strategy', 'National Defense Strategy')).toBeUndefined();
    expect(year('the National Defense Strategy, 2018 budget', 'National Defense Strategy')).toBeUndefined();
    expect(year('the 2,018 National Defense Strategy', 'National Defense Strategy')).toBeUndefined();
  });
});
