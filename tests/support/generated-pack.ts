/**
 * A concept pack of `n` made-up concepts (English name, acronym, Korean name
 * and alias each), for tests and the bench: realistic in shape, impossible to
 * meet on a real page, and the same for every run.
 */
const SYLLABLES = ['Vor', 'Kal', 'Dren', 'Mos', 'Tav', 'Quil', 'Bex', 'Lun', 'Zar', 'Pem', 'Risk', 'Oth', 'Fel', 'Gan', 'Hul', 'Jor'];
const HANGUL = ['가', '너', '도', '루', '모', '버', '수', '오', '주', '추', '코', '터', '포', '후', '미', '비'];
const KINDS = ['Accord', 'Initiative', 'Framework', 'Dialogue', 'Compact', 'Program'];

/** The i-th made-up word: syllables read as digits of i in base 16. */
const word = (i: number, alphabet: string[]) =>
  [alphabet[i % 16], alphabet[Math.floor(i / 16) % 16], alphabet[Math.floor(i / 256) % 16]].join('');

export function generatedPack(n: number, id = 'generated-desk') {
  return {
    format: 'alliance-lens-pack',
    version: 1,
    id,
    name: `Generated pack of ${n}`,
    concepts: Array.from({ length: n }, (_, i) => {
      const name = `${word(i, SYLLABLES)} ${KINDS[i % KINDS.length]}`;
      return {
        id: `gen-${i}`,
        name,
        aliases: [`${word(i, SYLLABLES).toUpperCase()}${KINDS[i % KINDS.length]![0]}`],
        definition: `A made-up concept number ${i + 1}, for measuring packs.`,
        category: 'strategy',
        ko: { name: `${word(i, HANGUL)} 협정`, aliases: [`${word(i, HANGUL)}협의체`] },
      };
    }),
  };
}
