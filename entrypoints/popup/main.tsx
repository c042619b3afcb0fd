import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { readerUrl } from '@/lib/pdf/reader-link';
import { PagePanel } from '@/components/panels/PagePanel';
import { Brand } from '@/components/panels/Brand';
import { useActivePage } from '@/components/panels/use-active-page';
import { useLanguage } from '@/components/use-language';
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

/** A PDF in the browser's viewer: open it in the reader (which fetches it, asking for the site if it must). */
function OpenPdfRow({ url }: { url: string }) {
  return (
    <p class="open-pdf">
      <span class="muted">{t('popup_openPdfHint')}</span>{' '}
      <button
        type="button"
        class="primary"
        onClick={() => {
          void browser.tabs.create({ url: readerUrl(url) });
          if (!openedAsPage) window.close();
        }}
      >
        {t('popup_openPdf')}
      </button>
    </p>
  );
}

function Popup() {
  const lang = useLanguage();
  const [page] = useActivePage();
  if (!lang) return null;
  return (
    <main style={{ width: '340px', padding: '12px 14px' }}>
      <Brand />
      {page.state === 'ready' && page.summary.isPdf && <OpenPdfRow url={page.summary.url} />}
      <PagePanel page={page} onRevealed={() => !openedAsPage && window.close()} />
      <nav class="links" aria-label={t('panel_more')} style={{ marginTop: '12px' }}>
        <button type="button" onClick={() => void openSidePanel()}>
          {t('panel_openSidePanel')}
        </button>
        <a href="/dashboard.html#/notes" target="_blank">
          {t('panel_openDashboard')}
        </a>
        <a href="/reader.html" target="_blank">
          {t('popup_pdfReader')}
        </a>
      </nav>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
