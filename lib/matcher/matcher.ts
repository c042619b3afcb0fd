/**
 * Runs the compiled patterns over text: alias candidates and context cues.
 * Pure: no DOM, so it is tested on strings.
 */
import type { AliasEntry, CompiledMatcher } from './compile';
import { candidateKeys, matchForm } from '../text/normalise';

export interface Candidate {
  start: number;
  end: number;
  text: string;
  conceptId: string;
  ambiguous: boolean;
  /** A multi-word proper name written in lower case ("vigilant storm"): weak evidence of the name. */
  lowerCaseName: boolean;
}

export interface CueHit {
  cue: string;
  start: number;
  end: number;
}

export interface Matcher {
  readonly compiled: CompiledMatcher;
  findCandidates(text: string): Candidate[];
  findCues(text: string): CueHit[];
}

function acceptedEntry(compiled: CompiledMatcher, keys: { key: string; stripped: string }[]): AliasEntry | undefined {
  for (const { key, stripped } of keys) {
    const entries = compiled.aliases[key];
    if (!entries) continue;
    const entry = entries.find((e) => e.exact === undefined || e.exact === stripped);
    if (entry) return entry;
  }
  return undefined;
}

/** A matched cue's key: the cue as listed, whatever plural ending it was written with. */
function cueKey(text: string, cues: Set<string>): string {
  for (const { key } of candidateKeys(text)) if (cues.has(key)) return key;
  return candidateKeys(text)[0]!.key;
}

/** A Korean name may be followed by one or two particles and then a word's end (한·미·일은, 한·미·일과의). */
const PARTICLES_THEN_END = /^[은는이가을를의에와과도로만서께랑]{1,2}(?![\uac00-\ud7af])/;
const LAST_SYLLABLE_AFTER_GAP = /[\s\u00a0\u00b7\u2027\u30fb\u318d]\p{Script=Hangul}$/u;

/**
 * Korean names match across free spacing, but not when that leaves one
 * syllable glued to the next word: "한미 일정" (schedule) is not 한미일.
 */
function splitsAWord(text: string, end: number, written: string): boolean {
  return (
    LAST_SYLLABLE_AFTER_GAP.test(written) && /[\uac00-\ud7af]/.test(text[end] ?? '') && !PARTICLES_THEN_END.test(text.slice(end, end + 3))
  );
}

export function createMatcher(compiled: CompiledMatcher): Matcher {
  // Both patterns run over the text's matchForm (same length); matches are read from the original.
  const aliasPattern = new RegExp(compiled.pattern, 'g');
  const cuePattern = new RegExp(compiled.cuePattern, 'g');
  // V8 compiles a pattern on its first use (~10 ms each here): do it now, not on the page's first paragraph.
  aliasPattern.test('');
  cuePattern.test('');
  const cueKeys = new Set([
    ...Object.values(compiled.cues).flatMap((c) => [...c.for, ...c.against]),
    ...Object.values(compiled.qualifiers).flatMap((q) => [...q.own, ...q.other, ...q.siblings.flatMap((s) => s.parties)]),
  ]);
  const notNames = new Set(compiled.notNames);
  // A block is read for candidates and then for cues: lower-case its text once.
  let lastText = '';
  let lastLower = '';
  const lowered = (text: string) => (text === lastText ? lastLower : (lastLower = matchForm((lastText = text))));
  return {
    compiled,
    findCandidates(text) {
      const out: Candidate[] = [];
      const lower = lowered(text);
      aliasPattern.lastIndex = 0;
      for (let m = aliasPattern.exec(lower); m; m = aliasPattern.exec(lower)) {
        const written = text.slice(m.index, m.index + m[0].length);
        const keys = candidateKeys(written);
        // A longer name that is something else ("Ulchi Freedom Shield") hides the alias inside it.
        if (notNames.size && keys.some(({ key }) => notNames.has(key))) continue;
        if (splitsAWord(text, m.index + written.length, written)) continue;
        const entry = acceptedEntry(compiled, keys);
        if (!entry) continue;
        out.push({
          start: m.index,
          end: m.index + written.length,
          text: written,
          conceptId: entry.conceptId,
          ambiguous: !!entry.ambiguous,
          lowerCaseName: !!entry.properName && written === m[0],
        });
      }
      return out;
    },
    findCues(text) {
      const out: CueHit[] = [];
      const lower = lowered(text);
      cuePattern.lastIndex = 0;
      for (let m = cuePattern.exec(lower); m; m = cuePattern.exec(lower)) {
        const hit = { cue: cueKey(m[0], cueKeys), start: m.index, end: m.index + m[0].length };
        out.push(hit);
        // The longest cue wins the match, but hides none inside it: "South Korean" is also "Korean".
        // (Inner cues follow the whole one, at the same start.)
        const words = hit.cue.includes(' ') ? hit.cue.split(' ') : [];
        for (let i = 0; i < words.length; i++) {
          for (let j = i + 1; j <= words.length; j++) {
            const inner = words.slice(i, j).join(' ');
            if (inner !== hit.cue && cueKeys.has(inner)) out.push({ ...hit, cue: inner });
          }
        }
      }
      return out;
    },
  };
}
