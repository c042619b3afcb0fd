import { render } from 'preact';
import { t } from '@/lib/i18n';
import { useInstalledCorpus } from '@/components/hooks/use-corpus';
import { PagePanel } from '@/components/panels/PagePanel';
import { Brand } from '@/components/panels/Brand';
import { DbHealthBanner } from '@/components/panels/DbHealthBanner';
import { PageNotes } from '@/components/panels/PageNotes';
import { useActivePage } from '@/components/hooks/use-browser';
import { useLanguage } from '@/components/use-language';
import '@/components/panels/panels.css';

function SidePanel() {
  const lang = useLanguage();
  const [page] = useActivePage();
  const { corpus } = useInstalledCorpus();
  if (!lang) return null;
  return (
    <main style={{ padding: '12px 14px' }}>
      <Brand />
      <DbHealthBanner />
      <PagePanel page={page} corpus={corpus} />
      {page.state === 'ready' && <PageNotes url={page.summary.notesUrl} tabId={page.tabId} notFound={page.summary.notesNotFound} />}
      <p>
        <a href="/dashboard.html#/notes" target="_blank" rel="noopener">
          {t('panel_openDashboard')}
        </a>
      </p>
    </main>
  );
}

render(<SidePanel />, document.getElementById('app')!);
