/**
 * Vite plugin: the content script runs on every page the reader opens, so it
 * bundles only the UI strings it shows (the card, the passage-note button and
 * the category labels) instead of both whole message files, most of which are
 * the dashboard's, popup's and reader's. Every other build keeps the whole
 * files. content-messages-plugin.test.ts checks that every key the content
 * script's modules ask for is kept.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** The message keys the content script may show. */
export const CONTENT_MESSAGE_KEY = /^(card_|category_|note_)/;
const MESSAGES_FILE = /[/\\]_locales[/\\][^/\\]+[/\\]messages\.json$/;

export function pickMessages<T>(messages: Record<string, T>, keep: RegExp): Record<string, T> {
  return Object.fromEntries(Object.entries(messages).filter(([key]) => keep.test(key)));
}

export function contentMessagesPlugin(): Plugin {
  let content = false;
  return {
    name: 'alliance-content-messages',
    enforce: 'pre',
    configResolved(config) {
      // WXT builds each content script alone, in library mode, with the entrypoint as the library's entry.
      content = /[/\\]entrypoints[/\\]content[/\\]/.test(JSON.stringify(config.build.lib ? config.build.lib.entry : ''));
    },
    load(id) {
      if (!content || !MESSAGES_FILE.test(id)) return;
      return JSON.stringify(pickMessages(JSON.parse(readFileSync(id, 'utf8')), CONTENT_MESSAGE_KEY));
    },
  };
}
