/**
 * Everything the panels and the dashboard ask of the browser (tabs, commands,
 * extension storage, the tab's content script), behind hooks and functions in
 * one place, so components stay plain Preact.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { contentMessenger, type PageSummary } from '@/lib/messages';
import { settingsItem, type Settings } from '@/lib/settings';
import { assignedKey, type AssignedCommand, type PageCommand } from '@/lib/commands';
import { t } from '@/lib/i18n';
import type { Note } from '@/lib/notes/model';

/** The reader's settings, followed live; null until read. */
export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void settingsItem.getValue().then(setSettings);
    return settingsItem.watch(setSettings);
  }, []);
  return settings;
}

/** Stores new settings; every open tab and page applies them (they watch the setting). */
export const saveSettings = (next: Settings) => void settingsItem.setValue(next);

/** The commands with the keys the browser really assigned (`commands.getAll()`); [] until it answers. */
export function useAssignedCommands(): AssignedCommand[] {
  const [commands, setCommands] = useState<AssignedCommand[]>([]);
  useEffect(() => {
    void browser.commands.getAll().then(setCommands, () => setCommands([]));
  }, []);
  return commands;
}

/**
 * A hint that names the key of `command` only when one is assigned:
 * `withKey` takes the key as $1, `withoutKey` is used when none is set.
 */
export function useShortcutHint(command: PageCommand, withKey: string, withoutKey: string): string {
  const key = assignedKey(useAssignedCommands(), command);
  return key ? t(withKey, key) : t(withoutKey);
}

export type ActivePage = { state: 'loading' } | { state: 'unavailable' } | { state: 'ready'; tabId: number; summary: PageSummary };

/** Asks a tab's content script (top frame) what it found. Browser pages have none: "unavailable". */
async function askPage(tabId: number): Promise<ActivePage> {
  try {
    const summary = await contentMessenger.sendMessage('page:summary', undefined, { tabId, frameId: 0 });
    return summary ? { state: 'ready', tabId, summary } : { state: 'unavailable' };
  } catch {
    return { state: 'unavailable' };
  }
}

/** Scrolls the tab to the next mention of a concept and opens its card. */
export async function revealInPage(tabId: number, conceptId: string): Promise<void> {
  await contentMessenger.sendMessage('page:reveal', { conceptId }, { tabId, frameId: 0 });
}

/** Opens a web address (or one of our pages) in a new tab. */
export async function openInNewTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

/** The address of one of our pages, e.g. "/dashboard.html#/notes". */
export const extensionPageUrl = (path: '/dashboard.html#/notes' | '/reader.html') => browser.runtime.getURL(path);

/** Opens the side panel (Chromium) or the sidebar (Firefox) in the reader's window. */
export async function openSidePanelOfActiveWindow(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  const api = browser as unknown as {
    sidePanel?: { open(o: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (api.sidePanel && tab?.windowId !== undefined) await api.sidePanel.open({ windowId: tab.windowId });
  else await api.sidebarAction?.open();
}

/** Brings a passage note of the page in a tab into view, its note shown (the page's content script anchors it). */
export function revealNoteInPage(tabId: number, note: Note): void {
  if (note.kind !== 'passage') return;
  const { quote, position } = note.target;
  void contentMessenger.sendMessage('page:revealNote', { noteId: note.id, quote, position }, { tabId, frameId: 0 }).catch(() => undefined);
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
