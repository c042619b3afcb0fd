/**
 * Whose instrument a name is, from the party words around it (data/parties.json,
 * referenced by each concept's qualifiers in data/disambiguation.json): "the
 * U.S.–Japan Special Measures Agreement" is not the US–ROK one, "Seoul's
 * Indo-Pacific Strategy" is Korea's strategy, not the US one. Pure functions
 * over a block's text and its cue hits.
 */
import type { CompiledQualifiers } from './compile';
import type { Candidate, CueHit } from './matcher';

export type Owner = { kind: 'own' } | { kind: 'other' } | { kind: 'sibling'; conceptId: string };

/** Party cue key → the role it gives the name, for one concept. */
export type Roles = Map<string, Owner>;

export function rolesOf(q: CompiledQualifiers): Roles {
  const roles: Roles = new Map();
  for (const key of q.own) roles.set(key, { kind: 'own' });
  for (const s of q.siblings) for (const key of s.parties) roles.set(key, { kind: 'sibling', conceptId: s.conceptId });
  // Another party's word is decisive, also when a group repeats it.
  for (const key of q.other) roles.set(key, { kind: 'other' });
  return roles;
}

/** A cue's role; a cue listed with its possessive ("Japan's", a sense cue elsewhere) counts as the party. */
export function roleOfCue(roles: Roles, cue: string): Owner | undefined {
  // Called for every cue near every qualified mention: a plain lookup first, the possessive stripped only when there is one.
  const role = roles.get(cue);
  if (role || (!cue.endsWith("'") && !cue.endsWith("'s"))) return role;
  return roles.get(cue.slice(0, cue.endsWith("'s") ? -2 : -1));
}

/** Cue hits (a block's, never changed once found) → concept roles → the party words among them. */
const partyHitsOf = new WeakMap<CueHit[], WeakMap<Roles, CueHit[]>>();

/**
 * The party words among cue hits. The longest cue at a place decides: "U.S.–Japan"
 * is one party word, not also "Japan"; "North Korea" is no party word, not "Korea".
 */
export function partyHits(roles: Roles, hits: CueHit[]): CueHit[] {
  // A block's cue hits are read once per qualified mention in it: found once per block and concept roles.
  let byRoles = partyHitsOf.get(hits);
  if (!byRoles) partyHitsOf.set(hits, (byRoles = new WeakMap()));
  const known = byRoles.get(roles);
  if (known) return known;
  const out: CueHit[] = [];
  let lastStart = -1;
  for (const h of hits) {
    if (h.start === lastStart) continue;
    lastStart = h.start;
    if (roleOfCue(roles, h.cue)) out.push(h);
  }
  byRoles.set(roles, out);
  return out;
}

/**
 * What may stand between a qualifying party and the name: a possessive ('s, the
 * Korean 의, 판, 형), the United States as second party ("Japan–U.S. SMA") and a few
 * modifiers ("Japan's new SMA", "the ROK's own strategy").
 */
const MODIFIER =
  '(?:own|new|current|latest|first|first-ever|second|third|next|previous|revised|updated|proposed|draft|original|separate|bilateral|' +
  'recent|long-awaited|inaugural|landmark|official|formal|national|regional|comprehensive|[a-z]+-year|\\d{4}|\\d+(?:st|nd|rd|th)|' +
  '독자적인|독자|자체|자체적인|새로운|새|첫|최초의|현행|차기)';
const GAP = '[\\s\\u00a0\\-\\u2010-\\u2014]';
const US_SECOND = `(?:${GAP}+(?:U\\.S\\.|US|United States|America)(?![\\w.]))?`;
const MODIFIERS = `(?:${GAP}+${MODIFIER}(?=${GAP}))*`;
// Korean 판/형 make a country's own version of a name (대만판 칩스법, 한국형 칩스법).
const BEFORE = new RegExp(`^(?:['’]s?|의|판|형)?${US_SECOND}${MODIFIERS}${GAP}*$`, 'i');
const AUTHOR_VERB = '(?:unveil|publish|releas|adopt|announc|issu|launch|draft|present|introduc|impos|enact|tighten|expand)';
/** The party as author: "Seoul unveiled an Indo-Pacific Strategy", "한국 정부가 발표한 인도태평양 전략". */
const AUTHORED = new RegExp(
  `^[\\s\\u00a0]+(?:has[\\s\\u00a0]+|have[\\s\\u00a0]+|had[\\s\\u00a0]+)?` +
    `${AUTHOR_VERB}(?:e|es|ed|s|ing)?` +
    `(?:[\\s\\u00a0]+(?:a|an|its|their|the))?${MODIFIERS}${GAP}+$` +
    `|^[\\s\\u00a0]*(?:정부)?[가이은는]?[\\s\\u00a0]*(?:발표한|공개한|내놓은|채택한|수립한|마련한)[\\s\\u00a0]*$`,
  'i',
);
/** "the SOFA with Japan", "the SMA between the United States and Korea". */
const AFTER =
  /^(?:['’]s)?[\s\u00a0]+(?:with|between|in|for|of|covering)[\s\u00a0]+(?:the[\s\u00a0]+)?(?:(?:United States|U\.S\.|US|Washington|America)[\s\u00a0]+and[\s\u00a0]+(?:the[\s\u00a0]+)?)?$/i;
/** "the strategy released by the White House", "the strategy that the Kishida cabinet adopted". */
const AFTER_BY = new RegExp(
  `^[\\s\\u00a0]+(?:(?:was|were)[\\s\\u00a0]+)?${AUTHOR_VERB}ed[\\s\\u00a0]+(?:in[\\s\\u00a0]+\\w+(?:[\\s\\u00a0]+\\d{4})?[\\s\\u00a0]+)?by[\\s\\u00a0]+(?:the[\\s\\u00a0]+)?$`,
  'i',
);
const AFTER_THAT = /^[\s\u00a0]+(?:that|which)[\s\u00a0]+(?:the[\s\u00a0]+)?$/i;
const THEN_AUTHORED = new RegExp(`^(?:[\\s\\u00a0]+[\\w'’-]+){0,2}[\\s\\u00a0]+(?:has[\\s\\u00a0]+|had[\\s\\u00a0]+)?${AUTHOR_VERB}`, 'i');

/** "published its Indo-Pacific Strategy": the party is the sentence's, named earlier. */
const PRONOUN = new RegExp(`(?:^|[\\s\\u00a0])(?:its|their)${MODIFIERS}${GAP}+$`, 'i');

/** A year right before the name ("the 2018 National Defense Strategy", "2018년 국가방위전략")… */
const YEAR_BEFORE = new RegExp(`(?:^|[^\\w.,])((?:19|20)\\d{2})년?(?:['’]s)?${MODIFIERS}${GAP}+$`);
/** …or right after it ("the Washington Declaration of 1994", "(1994)"). */
const YEAR_AFTER =
  /^[\s\u00a0]*(?:\(|of[\s\u00a0]+)(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)[\s\u00a0]+(?:\d{1,2},?[\s\u00a0]+)?)?((?:19|20)\d{2})(?!\d)/;

/** Whether a year qualifies the name as another edition of a one-off document: undefined when no year does. */
export function yearOf(years: string[], text: string, c: Candidate): Owner | undefined {
  if (!years.length) return undefined;
  const year = YEAR_BEFORE.exec(text.slice(Math.max(0, c.start - 60), c.start))?.[1] ?? YEAR_AFTER.exec(text.slice(c.end, c.end + 20))?.[1];
  if (!year) return undefined;
  return years.includes(year) ? { kind: 'own' } : { kind: 'other' };
}

/**
 * The party that qualifies the name directly, if any: the nearest party word
 * before it (through a possessive and modifiers, or as its author), or after it ("with
 * Japan", "released by the White House", "that the Kishida cabinet adopted"),
 * or, after "its"/"their", the last party named earlier in the sentence.
 */
/**
 * Korean puts the verb last: "일본 정부는 … 새 국가방위전략을 발표했다" — the name is the object of a verb of
 * publishing, and the party marked as the sentence's subject or topic is its author.
 */
const KOREAN_PUBLISHED_OBJECT = /^[을를][\s\u00a0]*(?:발표|공개|채택|수립|내놓|마련|공표)/;
const KOREAN_SUBJECT = /^(?:[\s\u00a0]*정부)?[은는이가](?![\uac00-\ud7af])/;

export function qualifierOf(roles: Roles, text: string, c: Candidate, hits: CueHit[], sentenceStart: number): Owner | undefined {
  const parties = partyHits(roles, hits).filter((h) => h.end <= c.start || h.start >= c.end);
  const before = parties.filter((h) => h.end <= c.start).at(-1);
  if (before) {
    const gap = text.slice(before.end, c.start);
    if (BEFORE.test(gap) || AUTHORED.test(gap)) return roleOfCue(roles, before.cue);
  }
  const after = parties.find((h) => h.start >= c.end);
  if (after) {
    const gap = text.slice(c.end, after.start);
    const authored = AFTER_THAT.test(gap) && THEN_AUTHORED.test(text.slice(after.end, after.end + 60));
    if (AFTER.test(gap) || AFTER_BY.test(gap) || authored) return roleOfCue(roles, after.cue);
  }
  if (KOREAN_PUBLISHED_OBJECT.test(text.slice(c.end))) {
    const subject = parties.find((h) => h.start >= sentenceStart && h.end <= c.start && KOREAN_SUBJECT.test(text.slice(h.end)));
    if (subject) return roleOfCue(roles, subject.cue);
  }
  const pronoun = PRONOUN.exec(text.slice(sentenceStart, c.start));
  if (pronoun) {
    const at = sentenceStart + pronoun.index;
    const earlier = parties.filter((h) => h.start >= sentenceStart && h.end <= at).at(-1);
    if (earlier) return roleOfCue(roles, earlier.cue);
  }
  return undefined;
}

/**
 * Own against other parties in a stretch of text, by occurrences (party cue
 * key → how many): the larger side decides, a tie decides nothing. Siblings do
 * not count: a sibling is only ever chosen by a qualifier.
 */
export function majorityOf(roles: Roles, counts: Iterable<[string, number]>): Owner | undefined {
  let own = 0;
  let other = 0;
  for (const [cue, n] of counts) {
    const role = roleOfCue(roles, cue);
    if (role?.kind === 'own') own += n;
    else if (role?.kind === 'other') other += n;
  }
  if (own > other) return { kind: 'own' };
  if (other > own) return { kind: 'other' };
  return undefined;
}
