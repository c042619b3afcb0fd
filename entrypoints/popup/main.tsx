import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { PagePanel } from '@/components/panels/PagePanel';
import { askPage, useActivePage, type ActivePage } from '@/components/panels/use-active-page';
import '@/components/panels/panels.css';

/** `popup.html?tab=<id>` shows a given tab (used when the popup is opened as a page, e.g. in tests). */
const requestedTab = Number(new URLSearchParams(location.search).get('tab')) || undefined;

function useRequestedOrActivePage(): ActivePage {
  const [active] = useActivePage();
  const [requested, setRequested] = useState<ActivePage>({ state: 'loading' });
  useEffect(() => {
    if (requestedTab !== undefined) void askPage(requestedTab).then(setRequested);
  }, []);
  return requestedTab !== undefined ? requested : active;
}

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

function Popup() {
  const page = useRequestedOrActivePage();
  return (
    <main style={{ width: '340px', padding: '12px 14px' }}>
      <header class="brand">
        <img src="/icon/32.png" alt="" />
        <h1>{t('extName')}</h1>
      </header>
      <PagePanel page={page} onRevealed={() => requestedTab === undefined && window.close()} />
      <nav class="links" aria-label={t('panel_more')} style={{ marginTop: '12px' }}>
        <button type="button" onClick={() => void openSidePanel()}>
          {t('panel_openSidePanel')}
        </button>
        <a href="/dashboard.html#/notes" target="_blank">
          {t('panel_openDashboard')}
        </a>
      </nav>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
