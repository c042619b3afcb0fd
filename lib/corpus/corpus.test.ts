/** The bundled corpus: complete against concepts.tsv, grounded in the seeds, in our own words, and validated. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { corpusPlugin } from '../../scripts/corpus-plugin';
import { sharedPath } from '../../scripts/shared';
import { CorpusError } from './validate';

const corpus = loadCorpusFromDir('data');
const tsv = readFileSync(sharedPath('concepts.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));
const seedText = Object.fromEntries(corpus.sources.map((s) => [s.id, readFileSync(sharedPath('seeds', s.file), 'utf8')]));

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

describe('corpus content', () => {
  it('covers every concept of concepts.tsv with all its must-match aliases', () => {
    for (const [id, , mustMatch] of tsv) {
      const concept = corpus.concepts.find((c) => c.id === id);
      expect(concept, id).toBeDefined();
      const texts = concept!.aliases.map((a) => a.text);
      for (const alias of mustMatch!.split('|')) expect(texts, `${id}: ${alias}`).toContain(alias);
    }
  });

  it('grounds every entry: locators occur verbatim in their seed, sections too, at most 12 words', () => {
    for (const c of corpus.concepts) {
      for (const ref of c.sources) {
        expect(seedText[ref.sourceId], `${c.id}: ${ref.locator}`).toContain(ref.locator);
        expect(seedText[ref.sourceId], `${c.id}: ${ref.section}`).toContain(ref.section);
        expect(ref.locator.split(/\s+/).length).toBeLessThanOrEqual(12);
      }
    }
  });

  it('keeps definitions short and details to 2–4 sentences', () => {
    for (const c of corpus.concepts) {
      expect(c.short.length, c.id).toBeLessThanOrEqual(240);
      const sentences = c.detail.split(/(?<=[.!?])\s+(?=[A-Z“"])/).length;
      expect(sentences, `${c.id}: ${c.detail}`).toBeGreaterThanOrEqual(2);
      expect(sentences, `${c.id}: ${c.detail}`).toBeLessThanOrEqual(4);
    }
  });

  it('writes definitions in its own words: no run of 12 words shared with a seed', () => {
    const seedRuns = new Set<string>();
    for (const text of Object.values(seedText)) {
      const w = words(text);
      for (let i = 0; i + 12 <= w.length; i++) seedRuns.add(w.slice(i, i + 12).join(' '));
    }
    for (const c of corpus.concepts) {
      for (const field of [c.short, c.detail]) {
        const w = words(field);
        for (let i = 0; i + 12 <= w.length; i++)
          expect(seedRuns.has(w.slice(i, i + 12).join(' ')), `${c.id}: "${w.slice(i, i + 12).join(' ')}"`).toBe(false);
      }
    }
  });

  it('links related concepts that exist and describes every source document', () => {
    const ids = new Set(corpus.concepts.map((c) => c.id));
    for (const c of corpus.concepts) for (const r of c.related) expect(ids.has(r), `${c.id} → ${r}`).toBe(true);
    for (const s of corpus.sources) expect(s.title && s.author && s.publisher && s.date).toBeTruthy();
  });

  it('gives every ambiguous alias of concepts.tsv disambiguation cues', () => {
    for (const [id, , , , , ambiguousWith] of tsv) {
      if (!ambiguousWith?.trim()) continue;
      const concept = corpus.concepts.find((c) => c.id === id)!;
      if (id === 'chips-act') continue; // "CHIPS Act" is matched case-sensitively: lower-case "chips" never matches.
      expect(concept.disambiguation, id).toBeDefined();
      expect(concept.disambiguation!.cuesAgainst.length).toBeGreaterThan(0);
    }
  });
});

describe('corpus validation', () => {
  /** A copy of data/ with one concept changed by `edit`. */
  function brokenCopy(edit: (concepts: Record<string, unknown>[]) => void, file = 'concepts/security.json'): string {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    cpSync('data', dir, { recursive: true });
    const path = join(dir, file);
    const concepts = JSON.parse(readFileSync(path, 'utf8'));
    edit(concepts);
    writeFileSync(path, JSON.stringify(concepts));
    return dir;
  }
  const sma = (list: Record<string, unknown>[]) => list.find((c) => c.id === 'sma')!;

  it.each([
    ['a missing short definition', (l: Record<string, unknown>[]) => delete sma(l).short, /concept "sma", field short/],
    [
      'a short definition over 240 characters',
      (l: Record<string, unknown>[]) => (sma(l).short = 'x'.repeat(300)),
      /concept "sma", field short: must be at most 240/,
    ],
    ['an unknown category', (l: Record<string, unknown>[]) => (sma(l).category = 'sports'), /concept "sma", field category/],
    [
      'an unknown related id',
      (l: Record<string, unknown>[]) => (sma(l).related = ['no-such-concept']),
      /concept "sma", field related\.0: unknown concept/,
    ],
    [
      'a locator of 15 words',
      (l: Record<string, unknown>[]) =>
        ((sma(l).sources as { locator: string }[])[0]!.locator =
          'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen'),
      /concept "sma", field sources\.0\.locator: must be at most 12 words/,
    ],
    [
      'an alias shared with another concept',
      (l: Record<string, unknown>[]) => (sma(l).aliases as unknown[]).push({ text: 'USFK', caseSensitive: true }),
      /"USFK" is also an alias/,
    ],
    [
      'an alias that is another concept’s once spaces and dots are ignored',
      (l: Record<string, unknown>[]) => (sma(l).aliases as unknown[]).push({ text: '한·미 동맹', caseSensitive: false }),
      /"한미동맹" is also an alias/,
    ],
  ])('fails on %s, naming the entry and the field', (_name, edit, message) => {
    const dir = brokenCopy(edit as (l: Record<string, unknown>[]) => void);
    expect(() => loadCorpusFromDir(dir)).toThrow(CorpusError);
    expect(() => loadCorpusFromDir(dir)).toThrow(message);
  });

  it('fails on invalid JSON and on disambiguation for an unknown concept', () => {
    const dir = brokenCopy(() => undefined);
    writeFileSync(join(dir, 'concepts/economy.json'), '[{"id": "ira",');
    expect(() => loadCorpusFromDir(dir)).toThrow(/data\/concepts\/economy\.json/);
    const dir2 = brokenCopy(() => undefined);
    const d = JSON.parse(readFileSync(join(dir2, 'disambiguation.json'), 'utf8'));
    d['no-such-concept'] = d.sma;
    writeFileSync(join(dir2, 'disambiguation.json'), JSON.stringify(d));
    expect(() => loadCorpusFromDir(dir2)).toThrow(/disambiguation "no-such-concept": no concept has this id/);
  });

  type Disambiguation = Record<string, Record<string, unknown> & { qualifiers?: Record<string, unknown> }>;
  it.each([
    [
      'an unknown party group',
      (d: Disambiguation) => (d.sma!.qualifiers!.other = ['japan', 'mars']),
      /concept "sma", field disambiguation\.qualifiers\.other\.1: unknown party group "mars"/,
    ],
    [
      'an unknown sibling concept',
      (d: Disambiguation) => ((d['us-indo-pacific-strategy']!.qualifiers!.siblings as { conceptId: string }[])[0]!.conceptId = 'nowhere'),
      /field disambiguation\.qualifiers\.siblings\.0\.conceptId: unknown concept "nowhere"/,
    ],
    [
      'a reach that is neither phrase nor page',
      (d: Disambiguation) => (d.sma!.qualifiers!.reach = 'paragraph'),
      /concept "sma", field disambiguation\.qualifiers\.reach/,
    ],
    [
      'a not-name that contains no alias',
      (d: Disambiguation) => (d['freedom-shield']!.notNames = ['Ulchi Guardian']),
      /field disambiguation\.notNames\.0: "Ulchi Guardian" contains none/,
    ],
    [
      'ambiguous aliases without cues',
      (d: Disambiguation) => (d.sma!.cuesAgainst = []),
      /concept "sma", field disambiguation: ambiguous aliases need otherSenses, cuesFor and cuesAgainst/,
    ],
    [
      'an entry that says nothing',
      (d: Disambiguation) => (d['freedom-shield'] = {}),
      /concept "freedom-shield", field disambiguation: must list ambiguous aliases, qualifiers or notNames/,
    ],
  ])('fails on %s in the disambiguation data, naming the entry and the field', (_name, edit, message) => {
    const dir = brokenCopy(() => undefined);
    const path = join(dir, 'disambiguation.json');
    const d = JSON.parse(readFileSync(path, 'utf8'));
    edit(d);
    writeFileSync(path, JSON.stringify(d));
    expect(() => loadCorpusFromDir(dir)).toThrow(message);
  });

  it('fails on a malformed party group', () => {
    const dir = brokenCopy(() => undefined);
    writeFileSync(join(dir, 'parties.json'), JSON.stringify({ japan: [], Korea: ['Seoul'] }));
    expect(() => loadCorpusFromDir(dir)).toThrow(/parties, field japan/);
    expect(() => loadCorpusFromDir(dir)).toThrow(/parties, field Korea/);
  });

  it('makes the build fail: the Vite plugin throws on a malformed corpus', () => {
    const dir = brokenCopy((l) => delete sma(l).detail);
    const plugin = corpusPlugin(dir) as unknown as { load: (this: { addWatchFile(f: string): void }, id: string) => string | undefined };
    const ctx = { addWatchFile() {} };
    expect(() => plugin.load.call(ctx, '\0virtual:alliance-corpus')).toThrow(/concept "sma", field detail/);
  });
});
