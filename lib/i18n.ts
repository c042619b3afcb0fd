/**
 * UI strings come from public/_locales/<lang>/messages.json through
 * browser.i18n, so a translation needs no code change.
 */
import { browser } from 'wxt/browser';

/** The message for `key`, with `$1`…`$9` (or named placeholders) filled from `subs`. */
export function t(key: string, ...subs: (string | number)[]): string {
  const message = browser.i18n.getMessage(key as never, subs.map(String));
  // An empty answer means a key missing from messages.json: show the key so it is noticed, never a blank.
  return message || key;
}
