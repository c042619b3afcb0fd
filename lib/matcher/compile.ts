/**
 * Compiles the corpus, at build time, into the data the content script needs:
 * one regular expression for every alias (a trie, so the engine branches on
 * characters instead of trying each alias in turn), an index from normalised
 * alias to concept, and the disambiguation cues. The output is plain JSON.
 */
import type { Corpus } from '../corpus/schema';
import { SEPARATOR_CLASS, aliasKey, normaliseKeepCase } from './normalise.ts';

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

export interface CompiledMatcher {
  version: 2;
  /** Source of the alias regular expression: flags "g", run on lower-cased text (see lowerSameLength). */
  pattern: string;
  /** Source of the cue regular expression, used like `pattern`; group-free, each match is one cue. */
  cuePattern: string;
  aliases: Record<string, AliasEntry[]>;
  concepts: Record<string, CompiledConcept>;
  cues: Record<string, CompiledCues>;
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
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
const LETTER_OR_DIGIT_AHEAD = `(?!${LETTER_OR_DIGIT})`;

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

/** Splits an alias into regex fragments; equal fragments merge in the trie. */
export function aliasTokens(text: string): string[] {
  const tokens: string[] = [];
  const normal = normaliseKeepCase(text);
  const words = normal.split(' ');
  words.forEach((word, i) => {
    if (i > 0) tokens.push(`${SEPARATOR_CLASS}+`);
    const parts = word.split('-');
    parts.forEach((part, j) => {
      if (j > 0) tokens.push(`${SEPARATOR_CLASS}+`);
      if (/^US$/i.test(part)) {
        tokens.push('u\\.?s\\.?');
        return;
      }
      for (const ch of part.toLowerCase()) tokens.push(ch === "'" ? "['’]" : escapeChar(ch));
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

function cueSource(phrases: string[]): string {
  const root: TrieNode = { children: new Map() };
  for (const p of phrases) insert(root, aliasTokens(p));
  return root.children.size ? wordsSource(root) : '(?!)';
}

export function compileMatcher(corpus: Corpus): CompiledMatcher {
  const latin: TrieNode = { children: new Map() };
  const korean: TrieNode = { children: new Map() };
  const aliases: Record<string, AliasEntry[]> = {};
  const cues: Record<string, CompiledCues> = {};
  const concepts: Record<string, CompiledConcept> = {};
  const colours = new Map(corpus.categories.map((c) => [c.id, c]));
  const cuePhrases = new Set<string>();

  for (const concept of corpus.concepts) {
    const category = colours.get(concept.category)!;
    concepts[concept.id] = { id: concept.id, category: concept.category, colour: category.colour, colourDark: category.colourDark };
    const ambiguousTexts = new Set(concept.disambiguation?.aliases ?? []);
    for (const alias of concept.aliases) {
      const isKorean = HANGUL.test(alias.text);
      // Korean particles attach directly to nouns: Korean names need no boundary after them.
      insert(isKorean ? korean : latin, aliasTokens(alias.text));
      const entry: AliasEntry = { conceptId: concept.id };
      if (alias.caseSensitive) entry.exact = normaliseKeepCase(alias.text);
      if (ambiguousTexts.has(alias.text)) entry.ambiguous = true;
      if (!alias.caseSensitive && /^\p{Lu}/u.test(alias.text) && /\s/.test(alias.text)) entry.properName = true;
      const list = (aliases[aliasKey(alias.text)] ??= []);
      if (!list.some((e) => e.conceptId === entry.conceptId && e.exact === entry.exact)) list.push(entry);
    }
    if (concept.disambiguation) {
      const d = concept.disambiguation;
      cues[concept.id] = {
        for: d.cuesFor.map(aliasKey),
        against: d.cuesAgainst.map(aliasKey),
        names: concept.aliases.map((a) => aliasKey(a.text)),
      };
      for (const p of [...d.cuesFor, ...d.cuesAgainst]) cuePhrases.add(p);
    }
  }

  const parts: string[] = [];
  if (latin.children.size) parts.push(wordsSource(latin));
  if (korean.children.size) parts.push(trieSource(korean));
  return {
    version: 2,
    pattern: parts.length > 1 ? `(?:${parts.join('|')})` : (parts[0] ?? '(?!)'),
    cuePattern: cueSource([...cuePhrases]),
    aliases,
    concepts,
    cues,
  };
}
