/**
 * One normal form for alias texts and matched texts, so a mention written
 * "U.S.–ROK Alliance’s" finds the alias "US-ROK alliance".
 */

/** Characters that separate the words of a name: spaces (incl. no-break) and hyphens/dashes. */
export const SEPARATOR_CLASS = '[\\s\\u00a0\\u2009\\u202f\\-\\u2010\\u2011\\u2012\\u2013\\u2014]';
const SEPARATORS = new RegExp(`${SEPARATOR_CLASS}+`, 'gu');
const APOSTROPHES = /[’‘`´]/g;
const US = /(^| )U\.S\.?(?= |$)/gi;
/** Hangul syllables and jamo. */
export const HANGUL_CLASS = '[\\u1100-\\u11ff\\u3130-\\u318f\\uac00-\\ud7af]';
/** Middle dots Korean writing puts between names (한·미, 한ㆍ미, 한・미): a separator, like a space. */
export const MIDDLE_DOT_CLASS = '[\\u00b7\\u318d\\u30fb\\u2027]';
const MIDDLE_DOTS = new RegExp(`\\s*${MIDDLE_DOT_CLASS}\\s*`, 'g');
/** Korean spacing varies (방위비분담 / 방위비 분담, 한미 FTA / 한미FTA): spaces next to Hangul do not count in keys. */
const SPACE_BY_HANGUL = new RegExp(`\\s+(?=${HANGUL_CLASS})|(?<=${HANGUL_CLASS})\\s+`, 'g');

/** Case-preserving normal form: separators → one space, curly → straight apostrophes, U.S. → US. */
export function normaliseKeepCase(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(MIDDLE_DOTS, ' ').replace(SEPARATORS, ' ').trim().replace(US, '$1US');
}

/** The lookup key: normal form, lower-cased, without the spaces Korean spacing may add or drop. */
export function aliasKey(text: string): string {
  return normaliseKeepCase(text).toLowerCase().replace(SPACE_BY_HANGUL, '');
}

/** Keys to try for a matched text, most specific first: as written, then without a plural ending. */
export function candidateKeys(text: string): { key: string; stripped: string }[] {
  const exact = normaliseKeepCase(text);
  const out = [{ key: aliasKey(exact), stripped: exact }];
  if (/es$/i.test(exact)) out.push({ key: aliasKey(exact.slice(0, -2)), stripped: exact.slice(0, -2) });
  if (/s$/i.test(exact)) out.push({ key: aliasKey(exact.slice(0, -1)), stripped: exact.slice(0, -1) });
  return out;
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
