/**
 * Runs the compiled patterns over text: alias candidates and context cues.
 * Pure: no DOM, so it is tested on strings.
 */
import type { AliasEntry, CompiledMatcher } from './compile';
import { candidateKeys } from './normalise';

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
}

export interface Matcher {
  readonly compiled: CompiledMatcher;
  findCandidates(text: string): Candidate[];
  findCues(text: string): CueHit[];
}

function acceptedEntry(compiled: CompiledMatcher, text: string): AliasEntry | undefined {
  for (const { key, stripped } of candidateKeys(text)) {
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

export function createMatcher(compiled: CompiledMatcher): Matcher {
  const aliasPattern = new RegExp(compiled.pattern, 'giu');
  const cuePattern = new RegExp(compiled.cuePattern, 'giu');
  const cueKeys = new Set(Object.values(compiled.cues).flatMap((c) => [...c.for, ...c.against]));
  return {
    compiled,
    findCandidates(text) {
      const out: Candidate[] = [];
      aliasPattern.lastIndex = 0;
      for (let m = aliasPattern.exec(text); m; m = aliasPattern.exec(text)) {
        const entry = acceptedEntry(compiled, m[0]);
        if (!entry) continue;
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          text: m[0],
          conceptId: entry.conceptId,
          ambiguous: !!entry.ambiguous,
          lowerCaseName: !!entry.properName && m[0] === m[0].toLowerCase(),
        });
      }
      return out;
    },
    findCues(text) {
      const out: CueHit[] = [];
      cuePattern.lastIndex = 0;
      for (let m = cuePattern.exec(text); m; m = cuePattern.exec(text)) {
        out.push({ cue: cueKey(m[0], cueKeys), start: m.index });
      }
      return out;
    },
  };
}
