/**
 * The background owns the notes database (the extension's own IndexedDB, out
 * of any page's reach) and relays browser UI events (commands, context menu)
 * to the tab they concern.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { corpus } from 'virtual:alliance-corpus';
import { backgroundMessenger, contentMessenger, type NoteReveal, type NotesChange } from '@/lib/messages';
import { isPageCommand, type PageCommand } from '@/lib/commands';
import { backgroundRequests } from '@/lib/background/requests';
import { routeRequest } from '@/lib/background/router';
import { RateLimiter } from '@/lib/background/rate-limit';
import { FrameNonces } from '@/lib/background/frame-nonces';
import { FramePages } from '@/lib/background/frame-pages';
import { PendingReveals } from '@/lib/background/pending-note-reveals';
import { openNotesDb } from '@/lib/notes/db';
import { NotesStore } from '@/lib/notes/store';
import { setLanguage, t } from '@/lib/i18n';
import { settingsItem, type Settings } from '@/lib/settings';
import { readerUrl } from '@/lib/pdf/reader-link';
import { InstalledConcepts } from '@/lib/background/packs';
import { PackStore, openPacksDb } from '@/lib/corpus/pack-store';
import { installedMatcherItem } from '@/lib/matcher/installed';

const ADD_NOTE_MENU_ID = 'alliance-lens-add-note';
const OPEN_PDF_MENU_ID = 'alliance-lens-open-pdf';
const ADD_CONCEPT_MENU_ID = 'alliance-lens-add-concept';
/** Links that look like PDFs (the menu cannot see a link's content type). */
const PDF_LINK_PATTERNS = ['*://*/*.pdf', '*://*/*.pdf?*', '*://*/*.pdf#*', '*://*/*.PDF', '*://*/*.PDF?*'];

async function broadcastToTabs(send: (tabId: number) => Promise<unknown>) {
  const tabs = await browser.tabs.query({});
  // A tab without our content script (browser pages, other extensions) simply does not answer.
  await Promise.allSettled(tabs.flatMap((tab) => (tab.id === undefined ? [] : [send(tab.id)])));
}

function sendCommand(tabId: number, command: PageCommand, frameId?: number) {
  return contentMessenger
    .sendMessage('page:command', { command }, frameId === undefined ? tabId : { tabId, frameId })
    .catch(() => undefined);
}

/** Opens the PDF reader on a web address, next to the tab it came from. */
function openInReader(url: string, afterIndex?: number) {
  return browser.tabs.create({ url: readerUrl(url), ...(afterIndex === undefined ? {} : { index: afterIndex + 1 }) });
}

export default defineBackground(() => {
  const packs = new InstalledConcepts(
    new PackStore(openPacksDb(), corpus.concepts),
    corpus,
    { read: () => installedMatcherItem.getValue(), write: (value) => installedMatcherItem.setValue(value) },
    browser.runtime.getManifest().version,
  );
  // The notes may name every concept the packs hold or held: the same map, kept current by `packs`.
  const store = new NotesStore(openNotesDb(), packs.names);
  const packsRead = packs.refresh().catch((e: unknown) => console.error('Alliance Lens: the concept packs could not be read.', e));
  // Notes are the reader's own work: ask the browser never to evict them.
  navigator.storage?.persist?.().catch(() => undefined);

  // Open in context: the page's top frame reveals the note once it has reported its page.
  const reveals = new PendingReveals((tabId, reveal) => contentMessenger.sendMessage('page:revealNote', reveal, { tabId, frameId: 0 }));
  // Which page each notes frame serves outlives a service-worker restart, and goes with its tab.
  const framePages = new FramePages(browser.storage.session);
  browser.tabs.onRemoved.addListener((tabId) => {
    reveals.forget(tabId);
    void framePages.forgetTab(tabId);
  });

  const context = {
    store,
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    get corpus() {
      return packs.corpus;
    },
    packs,
    // A burst of 5 note writes per tab, then one a second.
    writeLimit: new RateLimiter<number>(5, 1_000),
    frameNonces: new FrameNonces(),
    framePages,
    onNotesChanged(change: NotesChange) {
      void broadcastToTabs((tabId) => contentMessenger.sendMessage('notes:changed', change, tabId));
    },
    async openExtensionPage(path: string, openerTabId?: number) {
      await browser.tabs.create({ url: browser.runtime.getURL(`/${path}` as '/dashboard.html'), openerTabId });
    },
    async openInContext(url: string, reveal: NoteReveal, openerTabId?: number) {
      const tab = await browser.tabs.create({ url, openerTabId });
      if (tab.id !== undefined) reveals.add(tab.id, reveal);
    },
    onPageReport(tabId: number, counts: Record<string, number>) {
      void reveals.onReport(tabId);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      void browser.action.setBadgeText({ tabId, text: total ? String(Object.keys(counts).length) : '' });
      void browser.action.setBadgeBackgroundColor({ tabId, color: '#163460' });
    },
  };

  for (const type of Object.keys(backgroundRequests) as (keyof typeof backgroundRequests)[]) {
    // Every answer waits for the packs: a card asking for a pack concept right after a wake-up finds it.
    backgroundMessenger.onMessage(type, async (message) => {
      await packsRead;
      return routeRequest(type, message.data, message.sender, context) as never;
    });
  }

  // Error messages and the context menu follow the interface language (the manifest's strings follow the browser's).
  const applyLanguage = (s: Settings | null) => {
    setLanguage(s?.language);
    browser.contextMenus.update(ADD_NOTE_MENU_ID, { title: t('menuAddNote') }).catch(() => undefined);
    browser.contextMenus.update(OPEN_PDF_MENU_ID, { title: t('menu_openPdf') }).catch(() => undefined);
    browser.contextMenus.update(ADD_CONCEPT_MENU_ID, { title: t('menuAddConcept') }).catch(() => undefined);
  };
  void settingsItem.getValue().then(applyLanguage);
  settingsItem.watch(applyLanguage);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    browser.contextMenus.create({ id: ADD_NOTE_MENU_ID, title: t('menuAddNote'), contexts: ['selection'] });
    browser.contextMenus.create({ id: ADD_CONCEPT_MENU_ID, title: t('menuAddConcept'), contexts: ['selection'] });
    browser.contextMenus.create({
      id: OPEN_PDF_MENU_ID,
      title: t('menu_openPdf'),
      contexts: ['link'],
      targetUrlPatterns: PDF_LINK_PATTERNS,
    });
    // A first install only: an update or a browser update must not open tabs.
    if (reason === 'install') void context.openExtensionPage('dashboard.html#/welcome');
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === ADD_NOTE_MENU_ID && tab?.id !== undefined) void sendCommand(tab.id, 'add-passage-note', info.frameId);
    // The selected term becomes the first alias of a new concept in the dashboard's form.
    if (info.menuItemId === ADD_CONCEPT_MENU_ID && info.selectionText)
      void context.openExtensionPage(`dashboard.html#/packs/add/${encodeURIComponent(info.selectionText.trim().slice(0, 120))}`, tab?.id);
    if (info.menuItemId === OPEN_PDF_MENU_ID && info.linkUrl) void openInReader(info.linkUrl, tab?.index);
  });
  browser.commands.onCommand.addListener(async (command) => {
    if (!isPageCommand(command)) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await sendCommand(tab.id, command);
  });
});
