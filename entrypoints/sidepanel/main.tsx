import { render } from 'preact';
import { t } from '@/lib/i18n';
import { openNotesDb } from '@/lib/notes/db';
import { isWellFormed, type Note } from '@/lib/notes/model';
import { NoteList } from '@/components/card/NoteList';
import { PagePanel } from '@/components/panels/PagePanel';
import { Brand } from '@/components/panels/Brand';
import { DbHealthBanner } from '@/components/panels/DbHealthBanner';
import { useActivePage } from '@/components/panels/use-active-page';
import { useShortcutHint } from '@/components/panels/use-commands';
import { useLive } from '@/components/dashboard/use-live';
import { useLanguage } from '@/components/use-language';
import '@/components/panels/panels.css';

const db = openNotesDb();

function PageNotes({ url, notFound }: { url: string; notFound: string[] }) {
  const notes = useLive<Note[]>(async () => (await db.notes.where('target.url').equals(url).toArray()).filter(isWellFormed), [url], []);
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
      <DbHealthBanner db={db} />
      <PagePanel page={page} />
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
