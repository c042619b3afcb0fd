import { render } from 'preact';
import { t } from '@/lib/i18n';
import { NoteList } from '@/components/card/NoteList';
import { corpus } from 'virtual:alliance-corpus';
import { PagePanel } from '@/components/panels/PagePanel';
import { Brand } from '@/components/panels/Brand';
import { DbHealthBanner } from '@/components/panels/DbHealthBanner';
import { useActivePage, useShortcutHint } from '@/components/hooks/use-browser';
import { usePageNotes } from '@/components/hooks/use-notes';
import { useLanguage } from '@/components/use-language';
import '@/components/panels/panels.css';

function PageNotes({ url, notFound }: { url: string; notFound: string[] }) {
  const notes = usePageNotes(url);
  const emptyHint = useShortcutHint('add-passage-note', 'panel_noPageNotesKey', 'panel_noPageNotes');
  const missing = notes.filter((n) => notFound.includes(n.id));
  const anchored = notes.filter((n) => !notFound.includes(n.id));
  return (
    <section aria-label={t('panel_pageNotes')}>
      <h2>{t('panel_pageNotes')}</h2>
      {notes.length === 0 && <p class="muted">{emptyHint}</p>}
      <NoteList notes={anchored} />
      {missing.length > 0 && (
        <>
          <h3>{t('panel_notFound')}</h3>
          <p class="muted">{t('panel_notFoundHint')}</p>
          <NoteList notes={missing} />
        </>
      )}
    </section>
  );
}

function SidePanel() {
  const lang = useLanguage();
  const [page] = useActivePage();
  if (!lang) return null;
  return (
    <main style={{ padding: '12px 14px' }}>
      <Brand />
      <DbHealthBanner />
      <PagePanel page={page} corpus={corpus} />
      {page.state === 'ready' && <PageNotes url={page.summary.notesUrl} notFound={page.summary.notesNotFound} />}
      <p>
        <a href="/dashboard.html#/notes" target="_blank">
          {t('panel_openDashboard')}
        </a>
      </p>
    </main>
  );
}

render(<SidePanel />, document.getElementById('app')!);
