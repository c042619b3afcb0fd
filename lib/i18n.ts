/**
 * UI strings come from public/_locales/<lang>/messages.json through
 * browser.i18n, so a translation needs no code change.
 */
import { browser } from 'wxt/browser';

/**
 * Every string already looked up. A content script orphaned by an update of
 * the extension can no longer call browser.i18n (it throws), yet its card may
 * still be on screen holding the reader's draft: it keeps the words it had.
 */
const seen = new Map<string, string>();

/** The message for `key`, with `$1`…`$9` (or named placeholders) filled from `subs`. */
export function t(key: string, ...subs: (string | number)[]): string {
  const args = subs.map(String);
  const id = [key, ...args].join('\u0000');
  let message: string;
  try {
    message = browser.i18n.getMessage(key as never, args);
    seen.set(id, message);
  } catch {
    message = seen.get(id) ?? '';
  }
  // An empty answer means a key missing from messages.json: show the key so it is noticed, never a blank.
  return message || key;
}
