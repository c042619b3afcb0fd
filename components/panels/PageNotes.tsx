import { t } from '@/lib/i18n';
import { NoteList } from '@/components/card/NoteList';
import { revealNoteInPage, useShortcutHint } from '@/components/hooks/use-browser';
import { usePageNotes } from '@/components/hooks/use-notes';

/** The passage notes of the page in the side panel: those marked on the page, then those whose passage was not found. */
export function PageNotes({ url, tabId, notFound }: { url: string; tabId: number; notFound: string[] }) {
  const notes = usePageNotes(url);
  const emptyHint = useShortcutHint('add-passage-note', 'panel_noPageNotesKey', 'panel_noPageNotes');
  const missing = notes.filter((n) => notFound.includes(n.id));
  const anchored = notes.filter((n) => !notFound.includes(n.id));
  return (
    <section aria-label={t('panel_pageNotes')}>
      <h2>{t('panel_pageNotes')}</h2>
      {notes.length === 0 && <p class="muted">{emptyHint}</p>}
      <NoteList notes={anchored} onShow={(note) => revealNoteInPage(tabId, note)} />
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
