/**
 * The content script: wires its features, each an `init(signal)` that stops
 * when the script's signal aborts — highlighting, the card, passage notes,
 * the page's answers to the popup and side panel, and commands. It never
 * opens IndexedDB and never receives note text: the card's notes and the
 * passage-note panel are the extension's notes frame, which talks to the
 * background itself; this script only learns where passage notes are.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { askBackground } from '@/lib/ask-background';
import { lastInFirstOut } from '@/lib/abort';
import { ignoreScriptStarted } from '@/lib/script-context';
import { initHighlighting } from './highlighting';
import { initNotesChanges } from './notes-changes';
import { initCard } from './card/init-card';
import { initPassageNotes } from './passage-notes/init-passage-notes';
import { createReveal } from './reveal';
import { createNoteReveal } from './reveal-note';
import { initPageAnswers } from './page-answers';
import { initCommands } from './commands';
import '@/lib/highlight/highlights.css';

/** Concept details come from the background on demand (the corpus stays out of every page's script), each once. */
function conceptsOnDemand() {
  const ask = (conceptId: string) => askBackground('corpus:concept', { conceptId });
  const cache = new Map<string, ReturnType<typeof ask>>();
  return (conceptId: string) => {
    if (!cache.has(conceptId)) cache.set(conceptId, ask(conceptId).catch((e) => (cache.delete(conceptId), Promise.reject(e))));
    return cache.get(conceptId)!;
  };
}

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  allFrames: true,
  cssInjectionMode: 'manifest',
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
    // the card go before the highlighter whose marks they use.
    const feature = lastInFirstOut(ctx.signal);

    const highlighting = await initHighlighting(feature());
    const onNotesChanged = initNotesChanges(feature());
    const cardSignal = feature();
    const card = initCard(cardSignal, {
      concept: conceptsOnDemand(),
      onNotesChanged,
      glossaryUrl: (conceptId) => `${browser.runtime.getURL('/dashboard.html')}#/glossary/${encodeURIComponent(conceptId)}`,
      highlighter: highlighting.highlighter,
    });
    highlighting.beforeOff(cardSignal, () => card.close());
    // Passage notes wait on the background; highlighting does not wait for them.
    const passages = await initPassageNotes(feature(), { highlighter: highlighting.highlighter, onNotesChanged, onPanel: (open) => card.hold(open) });
    const reveal = createReveal(highlighting.highlighter, (mark) => card.open(mark, { pin: true }));
    const revealNote = createNoteReveal({ highlighter: highlighting.highlighter, pinCard: (mark) => card.open(mark, { pin: true }), showPassageNote: passages.showNote });
    initPageAnswers(feature(), { highlighting, notesNotFound: passages.notFound, reveal, revealNote });
    initCommands(feature(), { highlighting, reveal, addPassageNote: passages.addNoteForSelection });
    // SPA navigations replace the article without a page load.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      highlighting.locationChanged();
      void passages.refresh();
    });
  },
});
