/**
 * One normal form for alias texts and matched texts, so a mention written
 * "U.S.–ROK Alliance’s" finds the alias "US-ROK alliance". It sits below both
 * lib/corpus (which validates aliases in it) and lib/matcher (which matches in it).
 */

/** Characters that separate the words of a name: spaces (\s includes no-break and thin ones) and hyphens/dashes. */
const SEPARATORS = /[\s\-\u2010-\u2014]+/gu;
const APOSTROPHES = /[’‘`´]/g;
const US = /(^| )U\.S\.?(?= |$)/gi;
/** Hangul syllables and jamo. */
export const HANGUL_CLASS = '[\\u1100-\\u11ff\\u3130-\\u318f\\uac00-\\ud7af]';
/** Middle dots Korean writes between the parts of a name (한·미). */
export const MIDDLE_DOTS = '\u00b7\u2027\u2219\u30fb\u318d';
/** Spaces and middle dots next to Hangul: Korean names are written with and without them (한·미 동맹, 한미동맹). */
const HANGUL = new RegExp(HANGUL_CLASS);
const KOREAN_GAPS = new RegExp(`(?<=${HANGUL_CLASS})[ ${MIDDLE_DOTS}]+|[ ${MIDDLE_DOTS}]+(?=${HANGUL_CLASS})`, 'g');

/**
 * Case-preserving normal form: separators → one space, curly → straight
 * apostrophes, U.S. → US, no spaces or middle dots next to Hangul.
 */
export function normaliseKeepCase(text: string): string {
  const normal = text.replace(APOSTROPHES, "'").replace(SEPARATORS, ' ').trim().replace(US, '$1US');
  return HANGUL.test(normal) ? normal.replace(KOREAN_GAPS, '') : normal;
}

/** The lookup key: normal form, lower-cased. */
export function aliasKey(text: string): string {
  return normaliseKeepCase(text).toLowerCase();
}

/** Keys to try for a matched text, most specific first: as written, then without a plural ending. */
export function candidateKeys(text: string): { key: string; stripped: string }[] {
  const exact = normaliseKeepCase(text);
  const out = [{ key: exact.toLowerCase(), stripped: exact }];
  if (/es$/i.test(exact)) out.push({ key: exact.slice(0, -2).toLowerCase(), stripped: exact.slice(0, -2) });
  if (/s$/i.test(exact)) out.push({ key: exact.slice(0, -1).toLowerCase(), stripped: exact.slice(0, -1) });
  return out;
}

const MATCH_SEPARATORS = new RegExp(`[\\-\u2010-\u2014${MIDDLE_DOTS}]`, 'g');

/**
 * The form the patterns run on: lower case, and every hyphen, dash and middle
 * dot a space, so a pattern says "\s" where it would say "any separator" (a
 * shorter pattern is a faster one). Same length as `text`: offsets carry over.
 */
export function matchForm(text: string): string {
  return lowerSameLength(text).replace(MATCH_SEPARATORS, ' ');
}

/**
 * Lower-cases text without moving any character: match offsets into the
 * result are offsets into `text`. The rare characters whose lower case is
 * longer (e.g. "İ") are left as they are.
 */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}
