/**
 * Glossary search over both languages: English and Korean names and aliases
 * outrank definitions, and a query of Hangul initial consonants (ㅎㅎㅇㄱㄹ)
 * finds Korean names by their initials (핵협의그룹). Pure, for the dashboard.
 */
import { getChoseong } from 'es-hangul';
import type { Concept } from '../corpus/schema';

/** Lower case, without the spaces, dots and dashes that names are written with or without. */
const compact = (text: string) => text.toLowerCase().replace(/[\s\u00a0·ㆍ・‧\-–—.,()']/g, '');
const ONLY_INITIALS = /^[ㄱ-ㅎ]+$/;

const SCORE = {
  exactName: 100,
  namePrefix: 80,
  nameWordStart: 70,
  nameInside: 60,
  initialsExact: 90,
  initialsPrefix: 75,
  initialsInside: 55,
  definition: 10,
};

function nameScore(name: string, q: string, qCompact: string): number {
  const lower = name.toLowerCase();
  const c = compact(name);
  if (c === qCompact) return SCORE.exactName;
  if (c.startsWith(qCompact)) return SCORE.namePrefix;
  if (new RegExp(`(^|[\\s\\-·(])${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(lower)) return SCORE.nameWordStart;
  return c.includes(qCompact) ? SCORE.nameInside : 0;
}

function initialsScore(name: string, q: string): number {
  const initials = getChoseong(name).replace(/\s/g, '');
  if (!initials) return 0;
  if (initials === q) return SCORE.initialsExact;
  if (initials.startsWith(q)) return SCORE.initialsPrefix;
  return initials.includes(q) ? SCORE.initialsInside : 0;
}

/** How well a concept answers the query (0: not at all). */
function glossaryScore(concept: Concept, query: string): number {
  const q = query.trim().toLowerCase();
  const qCompact = compact(q);
  if (!qCompact) return 1;
  const names = [concept.name, ...(concept.ko ? [concept.ko.name] : []), ...concept.aliases.map((a) => a.text)];
  let best = 0;
  for (const name of names) {
    best = Math.max(best, ONLY_INITIALS.test(qCompact) ? initialsScore(name, qCompact) : nameScore(name, q, qCompact));
  }
  if (best) return best;
  const texts = [concept.short, concept.detail, ...(concept.ko ? [concept.ko.short, concept.ko.detail] : [])];
  return texts.some((text) => compact(text).includes(qCompact)) ? SCORE.definition : 0;
}

/** The concepts matching the query, best first (ties keep the corpus order). */
export function searchGlossary(concepts: Concept[], query: string): Concept[] {
  return concepts
    .map((concept, index) => ({ concept, index, score: glossaryScore(concept, query) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.concept);
}
