/**
 * UI strings in English and Korean, from public/_locales/<lang>/messages.json.
 * browser.i18n cannot switch language at run time, so the message files are
 * bundled and read here: the reader's setting picks the language, the
 * browser's language is the default. The same files also give the browser
 * the manifest's strings (name, commands) in its own language.
 */
import { browser } from 'wxt/browser';
import en from '../public/_locales/en/messages.json';
import ko from '../public/_locales/ko/messages.json';

export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];
/** "auto" follows the browser's language. */
export type LanguageSetting = Language | 'auto';

export type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
export const CATALOGS: Record<Language, Messages> = { en, ko };

/** Korean when the browser's interface is Korean, English otherwise. */
function browserLanguage(): Language {
  let tag = '';
  try {
    tag = browser.i18n.getUILanguage();
  } catch {
    // An orphaned content script can no longer reach browser.i18n.
  }
  tag ||= globalThis.navigator?.language ?? '';
  return tag.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

let current: Language = browserLanguage();

export function setLanguage(setting: LanguageSetting | undefined) {
  current = !setting || setting === 'auto' ? browserLanguage() : setting;
}

export function language(): Language {
  return current;
}

/** The BCP 47 locale dates and numbers are formatted in. */
export function locale(): string {
  return current === 'ko' ? 'ko-KR' : 'en-GB';
}

/** browser.i18n's substitution rules: named placeholders ($NAME$ → its content, e.g. "$1") and $1…$9. */
export function formatMessage(entry: Messages[string], args: string[]): string {
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => args[Number(n) - 1] ?? '');
  return fill(
    entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? placeholder.content : '';
    }),
  );
}

/** The message for `key` in the current language, with `$1`…`$9` (or named placeholders) filled from `subs`; numbers formatted per locale. */
export function t(key: string, ...subs: (string | number)[]): string {
  const entry = CATALOGS[current][key] ?? CATALOGS.en[key];
  // A key missing from messages.json shows itself so it is noticed, never a blank.
  if (!entry) return key;
  return formatMessage(
    entry,
    subs.map((s) => (typeof s === 'number' ? localeFormat('number', (l) => new Intl.NumberFormat(l)).format(s) : s)),
  );
}

const formats = new Map<string, unknown>();

/**
 * The formatter of a `kind` for the interface's locale, made once: building
 * an Intl formatter loads locale data, and a card painted with a new one per
 * string and date spent tens of ms on it.
 */
export function localeFormat<F>(kind: string, make: (locale: string) => F): F {
  const key = `${locale()} ${kind}`;
  let format = formats.get(key) as F | undefined;
  if (!format) formats.set(key, (format = make(locale())));
  return format;
}

/** A moment (ms since the epoch) as a medium date and short time in the interface's locale. */
export function formatDateTime(ms: number): string {
  return localeFormat('date-time', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' })).format(ms);
}

/** A category's label in the current language (the corpus's label when no message names it). */
export function categoryLabel(cat: { id: string; label: string }): string {
  return CATALOGS[current][`category_${cat.id}`] ? t(`category_${cat.id}`) : cat.label;
}

/** A source's author and publisher in the current language (the English form where the corpus has no Korean one). */
export function sourceNames(doc: { author: string; publisher: string; ko?: { author?: string; publisher?: string } }): {
  author: string;
  publisher: string;
} {
  const ko = current === 'ko' ? doc.ko : undefined;
  return { author: ko?.author ?? doc.author, publisher: ko?.publisher ?? doc.publisher };
}

/** A concept's or a related chip's name in the current language (the English name when there is no Korean one). */
export function displayName(c: { name: string; ko?: { name: string } }): string {
  return current === 'ko' && c.ko ? c.ko.name : c.name;
}
