import { render } from 'preact';
import { t } from '@/lib/i18n';
import { readerUrl } from '@/lib/pdf/reader-link';
import { useInstalledCorpus } from '@/components/hooks/use-corpus';
import { PagePanel } from '@/components/panels/PagePanel';
import { Brand } from '@/components/panels/Brand';
import { extensionPageUrl, openInNewTab, openSidePanelOfActiveWindow, useActivePage } from '@/components/hooks/use-browser';
import { useLanguage } from '@/components/use-language';
import '@/components/panels/panels.css';

/** Opened as a page (`?tab=<id>`), the popup stays open after revealing a concept. */
const openedAsPage = new URLSearchParams(location.search).has('tab');

async function openSidePanel() {
  await openSidePanelOfActiveWindow();
  window.close();
}

/** Opens `url` in a new tab; the popup closes after it, as after any of its actions. */
async function openTab(url: string) {
  await openInNewTab(url);
  if (!openedAsPage) window.close();
}

/** A PDF in the browser's viewer: open it in the reader (which fetches it, asking for the site if it must). */
function OpenPdfRow({ url }: { url: string }) {
  return (
    <p class="open-pdf">
      <span class="muted">{t('popup_openPdfHint')}</span>{' '}
      <button type="button" class="primary" onClick={() => void openTab(readerUrl(url))}>
        {t('popup_openPdf')}
      </button>
    </p>
  );
}

function Popup() {
  const lang = useLanguage();
  const [page] = useActivePage();
  const { corpus } = useInstalledCorpus();
  if (!lang) return null;
  return (
    <main class="popup">
      <Brand />
      {page.state === 'ready' && page.summary.isPdf && <OpenPdfRow url={page.summary.url} />}
      <nav class="actions" aria-label={t('panel_more')}>
        <button type="button" onClick={() => void openSidePanel()}>
          {t('panel_openSidePanel')}
        </button>
        <button type="button" onClick={() => void openTab(extensionPageUrl('/dashboard.html#/notes'))}>
          {t('panel_openDashboard')}
        </button>
        <button type="button" onClick={() => void openTab(extensionPageUrl('/reader.html'))}>
          {t('popup_pdfReader')}
        </button>
      </nav>
      <PagePanel page={page} corpus={corpus} onRevealed={() => !openedAsPage && window.close()} />
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
