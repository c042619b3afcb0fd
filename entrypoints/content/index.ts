/**
 * The content script: highlights concepts on the page, mounts the tooltip,
 * anchors the reader's passage notes, and answers the popup and side panel.
 * It never opens IndexedDB and never receives note text: the card's notes
 * and the passage-note panel are the extension's notes frame, which talks to
 * the background itself; this script only learns where passage notes are.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { compiledMatcher } from 'virtual:alliance-matcher';
import { browser } from 'wxt/browser';
import { contentMessenger, touchesPage, type NotesChange } from '@/lib/messages';
import { askBackground } from '@/lib/ask-background';
import { setLanguage } from '@/lib/i18n';
import { DEFAULT_SETTINGS, isEnabledOn, settingsItem, withSiteToggled, type Settings } from '@/lib/settings';
import { createHighlighter, type HighlightOptions } from '@/lib/highlight/highlighter';
import { mountTooltip } from './tooltip/mount-tooltip';
import { currentPageUrl, mountPassageNotes } from './passage-notes';
import '@/lib/highlight/highlights.css';
import highlightsCss from '@/lib/highlight/highlights.css?inline';

function highlightOptions(settings: Settings): HighlightOptions {
  return { categories: settings.categories, firstMentionOnly: settings.firstMentionOnly, style: settings.style };
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
    // An update or reload of the extension orphans this script without telling it (Chrome):
    // the reader's next move finds out, and onInvalidated below stops everything cleanly.
    for (const type of ['pointerover', 'keydown', 'focusin'] as const) {
      ctx.addEventListener(document, type, () => void ctx.isInvalid, { capture: true, passive: true });
    }
    // The first read of extension storage takes ~60 ms while a page loads: the matcher is built meanwhile.
    const settingsRead = settingsItem.getValue();
    const highlighter = createHighlighter(document, compiledMatcher, highlightOptions(DEFAULT_SETTINGS), { markCss: highlightsCss });
    let settings = await settingsRead;
    highlighter.update(highlightOptions(settings));
    let active = false;

    const notesListeners = new Set<(change: NotesChange) => void>();
    // Concept details come from the background on demand: the corpus stays out of every page's script.
    const conceptCache = new Map<string, ReturnType<typeof fetchConcept>>();
    const fetchConcept = (conceptId: string) => askBackground('corpus:concept', { conceptId });
    const tooltip = await mountTooltip(ctx, {
      concept(conceptId) {
        if (!conceptCache.has(conceptId)) conceptCache.set(conceptId, fetchConcept(conceptId).catch((e) => (conceptCache.delete(conceptId), Promise.reject(e))));
        return conceptCache.get(conceptId)!;
      },
      onNotesChanged(listener) {
        const wrapped = (change: NotesChange) => listener(change.conceptIds);
        notesListeners.add(wrapped);
        return () => notesListeners.delete(wrapped);
      },
      glossaryUrl: (conceptId) => `${browser.runtime.getURL('/dashboard.html')}#/glossary/${encodeURIComponent(conceptId)}`,
    });
    const reportCounts = () => {
      if (window === window.top) void askBackground('page:report', { counts: highlighter.counts() }).catch(() => undefined);
    };
    const applySettings = (next: Settings) => {
      settings = next;
      // The card speaks the interface language.
      setLanguage(settings.language);
      const on = isEnabledOn(settings, location.href);
      if (on && !active) highlighter.start();
      else if (!on && active) {
        tooltip.close();
        highlighter.stop();
      } else if (on) highlighter.update(highlightOptions(settings));
      active = on;
      reportCounts();
    };
    applySettings(settings);
    // Passage notes wait on the background; highlighting does not wait for them.
    const passages = await mountPassageNotes(ctx, { highlighter, onPanel: (open) => tooltip.hold(open) });
    // Only a change that may touch this page's passage notes re-anchors them.
    notesListeners.add((change) => {
      if (touchesPage(change, currentPageUrl())) void passages.refresh();
    });

    const stopWatching = [
      settingsItem.watch((next) => applySettings(next)),
      highlighter.onChange(reportCounts),
      highlighter.onChange(() => tooltip.reanchor()),
      // Back/forward cache: the page comes back as it was left, but may have changed while frozen (Firefox drops observers).
      ctx.addEventListener(window, 'pageshow', (e) => {
        if ((e as PageTransitionEvent).persisted && active) highlighter.rescan();
      }),
      // SPA navigations replace the article without a page load.
      ctx.addEventListener(window, 'wxt:locationchange', () => {
        applySettings(settings);
        if (active) highlighter.rescan();
        void passages.refresh();
      }),
    ];

    let revealIndex = -1;
    const reveal = (conceptId: string | null, direction: 1 | -1) => {
      // Every mention counts, also those far from view and not wrapped yet: the one shown is wrapped now.
      const mentions = highlighter.mentionRefs().filter((m) => conceptId === null || m.conceptId === conceptId);
      if (!mentions.length) return false;
      revealIndex = (revealIndex + direction + mentions.length) % mentions.length;
      const mark = mentions[revealIndex]!.mark();
      if (!mark) return false;
      mark.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
      tooltip.open(mark, { pin: true });
      return true;
    };

    // A message to a tab reaches every frame: page-level questions are the top frame's to answer.
    const isTop = window === window.top;
    if (isTop) {
      contentMessenger.onMessage('page:summary', () => ({
        url: location.href,
        notesUrl: currentPageUrl(),
        title: document.title,
        enabled: active,
        counts: active ? highlighter.counts() : {},
        notesNotFound: passages.notFound(),
        // Chrome's PDF viewer is a document we run in but cannot read: the popup offers the reader instead.
        isPdf: document.contentType === 'application/pdf',
      }));
      contentMessenger.onMessage('page:reveal', ({ data }) => reveal(data.conceptId, 1));
    }
    contentMessenger.onMessage('page:command', async ({ data }) => {
      // The passage note belongs to whichever frame holds the selection; the rest is the top frame's.
      if (data.command === 'add-passage-note') {
        if (!getSelection()?.isCollapsed) passages.addNoteForSelection();
        return;
      }
      if (!isTop) return;
      switch (data.command) {
        case 'toggle-highlights':
          await settingsItem.setValue(withSiteToggled(settings, location.href, !active));
          return;
        case 'next-highlight':
          reveal(null, 1);
          return;
        case 'previous-highlight':
          reveal(null, -1);
          return;
      }
    });
    contentMessenger.onMessage('notes:changed', ({ data }) => {
      for (const listener of notesListeners) listener(data);
    });

    ctx.onInvalidated(() => {
      // The page first: these need no extension API, which an orphaned script can no longer call.
      passages.destroy();
      tooltip.destroy();
      highlighter.stop();
      for (const stop of stopWatching) {
        try {
          stop?.();
        } catch {
          // Unwatching storage throws once the extension is gone; there is nothing left to unwatch.
        }
      }
    });
  },
});
