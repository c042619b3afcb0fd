/**
 * Decides, per mention, whether a name means the alliance concept: for an
 * ambiguous alias ("SMA", "RSF", "Washington Declaration") from evidence on the
 * page — cue words in its sentence, paragraph, section heading and the page
 * title, other alliance concepts nearby, and local definitions such as "simple
 * moving average (SMA)"; for a name another party may own ("Special Measures
 * Agreement", "Indo-Pacific Strategy") from the party that qualifies it, else the
 * parties named in its sentence, paragraph, section and page, nearest first.
 * Pure and incremental: blocks of text can be added and removed as the page changes.
 */
import type { Candidate, CueHit, Matcher } from './matcher';
import { HANGUL_CLASS, aliasKey } from '../text/normalise';
import { majorityOf, partyHits, qualifierOf, roleOfCue, rolesOf, yearOf, type Owner, type Roles } from './qualifiers';

/** One block of text (a paragraph, list item, cell, heading…) after matching. */
export interface BlockAnalysis {
  text: string;
  /** The section the block belongs to (its heading's text). */
  section: string;
  candidates: Candidate[];
  cues: CueHit[];
  /** Cue keys found in the block's section heading. */
  headingCues: Set<string>;
  /** Local definitions of acronyms in this block: concept id → which sense they define. */
  definitions: { conceptId: string; sense: 'alliance' | 'other' }[];
}

const WEIGHTS = {
  /** "Inflation Reduction Act (IRA)" in the mention's own block… */
  definitionAlliance: 6,
  /** …or elsewhere on the page: a hint only, so it does not switch on a Roth IRA ad. */
  definitionAllianceElsewhere: 4,
  definitionOther: -10,
  sentenceFor: 3,
  sentenceAgainst: -5,
  blockFor: 2,
  blockAgainst: -3,
  headingFor: 1,
  headingAgainst: -2,
  sectionFor: 1,
  sectionAgainst: -2,
  pageFor: 1,
  pageAgainst: -1,
  conceptInBlock: 2,
  conceptsOnPage: 1,
  lowerCaseName: -4,
  /** A mention must earn at least this much support to be highlighted. */
  threshold: 2,
};

const HANGUL = new RegExp(HANGUL_CLASS);

const FUNCTION_WORDS = new Set(['of', 'and', 'for', 'the', 'on', 'to', 'in', 'de', 'sans', 'without', '&', 'a', 'an']);

/** Distinct cues of `list` among `keys`, counted up to `cap`. */
function countDistinct(keys: Iterable<string>, list: Set<string>, cap = 2): number {
  let n = 0;
  const seen = new Set<string>();
  for (const k of keys) {
    if (list.has(k) && !seen.has(k)) {
      seen.add(k);
      if (++n >= cap) break;
    }
  }
  return n;
}

function sentenceBounds(text: string, start: number, end: number, clause = false): [number, number] {
  const from = Math.max(0, start - 200);
  const before = text.slice(from, start);
  const stops = clause ? ['. ', '! ', '? ', '\n', '; '] : ['. ', '! ', '? ', '\n'];
  const stop = Math.max(...stops.map((s) => before.lastIndexOf(s)));
  const after = text.slice(end, end + 200);
  const next = after.search(clause ? /[.!?;](\s|$)|\n/ : /[.!?](\s|$)|\n/);
  return [stop < 0 ? from : from + stop + 1, next < 0 ? end + after.length : end + next + 1];
}

const initials = (words: string[]) =>
  words
    .filter((w) => !FUNCTION_WORDS.has(w.toLowerCase()))
    .map((w) => w[0]!.toLowerCase())
    .join('');

/**
 * "Full Name (ACR)" or "ACR (Full Name)": which sense does the page define
 * the acronym as? Undefined when the candidate is not part of a definition.
 */
export function definitionAt(text: string, c: Candidate, names: string[]): 'alliance' | 'other' | undefined {
  const acronym = c.text.replace(/e?s$/, '').toLowerCase();
  // Beside a word that is not an acronym, Korean in parentheses is a translation ("격자형 구조(latticework)"), not a definition.
  const isAcronym = /^[A-Z][A-Z0-9&]+(?:e?s)?$/.test(c.text);
  const fullNames = names.filter((n) => n !== acronym);
  const isName = (phrase: string) => {
    const key = aliasKey(phrase);
    // Korean names have no space before them: particles and modifiers attach ("한미핵협의그룹").
    return fullNames.some((n) => key === n || key.endsWith(` ${n}`) || (HANGUL.test(n) && key.endsWith(n)));
  };
  // "Full Name (ACR)"
  const before = text.slice(Math.max(0, c.start - 120), c.start);
  const after = text.slice(c.end, c.end + 120);
  if (/\(\s*$/.test(before) && /^\s*\)/.test(after)) {
    const words = before
      .replace(/\(\s*$/, '')
      .trim()
      .split(/\s+/)
      .slice(-8)
      .map((w) => w.replace(/[,;:"“”]/g, ''));
    for (let n = 1; n <= words.length; n++) {
      const phrase = words.slice(-n);
      if (isName(phrase.join(' '))) return 'alliance';
    }
    for (let n = 2; n <= words.length; n++) {
      const phrase = words.slice(-n);
      if (initials(phrase) === acronym) return 'other';
    }
    const capitalised = [];
    for (const w of [...words].reverse()) {
      if (/^\p{Lu}/u.test(w) || FUNCTION_WORDS.has(w.toLowerCase())) capitalised.unshift(w);
      else break;
    }
    while (capitalised.length && FUNCTION_WORDS.has(capitalised[0]!.toLowerCase())) capitalised.shift();
    if (capitalised.length >= 2) return 'other';
    // A Korean name that is none of the concept's ("국경없는기자회(RSF)") defines another sense.
    if (isAcronym && HANGUL.test(words.at(-1) ?? '')) return 'other';
    return undefined;
  }
  // "ACR (Full Name)"
  const inner = /^\s*\(([^()]{3,100})\)/.exec(after)?.[1];
  if (inner && /\p{L}{2,}/u.test(inner) && !/^\s*\d/.test(inner)) {
    if (isName(inner) || fullNames.some((n) => aliasKey(inner).includes(n))) return 'alliance';
    const words = inner.trim().split(/\s+/);
    if (words.length >= 2 || (isAcronym && HANGUL.test(inner))) return 'other';
  }
  return undefined;
}

export class PageEvidence {
  private readonly cueCounts = new Map<string, number>();
  private readonly sectionCueCounts = new Map<string, Map<string, number>>();
  private readonly conceptCounts = new Map<string, number>();
  private readonly definitionCounts = new Map<string, { alliance: number; other: number }>();
  private readonly titleCues: Set<string>;
  private readonly cueSets: Map<string, { for: Set<string>; against: Set<string>; names: string[] }>;
  private readonly roles: Map<string, { reach: 'phrase' | 'page'; roles: Roles; years: string[] }>;

  constructor(
    private readonly matcher: Matcher,
    title: string,
  ) {
    this.titleCues = new Set(matcher.findCues(title).map((c) => c.cue));
    this.cueSets = new Map(
      Object.entries(matcher.compiled.cues).map(([id, c]) => [id, { for: new Set(c.for), against: new Set(c.against), names: c.names }]),
    );
    this.roles = new Map(
      Object.entries(matcher.compiled.qualifiers).map(([id, q]) => [id, { reach: q.reach, roles: rolesOf(q), years: q.years }]),
    );
  }

  /** Matches one block of text and records what it contributes to the page's evidence. */
  analyse(text: string, heading: string): BlockAnalysis {
    const candidates = this.matcher.findCandidates(text);
    const hasAmbiguous = candidates.some((c) => c.ambiguous);
    // Text that names no concept at all is not read for cues: on long pages most of it is filler.
    const cues = candidates.length ? this.matcher.findCues(text) : [];
    const block: BlockAnalysis = {
      text,
      section: heading,
      candidates,
      cues,
      headingCues: hasAmbiguous && heading ? new Set(this.matcher.findCues(heading).map((c) => c.cue)) : new Set(),
      definitions: [],
    };
    for (const c of candidates) {
      if (!c.ambiguous) continue;
      const sense = definitionAt(text, c, this.cueSets.get(c.conceptId)?.names ?? []);
      if (sense) block.definitions.push({ conceptId: c.conceptId, sense });
    }
    this.add(block, 1);
    return block;
  }

  /** Forgets a block that left the page (or is about to be analysed again). */
  forget(block: BlockAnalysis) {
    this.add(block, -1);
  }

  private add(block: BlockAnalysis, sign: 1 | -1) {
    const section = this.sectionCueCounts.get(block.section) ?? new Map<string, number>();
    this.sectionCueCounts.set(block.section, section);
    for (const cue of new Set(block.cues.map((c) => c.cue))) {
      this.cueCounts.set(cue, (this.cueCounts.get(cue) ?? 0) + sign);
      section.set(cue, (section.get(cue) ?? 0) + sign);
    }
    for (const c of block.candidates)
      if (!c.ambiguous) this.conceptCounts.set(c.conceptId, (this.conceptCounts.get(c.conceptId) ?? 0) + sign);
    for (const d of block.definitions) {
      const counts = this.definitionCounts.get(d.conceptId) ?? { alliance: 0, other: 0 };
      counts[d.sense] += sign;
      this.definitionCounts.set(d.conceptId, counts);
    }
  }

  private pageCues(list: Set<string>): number {
    let n = 0;
    for (const cue of list) if ((this.cueCounts.get(cue) ?? 0) > 0 || this.titleCues.has(cue)) n++;
    return n;
  }

  private sectionCues(section: string, list: Set<string>): number {
    const counts = this.sectionCueCounts.get(section);
    let n = 0;
    if (counts) for (const cue of list) if ((counts.get(cue) ?? 0) > 0) n++;
    return n;
  }

  private otherConceptsOnPage(except: string): number {
    let n = 0;
    for (const [id, count] of this.conceptCounts) if (count > 0 && id !== except) n++;
    return n;
  }

  /** The support for reading `c` in its alliance sense; highlighted when at least the threshold. */
  score(block: BlockAnalysis, c: Candidate): number {
    const cues = this.cueSets.get(c.conceptId);
    if (!cues) return WEIGHTS.threshold;
    // Near: the mention's sentence and block. Far: its heading, section, the page.
    let near = 0;
    let far = 0;
    const defs = this.definitionCounts.get(c.conceptId);
    const definedHere = block.definitions.some((d) => d.conceptId === c.conceptId && d.sense === 'alliance');
    if (definedHere) near += WEIGHTS.definitionAlliance;
    else if (defs?.alliance) far += WEIGHTS.definitionAllianceElsewhere;
    if (defs?.other) far += WEIGHTS.definitionOther;
    const [from, to] = sentenceBounds(block.text, c.start, c.end);
    const inSentence = block.cues
      .filter((h) => h.start >= from && h.start < to && (h.start < c.start || h.start >= c.end))
      .map((h) => h.cue);
    const inBlock = block.cues.filter((h) => h.start < c.start || h.start >= c.end).map((h) => h.cue);
    const blockFor = countDistinct(inBlock, cues.for);
    const blockAgainst = countDistinct(inBlock, cues.against);
    near += WEIGHTS.sentenceFor * countDistinct(inSentence, cues.for) + WEIGHTS.sentenceAgainst * countDistinct(inSentence, cues.against);
    near += WEIGHTS.blockFor * blockFor + WEIGHTS.blockAgainst * blockAgainst;
    const conceptNear = block.candidates.some((o) => !o.ambiguous && o.conceptId !== c.conceptId);
    if (conceptNear) near += WEIGHTS.conceptInBlock;
    if (c.lowerCaseName) near += WEIGHTS.lowerCaseName;
    const around = [...block.headingCues, ...this.titleCues];
    far += WEIGHTS.headingFor * countDistinct(around, cues.for) + WEIGHTS.headingAgainst * countDistinct(around, cues.against);
    far +=
      WEIGHTS.sectionFor * Math.min(2, this.sectionCues(block.section, cues.for)) +
      WEIGHTS.sectionAgainst * Math.min(2, this.sectionCues(block.section, cues.against));
    far += WEIGHTS.pageFor * Math.min(2, this.pageCues(cues.for)) + WEIGHTS.pageAgainst * Math.min(2, this.pageCues(cues.against));
    if (this.otherConceptsOnPage(c.conceptId) >= 2) far += WEIGHTS.conceptsOnPage;
    // A block that speaks only of another sense is not overruled by the rest of the page (a Roth IRA ad
    // on a page about the Inflation Reduction Act): evidence from farther away may then only count against.
    if (blockAgainst > 0 && blockFor === 0 && !conceptNear) return near + Math.min(0, far);
    // Likewise a block that defines the acronym in the alliance sense and has no cue against it.
    if (definedHere && blockAgainst === 0) return near + Math.max(0, far);
    return near + far;
  }

  /**
   * Whose instrument the name is: the party qualifying it decides; for a
   * bilateral instrument (reach "page") the parties named in its clause, its
   * sentence, then paragraph, section and page decide next. Undefined: the concept itself.
   */
  owner(block: BlockAnalysis, c: Candidate): Owner | undefined {
    const q = this.roles.get(c.conceptId);
    if (!q) return undefined;
    // A name that carries its own party is the alliance's (한미상호방위조약: 한미 is part of the name).
    if (block.cues.some((h) => h.start >= c.start && h.end <= c.end && roleOfCue(q.roles, h.cue)?.kind === 'own')) return { kind: 'own' };
    const [from, to] = sentenceBounds(block.text, c.start, c.end);
    const direct = qualifierOf(q.roles, block.text, c, block.cues, from);
    if (direct || q.reach === 'phrase') return direct;
    const outside = partyHits(q.roles, block.cues).filter((h) => h.end <= c.start || h.start >= c.end);
    const occurrences = (hits: CueHit[]) => {
      const counts = new Map<string, number>();
      for (const h of hits) counts.set(h.cue, (counts.get(h.cue) ?? 0) + 1);
      return counts;
    };
    const within = ([a, b]: [number, number]) => occurrences(outside.filter((h) => h.start >= a && h.start < b));
    return (
      majorityOf(q.roles, within(sentenceBounds(block.text, c.start, c.end, true))) ??
      majorityOf(q.roles, within([from, to])) ??
      majorityOf(q.roles, occurrences(outside)) ??
      majorityOf(q.roles, this.sectionCueCounts.get(block.section) ?? []) ??
      majorityOf(q.roles, [...this.cueCounts, ...[...this.titleCues].map((cue): [string, number] => [cue, 1])])
    );
  }

  /** The candidates of a block to highlight, each under the concept it names. */
  accepted(block: BlockAnalysis): Candidate[] {
    const out: Candidate[] = [];
    for (const c of block.candidates) {
      // A year qualifying a one-off document's name decides which document it is ("the 1994 Washington Declaration").
      const years = this.roles.get(c.conceptId)?.years;
      const year = years && yearOf(years, block.text, c);
      if (year?.kind === 'other') continue;
      if (c.ambiguous && year?.kind !== 'own' && this.score(block, c) < WEIGHTS.threshold) continue;
      const owner = this.owner(block, c);
      if (owner?.kind === 'other') continue;
      out.push(owner?.kind === 'sibling' ? { ...c, conceptId: owner.conceptId } : c);
    }
    return out;
  }
}
