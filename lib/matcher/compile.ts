/**
 * Compiles the corpus, at build time, into the data the content script needs:
 * one regular expression for every alias (a trie, so the engine branches on
 * characters instead of trying each alias in turn), an index from normalised
 * alias to concept, and the disambiguation cues. The output is plain JSON.
 */
import type { Corpus } from '../corpus/schema';
import { SEPARATOR_CLASS, aliasKey, normaliseKeepCase } from './normalise';

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
  version: 1;
  /** Source of the alias regular expression (flags "giu"). */
  pattern: string;
  /** Source of the cue regular expression (flags "giu"); group-free, each match is one cue. */
  cuePattern: string;
  aliases: Record<string, AliasEntry[]>;
  concepts: Record<string, CompiledConcept>;
  cues: Record<string, CompiledCues>;
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const LETTER_OR_DIGIT_BEHIND = '(?<![\\p{L}\\p{N}_])';
const LETTER_OR_DIGIT_AHEAD = '(?![\\p{L}\\p{N}_])';

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
        tokens.push('U\\.?S\\.?');
        return;
      }
      for (const ch of part.toLowerCase()) tokens.push(ch === "'" ? "['’]" : escapeChar(ch));
    });
  });
  return tokens;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Set when an alias ends here: the pattern that must follow it. */
  end?: string;
}

function insert(root: TrieNode, tokens: string[], end: string) {
  let node = root;
  for (const token of tokens) {
    let next = node.children.get(token);
    if (!next) node.children.set(token, (next = { children: new Map() }));
    node = next;
  }
  // Latin names take a plural ending and need a word boundary; Korean particles attach directly.
  if (node.end === undefined || end.length > node.end.length) node.end = end;
}

function trieSource(node: TrieNode): string {
  const branches = [...node.children].map(([token, child]) => token + trieSource(child));
  // Longer continuations first, then the end of this alias: the longest alias wins.
  if (node.end !== undefined) branches.push(node.end);
  if (branches.length === 1) return branches[0]!;
  return `(?:${branches.join('|')})`;
}

function cueSource(phrases: string[]): string {
  const root: TrieNode = { children: new Map() };
  for (const p of phrases) insert(root, aliasTokens(p), `(?:e?s)?${LETTER_OR_DIGIT_AHEAD}`);
  return root.children.size ? LETTER_OR_DIGIT_BEHIND + trieSource(root) : '(?!)';
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
      insert(isKorean ? korean : latin, aliasTokens(alias.text), isKorean ? '' : `(?:e?s)?${LETTER_OR_DIGIT_AHEAD}`);
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
  if (latin.children.size) parts.push(LETTER_OR_DIGIT_BEHIND + trieSource(latin));
  if (korean.children.size) parts.push(trieSource(korean));
  return {
    version: 1,
    pattern: parts.length > 1 ? `(?:${parts.join('|')})` : (parts[0] ?? '(?!)'),
    cuePattern: cueSource([...cuePhrases]),
    aliases,
    concepts,
    cues,
  };
}
