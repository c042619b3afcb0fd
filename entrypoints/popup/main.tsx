import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { PagePanel } from '@/components/panels/PagePanel';
import { Brand } from '@/components/panels/Brand';
import { useActivePage } from '@/components/panels/use-active-page';
import '@/components/panels/panels.css';

/** Opened as a page (`?tab=<id>`), the popup stays open after revealing a concept. */
const openedAsPage = new URLSearchParams(location.search).has('tab');

async function openSidePanel() {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  const api = browser as unknown as {
    sidePanel?: { open(o: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (api.sidePanel && tab?.windowId !== undefined) await api.sidePanel.open({ windowId: tab.windowId });
  else await api.sidebarAction?.open();
  window.close();
}

async function openDashboard() {
  await browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html#/notes') });
  if (!openedAsPage) window.close();
}

function Popup() {
  const [page] = useActivePage();
  return (
    <main class="popup">
      <Brand />
      <PagePanel page={page} onRevealed={() => !openedAsPage && window.close()} />
      <nav class="actions" aria-label={t('panel_more')}>
        <button type="button" onClick={() => void openSidePanel()}>
          {t('panel_openSidePanel')}
        </button>
        <button type="button" onClick={() => void openDashboard()}>
          {t('panel_openDashboard')}
        </button>
      </nav>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
