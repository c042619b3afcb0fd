/**
 * The content script: wires its features, each an `init(signal)` that stops
 * when the script's signal aborts — the extension's one element on the page
 * (its UI layer), highlighting, the card, passage notes, the page's answers
 * to the popup and side panel, and commands. It never
 * opens IndexedDB and never receives note text: the card's notes and the
 * passage-note panel are the extension's notes frame, which talks to the
 * background itself; this script only learns where passage notes are.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { askBackground } from '@/lib/ask-background';
import { lastInFirstOut, onAbort } from '@/lib/abort';
import { watchMatcher } from '@/lib/matcher/installed';
import { ignoreScriptStarted } from '@/lib/script-context';
import { initHighlighting } from './highlighting';
import { initNotesChanges } from './notes-changes';
import { initCard } from './card/init-card';
import { initPassageNotes } from './passage-notes/init-passage-notes';
import { createReveal } from './reveal-mention';
import { createNoteReveal } from './reveal-note';
import { initPageAnswers } from './page-answers';
import { initCommands } from './commands';
import { createUiLayer } from './ui-layer';
import { watchLocation } from './location-watch';
import cardCss from '@/components/card/card.css?inline';

/** Concept details come from the background on demand (the corpus stays out of every page's script), each once. */
function conceptsOnDemand(signal: AbortSignal) {
  const ask = (conceptId: string) => askBackground('corpus:concept', { conceptId });
  const cache = new Map<string, ReturnType<typeof ask>>();
  // A concept pack changed: its concepts are asked for again.
  onAbort(
    signal,
    watchMatcher(() => cache.clear()),
  );
  return (conceptId: string) => {
    if (!cache.has(conceptId)) {
      const asked = ask(conceptId).catch((e) => {
        cache.delete(conceptId);
        throw e;
      });
      cache.set(conceptId, asked);
    }
    return cache.get(conceptId)!;
  };
}

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  allFrames: true,
  // Nothing of ours is styled in the page's own stylesheets: highlights are painted, the rest lives in a closed root.
  cssInjectionMode: 'ui',
  // WXT would otherwise announce each start on the page's window, extension id included: pages learn
  // nothing from us, and cannot replay the announcement to stop this script.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    ignoreScriptStarted(ctx);
    // An update or reload of the extension orphans this script without telling it (Chrome):
    // the reader's next move finds out, which aborts ctx.signal and so stops every feature.
    for (const type of ['pointerover', 'keydown', 'focusin'] as const) {
      ctx.addEventListener(document, type, () => void ctx.isInvalid, { capture: true, passive: true });
    }
    // A signal per feature, aborted with ctx.signal in the reverse order of start: passage notes and
    // the card go before the highlighter whose mentions they use, and the layer they draw in goes last.
    const feature = lastInFirstOut(ctx.signal);

    const layer = createUiLayer(feature(), cardCss);
    const highlighting = await initHighlighting(feature());
    const onNotesChanged = initNotesChanges(feature());
    const cardSignal = feature();
    const card = initCard(cardSignal, {
      layer,
      concept: conceptsOnDemand(cardSignal),
      onNotesChanged,
      glossaryUrl: (conceptId) => `${browser.runtime.getURL('/dashboard.html')}#/glossary/${encodeURIComponent(conceptId)}`,
      highlighter: highlighting.highlighter,
    });
    highlighting.onSwitch(cardSignal, (on) => on || card.close());
    // Passage notes wait on the background; highlighting does not wait for them.
    const passages = await initPassageNotes(feature(), { layer, highlighting, onNotesChanged, onPanel: (open) => card.hold(open) });
    const reveal = createReveal(highlighting.highlighter, (mention, how) =>
      card.open(mention, how === 'pin' ? { pin: true } : { keyboard: true }),
    );
    const revealNote = createNoteReveal({
      highlighter: highlighting.highlighter,
      pinCard: (mention) => card.open(mention, { pin: true }),
      showPassageNote: passages.showNote,
    });
    initPageAnswers(feature(), { highlighting, notesNotFound: passages.notFound, reveal, revealNote });
    initCommands(feature(), { highlighting, reveal, addPassageNote: passages.addNoteForSelection });
    watchLocation(feature(), () => {
      highlighting.locationChanged();
      void passages.refresh();
    });
  },
});
