/**
 * Compiles the corpus, at build time, into the data the content script needs:
 * one regular expression for every alias (a trie, so the engine branches on
 * characters instead of trying each alias in turn), an index from normalised
 * alias to concept, and the disambiguation cues. The output is plain JSON.
 */
import type { Corpus } from '../corpus/schema';
import { HANGUL_CLASS, MIDDLE_DOTS, aliasKey, normaliseKeepCase } from '../text/normalise.ts';

export interface AliasEntry {
  conceptId: string;
  /** Acronyms: the matched text must equal this (normalised, case kept), plural ending aside. */
  exact?: string;
  /** The alias can mean something else: highlight only when context supports the alliance sense. */
  ambiguous?: true;
  /** A Title-Case name written all in lower case is likely the common phrase, not the name. */
  properName?: true;
}

export interface CompiledConcept {
  id: string;
  category: string;
  colour: string;
  colourDark: string;
}

export interface CompiledCues {
  /** Lower-cased cue phrases. */
  for: string[];
  against: string[];
  /** Normalised keys of the concept's aliases (a local definition "Full Name (ACR)" uses them). */
  names: string[];
}

/** Who a name belongs to (see QualifiersSchema): party cue keys by role. */
export interface CompiledQualifiers {
  reach: 'phrase' | 'page';
  own: string[];
  other: string[];
  siblings: { conceptId: string; parties: string[] }[];
  years: string[];
}

export interface CompiledMatcher {
  version: 3;
  /** Source of the alias regular expression: flags "g", run on the text's matchForm (lower case, separators as spaces). */
  pattern: string;
  /** Source of the cue regular expression (cues and party words), used like `pattern`; group-free, each match is one cue. */
  cuePattern: string;
  aliases: Record<string, AliasEntry[]>;
  concepts: Record<string, CompiledConcept>;
  cues: Record<string, CompiledCues>;
  qualifiers: Record<string, CompiledQualifiers>;
  /** Keys of longer names that contain an alias but are something else: matched, then dropped. */
  notNames: string[];
}

const HANGUL = new RegExp(HANGUL_CLASS);
/**
 * Letters and digits of the scripts a page may mix with these names (Latin,
 * Greek, Cyrillic, other alphabets, kana, Hangul, CJK, fullwidth forms), as
 * plain ranges: the patterns are lower-cased and need neither the "i" nor the
 * "u" flag, which cut their compile time about tenfold and their scan time
 * by half (measured on the 1.6 MB bench article). Punctuation, dashes, quotes,
 * spaces and emoji are not in it, so they end a word as \p{L}\p{N} would.
 */
const LETTER_OR_DIGIT =
  '[a-z0-9_\\u00aa\\u00b2\\u00b3\\u00b5\\u00b9\\u00ba\\u00bc-\\u00be\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02ff\\u0370-\\u03ff\\u0400-\\u052f' +
  '\\u0530-\\u1fff\\u2070-\\u209f\\u2c00-\\u2dff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua000-\\ud7af\\uf900-\\ufaff' +
  '\\uff10-\\uff19\\uff41-\\uff5a\\uff66-\\uffdc]';
const LETTER_OR_DIGIT_BEHIND = `(?<!${LETTER_OR_DIGIT})`;
/** After a Latin name Hangul may follow: Korean particles attach to acronyms and names (NCG는, SCM에서). */
const LETTER_OR_DIGIT_AHEAD = `(?!${LETTER_OR_DIGIT.replace('\\u3130-\\u318f', '').replace('\\ua000-\\ud7af', '\\ua000-\\uabff')})`;
/**
 * The patterns run on matchForm (hyphens, dashes and middle dots turned to spaces), so between
 * the words of a name any run of them is "\s+", and between the parts of a Korean name
 * nothing or one of them is "\s?" (한미동맹, 한미 동맹, 한·미 동맹). Short tokens keep the pattern
 * under 20 KB of source, above which V8 optimises a regular expression less.
 */
const SEPARATOR = '\\s+';
const KOREAN_GAP = '\\s?';
/**
 * A Korean name starts a word: not inside a longer Hangul word (북한 in 남북한) nor glued to a Latin
 * letter or digit. Nothing is required after it: particles attach directly (북한은).
 */
const KOREAN_BEHIND = `(?<!${HANGUL_CLASS}|[a-z0-9])`;
const KOREAN_SEPARATOR = new RegExp(`[\\s\\-\u2010-\u2014${MIDDLE_DOTS}]`);

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

function charToken(ch: string): string {
  return ch === "'" ? "['’]" : escapeChar(ch);
}

/** A Korean name: its characters, with an optional gap wherever Hangul meets another character. */
function koreanTokens(text: string): string[] {
  const tokens: string[] = [];
  let prev = '';
  let spaced = false;
  for (const ch of text.toLowerCase()) {
    if (KOREAN_SEPARATOR.test(ch)) {
      spaced = true;
      continue;
    }
    if (prev) {
      if (HANGUL.test(prev) || HANGUL.test(ch)) tokens.push(KOREAN_GAP);
      else if (spaced) tokens.push(SEPARATOR);
    }
    tokens.push(charToken(ch));
    prev = ch;
    spaced = false;
  }
  return tokens;
}

/** Splits an alias into regex fragments; equal fragments merge in the trie. */
function aliasTokens(text: string): string[] {
  if (HANGUL.test(text)) return koreanTokens(text);
  const tokens: string[] = [];
  const normal = normaliseKeepCase(text);
  const words = normal.split(' ');
  words.forEach((word, i) => {
    if (i > 0) tokens.push(SEPARATOR);
    const parts = word.split('-');
    parts.forEach((part, j) => {
      if (j > 0) tokens.push(SEPARATOR);
      if (/^US$/i.test(part)) {
        tokens.push('u\\.?s\\.?');
        return;
      }
      for (const ch of part.toLowerCase()) tokens.push(charToken(ch));
    });
  });
  return tokens;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** An alias ends here. */
  ends?: true;
}

function insert(root: TrieNode, tokens: string[]) {
  let node = root;
  for (const token of tokens) {
    let next = node.children.get(token);
    if (!next) node.children.set(token, (next = { children: new Map() }));
    node = next;
  }
  node.ends = true;
}

function trieSource(node: TrieNode): string {
  const branches = [...node.children].map(([token, child]) => token + trieSource(child));
  // Longer continuations first, then the end of this alias: the longest alias wins.
  if (node.ends) branches.push('');
  if (branches.length === 1) return branches[0]!;
  return `(?:${branches.join('|')})`;
}

/**
 * Latin-script names: a word boundary before, an optional plural ending and a
 * word boundary after, written once around the whole trie (the engine
 * backtracks into it, so the longest alias that ends on a boundary still wins).
 */
function wordsSource(root: TrieNode): string {
  return `${LETTER_OR_DIGIT_BEHIND}(?:${trieSource(root)})(?:e?s)?${LETTER_OR_DIGIT_AHEAD}`;
}

/** One pattern for a list of names: Latin ones between word boundaries, Korean ones with particles attached. */
class NamePattern {
  private readonly latin: TrieNode = { children: new Map() };
  private readonly korean: TrieNode = { children: new Map() };

  add(text: string) {
    insert(HANGUL.test(text) ? this.korean : this.latin, aliasTokens(text));
  }

  source(): string {
    const parts: string[] = [];
    // Korean names first: some open with Latin letters (CISA-국정원 양해각서) and outrun the Latin name they start with.
    if (this.korean.children.size) parts.push(`${KOREAN_BEHIND}${trieSource(this.korean)}`);
    if (this.latin.children.size) parts.push(wordsSource(this.latin));
    return parts.length > 1 ? `(?:${parts.join('|')})` : (parts[0] ?? '(?!)');
  }
}

const COUNTRY = /^(?:US|ROK|South Korea|Korea|Japan|United States)(?= |$)/;
/** Korea's names in a country list: "ROK" and "Korea" are written every way ("South Korea" is left as written). */
const KOREA = ['ROK', 'Korea'];
const KOREA_FORMS = [...KOREA, 'South Korea'];

/**
 * A name that opens with a list of countries ("US-ROK alliance", "US-Japan-ROK")
 * is written in every order and with any of Korea's names ("ROK-US alliance",
 * "Korea-US alliance", "Japan-US-ROK"): the name in each of these forms.
 */
export function countryOrders(text: string): string[] {
  if (HANGUL.test(text)) return [text];
  let rest = normaliseKeepCase(text);
  const countries: string[] = [];
  for (let m = COUNTRY.exec(rest); m; m = COUNTRY.exec(rest)) {
    countries.push(m[0]);
    rest = rest.slice(m[0].length).trimStart();
  }
  if (countries.length < 2) return [text];
  const orders: string[][] = [];
  const permute = (done: string[], left: string[]) => {
    if (!left.length) orders.push(done);
    left.forEach((c, i) => permute([...done, c], [...left.slice(0, i), ...left.slice(i + 1)]));
  };
  permute([], countries);
  const forms = orders.flatMap((order) =>
    order.some((c) => KOREA.includes(c)) ? KOREA_FORMS.map((k) => order.map((c) => (KOREA.includes(c) ? k : c))) : [order],
  );
  return [...new Set(forms.map((form) => [form.join('-'), rest].filter(Boolean).join(' ')))];
}

export function compileMatcher(corpus: Corpus): CompiledMatcher {
  const names = new NamePattern();
  const cueNames = new NamePattern();
  const aliases: Record<string, AliasEntry[]> = {};
  const cues: Record<string, CompiledCues> = {};
  const qualifiers: Record<string, CompiledQualifiers> = {};
  const notNames = new Set<string>();
  const concepts: Record<string, CompiledConcept> = {};
  const colours = new Map(corpus.categories.map((c) => [c.id, c]));
  const cuePhrases = new Set<string>();
  const partyKeys = (groups: string[]) =>
    groups
      .flatMap((g) => corpus.parties[g] ?? [])
      .map((p) => {
        cuePhrases.add(p);
        return aliasKey(p);
      });

  for (const concept of corpus.concepts) {
    const category = colours.get(concept.category)!;
    concepts[concept.id] = { id: concept.id, category: concept.category, colour: category.colour, colourDark: category.colourDark };
    const ambiguousTexts = new Set(concept.disambiguation?.aliases ?? []);
    for (const alias of concept.aliases) {
      for (const text of countryOrders(alias.text)) {
        names.add(text);
        const entry: AliasEntry = { conceptId: concept.id };
        if (alias.caseSensitive) entry.exact = normaliseKeepCase(text);
        if (ambiguousTexts.has(alias.text)) entry.ambiguous = true;
        if (!alias.caseSensitive && /^\p{Lu}/u.test(text) && /\s/.test(text)) entry.properName = true;
        const list = (aliases[aliasKey(text)] ??= []);
        if (!list.some((e) => e.conceptId === entry.conceptId && e.exact === entry.exact)) list.push(entry);
      }
    }
    const d = concept.disambiguation;
    if (!d) continue;
    for (const text of d.notNames) {
      names.add(text);
      notNames.add(aliasKey(text));
    }
    if (d.aliases.length) {
      cues[concept.id] = {
        for: d.cuesFor.map(aliasKey),
        against: d.cuesAgainst.map(aliasKey),
        names: concept.aliases.map((a) => aliasKey(a.text)),
      };
      for (const p of [...d.cuesFor, ...d.cuesAgainst]) cuePhrases.add(p);
    }
    if (d.qualifiers) {
      const q = d.qualifiers;
      qualifiers[concept.id] = {
        reach: q.reach,
        own: partyKeys(q.own),
        other: partyKeys(q.other),
        siblings: q.siblings.map((s) => ({ conceptId: s.conceptId, parties: partyKeys(s.parties) })),
        years: q.years,
      };
    }
  }
  for (const p of cuePhrases) cueNames.add(p);

  return {
    version: 3,
    pattern: names.source(),
    cuePattern: cueNames.source(),
    aliases,
    concepts,
    cues,
    qualifiers,
    notNames: [...notNames],
  };
}
