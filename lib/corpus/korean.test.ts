/** The Korean side of the corpus (data/ko.json): complete, in Korean, in our own words, validated. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusFromDir } from '../../scripts/load-corpus';
import { CorpusError } from './validate';

const SHARED = join(import.meta.dirname, '../../../shared');
const corpus = loadCorpusFromDir('data');
const seeds = corpus.sources.map((s) => readFileSync(join(SHARED, 'seeds', s.file), 'utf8'));
const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

describe('Korean corpus', () => {
  it('gives every concept a Korean name, definition and detail, and Korean aliases to most', () => {
    for (const c of corpus.concepts) {
      expect(c.ko, c.id).toBeDefined();
      expect(c.ko!.name, c.id).toMatch(/[가-힣]/);
      expect(c.ko!.short.length, c.id).toBeLessThanOrEqual(240);
      expect(c.ko!.dates ?? [], c.id).toHaveLength(c.dates.length);
    }
    const withKoreanAliases = corpus.concepts.filter((c) => c.aliases.some((a) => /[가-힣]/.test(a.text)));
    expect(withKoreanAliases.length).toBeGreaterThanOrEqual(60);
  });

  it('has the forms Korean news uses', () => {
    const ids = (text: string) => corpus.concepts.filter((c) => c.aliases.some((a) => a.text === text)).map((c) => c.id);
    const expected: [string, string][] = [
      ['북한', 'dprk'],
      ['방위비 분담금', 'burden-sharing'],
      ['방위비분담금', 'burden-sharing'],
      ['한미상호방위조약', 'mutual-defense-treaty'],
      ['유지·보수·정비', 'mro'],
      ['인플레이션 감축법', 'ira'],
      ['반도체법', 'chips-act'],
      ['칩스법', 'chips-act'],
      ['인도·태평양 경제 프레임워크', 'ipef'],
      ['캠프 데이비드 정상회의', 'camp-david-summit'],
      ['한미일 정상회의', 'us-rok-japan-trilateral'],
      ['자유의 방패', 'freedom-shield'],
      ['호국훈련', 'hoguk'],
      ['나토', 'nato'],
      ['오커스', 'aukus'],
      ['미국 우선주의', 'america-first'],
      ['주한 미군', 'usfk'],
      ['윤 대통령', 'yoon-suk-yeol'],
      ['통합억제', 'integrated-deterrence'],
      ['국가방위전략', 'nds-2022'],
    ];
    for (const [text, id] of expected) expect(ids(text), text).toEqual([id]);
  });

  it('writes Korean texts in its own words: no run of 6 seed words, and not the English definition', () => {
    const seedRuns = new Set<string>();
    for (const text of seeds) {
      const w = words(text);
      for (let i = 0; i + 6 <= w.length; i++) seedRuns.add(w.slice(i, i + 6).join(' '));
    }
    for (const c of corpus.concepts) {
      for (const field of [c.ko!.short, c.ko!.detail]) {
        const w = words(field);
        for (let i = 0; i + 6 <= w.length; i++)
          expect(seedRuns.has(w.slice(i, i + 6).join(' ')), `${c.id}: ${w.slice(i, i + 6).join(' ')}`).toBe(false);
        expect(field).not.toBe(c.short);
      }
    }
  });
});

describe('Korean corpus validation', () => {
  function brokenCopy(edit: (ko: Record<string, Record<string, unknown>>) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-ko-'));
    cpSync('data', dir, { recursive: true });
    const ko = JSON.parse(readFileSync(join(dir, 'ko.json'), 'utf8'));
    edit(ko);
    writeFileSync(join(dir, 'ko.json'), JSON.stringify(ko));
    return dir;
  }

  it.each([
    ['a concept without a Korean entry', (ko: Record<string, Record<string, unknown>>) => delete ko.sma, /ko "sma": missing/],
    [
      'an entry for no concept',
      (ko: Record<string, Record<string, unknown>>) => (ko['no-such'] = ko.sma!),
      /ko "no-such": no concept has this id/,
    ],
    [
      'an English definition',
      (ko: Record<string, Record<string, unknown>>) => (ko.sma!.short = 'The multi-year agreement setting what Seoul pays for US troops.'),
      /ko "sma", field short: must be written in Korean/,
    ],
    [
      'a definition over 240 characters',
      (ko: Record<string, Record<string, unknown>>) => (ko.sma!.short = '가'.repeat(241)),
      /ko "sma", field short: must be at most 240/,
    ],
    [
      'a detail too short to explain anything',
      (ko: Record<string, Record<string, unknown>>) => (ko.sma!.detail = '협정이다.'),
      /ko "sma", field detail: must be at least 60/,
    ],
    [
      'an alias without Hangul',
      (ko: Record<string, Record<string, unknown>>) => (ko.sma!.aliases = ['SMA deal']),
      /ko "sma", field aliases\.0: must contain Hangul/,
    ],
    [
      'date labels that do not match the dates',
      (ko: Record<string, Record<string, unknown>>) => (ko.sma!.dates = ['서명']),
      /ko "sma", field dates: 1 labels for 2 dates/,
    ],
    [
      'a Korean alias of two concepts',
      (ko: Record<string, Record<string, unknown>>) => (ko.sma!.aliases = ['주한미군']),
      /"주한미군" is also an alias/,
    ],
  ])('fails on %s, naming the entry and the field', (_name, edit, message) => {
    const dir = brokenCopy(edit as (ko: Record<string, Record<string, unknown>>) => void);
    expect(() => loadCorpusFromDir(dir)).toThrow(CorpusError);
    expect(() => loadCorpusFromDir(dir)).toThrow(message);
  });
});
