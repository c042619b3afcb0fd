import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { contentMessenger, type PageSummary } from '@/lib/messages';
import { settingsItem } from '@/lib/settings';

export type ActivePage = { state: 'loading' } | { state: 'unavailable' } | { state: 'ready'; tabId: number; summary: PageSummary };

/** Asks a tab's content script (top frame) what it found. Browser pages have none: "unavailable". */
export async function askPage(tabId: number): Promise<ActivePage> {
  try {
    const summary = await contentMessenger.sendMessage('page:summary', undefined, { tabId, frameId: 0 });
    return summary ? { state: 'ready', tabId, summary } : { state: 'unavailable' };
  } catch {
    return { state: 'unavailable' };
  }
}

/** `?tab=<id>` shows a given tab: used when a panel is opened as a page (for example in tests). */
const requestedTab = Number(new URLSearchParams(location.search).get('tab')) || undefined;

/** The page in the active tab, kept current as the reader switches tabs, navigates or changes settings. */
export function useActivePage(): [ActivePage, () => void] {
  const [page, setPage] = useState<ActivePage>({ state: 'loading' });
  const refresh = async () => {
    const tabId = requestedTab ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
    setPage(tabId === undefined ? { state: 'unavailable' } : await askPage(tabId));
  };
  useEffect(() => {
    void refresh();
    const onActivated = () => void refresh();
    const onUpdated = (_id: number, info: { status?: string }) => {
      if (info.status === 'complete') void refresh();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    // The content script re-highlights after a settings change; ask again once it has.
    const unwatch = settingsItem.watch(() => setTimeout(() => void refresh(), 300));
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      unwatch();
    };
  }, []);
  return [page, () => void refresh()];
}
