import { describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { SCRIPT_STARTED, ignoreScriptStarted } from './script-context';

/** What a page can send: WXT's announcement of a newer script, with any detail it likes. */
function forgeScriptStarted(target: EventTarget, bubbles = false) {
  const detail = { contentScriptName: 'content', messageId: 'forged' };
  target.dispatchEvent(new CustomEvent(SCRIPT_STARTED, { detail, bubbles }));
}

describe('ignoreScriptStarted', () => {
  it("is needed: WXT's context alone stops on a forged announcement", () => {
    const ctx = new ContentScriptContext('content');
    forgeScriptStarted(document);
    expect(ctx.signal.aborted).toBe(true);
  });

  it('keeps the context running whatever the page dispatches, on document or below', () => {
    const ctx = new ContentScriptContext('content');
    ignoreScriptStarted(ctx);
    forgeScriptStarted(document);
    forgeScriptStarted(document.body, true);
    window.postMessage({ type: SCRIPT_STARTED, contentScriptName: 'content', messageId: 'forged' }, '*');
    expect(ctx.signal.aborted).toBe(false);
    ctx.abort('test over');
  });

  it('still lets the context stop for its own reasons (reload, update), and then listens no more', () => {
    const ctx = new ContentScriptContext('content');
    ignoreScriptStarted(ctx);
    ctx.notifyInvalidated();
    expect(ctx.signal.aborted).toBe(true);
    // The listener went with the signal: a later context is not shielded by the first one's.
    const next = new ContentScriptContext('content');
    forgeScriptStarted(document);
    expect(next.signal.aborted).toBe(true);
  });
});
