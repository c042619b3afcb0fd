/**
 * Keeps the page from switching the content script off. WXT's
 * ContentScriptContext aborts when a newer instance of the script announces
 * itself with a CustomEvent on `document`; the event's name holds only the
 * extension's public id, so any page can dispatch it. A manifest content
 * script starts once per document, so once started this one has no newer
 * instance to make way for: it swallows the announcement on `window` in the
 * capture phase, which every dispatch to `document` or below passes before
 * WXT's listener. The script still stops when the extension reloads or
 * updates: `ctx.isInvalid` sees `runtime.id` gone on the reader's next move.
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';

/** WXT's event name (`<extension id>:<entrypoint>:wxt:content-script-started`), private in its types: read, never rebuilt. */
// biome-ignore lint/complexity/useLiteralKeys: the member is private in WXT's types; the bracket reads it without a cast
export const SCRIPT_STARTED: string = ContentScriptContext['SCRIPT_STARTED_MESSAGE_TYPE'];

export function ignoreScriptStarted(ctx: ContentScriptContext): void {
  window.addEventListener(SCRIPT_STARTED, (e) => e.stopImmediatePropagation(), { capture: true, signal: ctx.signal });
}
