import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { parseImport } from './notes/import';
import { CATALOGS, LANGUAGES, formatMessage, language, setLanguage, t } from './i18n';

afterEach(() => setLanguage('en'));

const NO_RULES = { knownConcepts: new Map(), now: Date.now() };

describe('i18n', () => {
  it('has every key in every locale, with the same placeholders, and no empty message', () => {
    expect(readdirSync('public/_locales').sort()).toEqual([...LANGUAGES].sort());
    const keys = (lang: (typeof LANGUAGES)[number]) => Object.keys(CATALOGS[lang]).sort();
    for (const lang of LANGUAGES) {
      expect(keys(lang), lang).toEqual(keys('en'));
      for (const [key, entry] of Object.entries(CATALOGS[lang])) {
        expect(entry.message.trim(), `${lang} ${key}`).not.toBe('');
        expect(Object.keys(entry.placeholders ?? {}).sort(), `${lang} ${key}`).toEqual(
          Object.keys(CATALOGS.en[key]!.placeholders ?? {}).sort(),
        );
        for (const name of Object.keys(entry.placeholders ?? {}))
          expect(entry.message, `${lang} ${key}`).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });

  it('writes the Korean interface in Korean', () => {
    // Messages that are only a name or a placeholder ("Alliance Lens", "§ $SECTIONS$") need no Hangul.
    const english = Object.entries(CATALOGS.ko).filter(
      ([, e]) => /[a-z]{3,}/i.test(e.message.replace(/Alliance Lens|\$[A-Z]+\$/g, '')) && !/[가-힣]/.test(e.message),
    );
    expect(english.map(([key]) => key)).toEqual([]);
  });

  it('switches language at run time and follows the browser by default', () => {
    setLanguage('ko');
    expect(language()).toBe('ko');
    expect(t('card_addNote')).toBe('메모 추가');
    setLanguage('en');
    expect(t('card_addNote')).toBe('Add note');
  });

  it("follows the browser's language by default: Korean for any ko-* locale, English otherwise", () => {
    const ui = vi.spyOn(browser.i18n, 'getUILanguage');
    ui.mockReturnValue('ko-KR');
    setLanguage('auto');
    expect(language()).toBe('ko');
    setLanguage(undefined);
    expect(language()).toBe('ko');
    ui.mockReturnValue('de-DE');
    setLanguage('auto');
    expect(language()).toBe('en');
    ui.mockRestore();
  });

  it('fills placeholders and formats numbers per locale; a missing key shows itself', () => {
    expect(t('dash_count', 1234, 56789)).toBe('1,234 of 56,789');
    setLanguage('ko');
    expect(t('dash_count', 3, 10)).toBe('10개 중 3개');
    expect(t('no_such_key')).toBe('no_such_key');
    expect(formatMessage({ message: '$A$ and $1 ($$)', placeholders: { a: { content: '$2' } } }, ['x', 'y'])).toBe('y and x ($$)');
  });

  it('tells what went wrong in the interface language, also for a bad import file', () => {
    setLanguage('ko');
    expect(() => parseImport('{"format":', NO_RULES)).toThrow(
      /^이 파일은 가져올 수 없습니다: 올바른 JSON이 아닙니다.*기존 메모는 바뀌지 않았습니다\.$/,
    );
    setLanguage('en');
    expect(() => parseImport('[]', NO_RULES)).toThrow(
      'This file cannot be imported: it is not an Alliance Lens backup (expected a JSON object). Your existing notes were not changed.',
    );
  });
});
