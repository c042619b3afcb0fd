/**
 * Highlighting on this page: the highlighter, switched on and off and
 * configured by the reader's settings (per site), its counts reported to the
 * background for the popup and badge.
 */
import { currentMatcher, watchMatcher } from '@/lib/matcher/installed';
import type { CompiledMatcher } from '@/lib/matcher/compile';
import { askBackground } from '@/lib/ask-background';
import { setLanguage } from '@/lib/i18n';
import { listenersUntilAbort, onAbort } from '@/lib/abort';
import { isEnabledOn, settingsItem, type Settings } from '@/lib/settings';
import { createHighlighter, type HighlightOptions, type Highlighter } from '@/lib/highlight/highlighter';

export interface Highlighting {
  readonly highlighter: Highlighter;
  /** Whether highlights are on for this page. */
  active(): boolean;
  settings(): Settings;
  /** The page moved without a load (SPA): settings for the new URL, and its text read again. */
  locationChanged(): void;
  /** Reports the page's counts to the background (which also asks a tab it opened for a note, then, to reveal it). */
  report(): void;
  /** Hears highlights go off (just before) and on (just after), until `signal` aborts. */
  onSwitch(signal: AbortSignal, listener: (on: boolean) => void): void;
}

function highlightOptions(settings: Settings): HighlightOptions {
  return { categories: settings.categories, firstMentionOnly: settings.firstMentionOnly, style: settings.style };
}

/** A highlighter that forwards to `current()`, so the features given it at start follow a new matcher (a concept pack changed). */
function following(current: () => Highlighter, changeListeners: Set<() => void>): Highlighter {
  return new Proxy({} as Highlighter, {
    get: (_target, key: keyof Highlighter) =>
      key === 'onChange'
        ? (listener: () => void) => {
            changeListeners.add(listener);
            return () => void changeListeners.delete(listener);
          }
        : (...args: unknown[]) => (current()[key] as (...a: unknown[]) => unknown)(...args),
  });
}

/** Highlighting until `signal` aborts (every highlight is then cleared). */
export async function initHighlighting(signal: AbortSignal): Promise<Highlighting> {
  // Both reads of extension storage at once (the first takes ~60 ms while a page loads).
  const matcherRead = currentMatcher();
  let settings = await settingsItem.getValue();
  const changeListeners = new Set<() => void>();
  const create = (compiled: CompiledMatcher) => {
    const created = createHighlighter(document, compiled, highlightOptions(settings));
    created.onChange(() => changeListeners.forEach((l) => l()));
    return created;
  };
  let current = create(await matcherRead);
  const highlighter = following(() => current, changeListeners);
  let active = false;
  const switched = listenersUntilAbort<[boolean]>();

  const reportCounts = () => {
    if (window === window.top) void askBackground('page:report', { counts: highlighter.counts() }).catch(() => undefined);
  };
  const apply = (next: Settings) => {
    settings = next;
    // The card speaks the interface language.
    setLanguage(settings.language);
    const on = isEnabledOn(settings, location.href);
    if (on && !active) {
      highlighter.start();
      active = true;
      switched.emit(true);
    } else if (!on && active) {
      switched.emit(false);
      highlighter.stop();
    } else if (on) highlighter.update(highlightOptions(settings));
    active = on;
    reportCounts();
  };
  apply(settings);

  onAbort(signal, () => highlighter.stop());
  // Concept packs changed: the page is read again with the new matcher, without a reload.
  onAbort(
    signal,
    watchMatcher((compiled) => {
      if (active) switched.emit(false);
      current.stop();
      current = create(compiled);
      if (active) {
        current.start();
        switched.emit(true);
      }
      reportCounts();
    }),
  );
  onAbort(
    signal,
    settingsItem.watch((next) => apply(next)),
  );
  onAbort(signal, highlighter.onChange(reportCounts));
  // Back/forward cache: the page comes back as it was left, but may have changed while frozen (Firefox drops observers).
  window.addEventListener(
    'pageshow',
    (e) => {
      if (e.persisted && active) highlighter.rescan();
    },
    { signal },
  );

  return {
    highlighter,
    active: () => active,
    settings: () => settings,
    locationChanged() {
      apply(settings);
      if (active) highlighter.rescan();
    },
    report: reportCounts,
    onSwitch: switched.add,
  };
}
