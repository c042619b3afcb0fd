/** The reader's side bar: the document's concepts with counts, search, the outline, and this PDF's notes. */
import { useEffect, useState } from 'preact/hooks';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useInstalledCorpus } from '@/components/hooks/use-corpus';
import { t } from '@/lib/i18n';
import type { PassageNote } from '@/lib/notes/model';
import type { AnchorResult } from '@/lib/pdf/anchor';
import { PageConcepts } from '@/components/panels/PageConcepts';
import { NoteList } from '@/components/card/NoteList';

export interface SearchHit {
  pageIndex: number;
  start: number;
  end: number;
}

interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineNode[];
}

type Tab = 'concepts' | 'search' | 'outline' | 'notes';

export interface SidebarProps {
  pdf: PDFDocumentProxy;
  counts: Record<string, number>;
  notes: PassageNote[];
  anchors: Record<string, AnchorResult>;
  search: { hits: SearchHit[]; current: number } | null;
  onSearch(query: string): void;
  onStep(by: number): void;
  onGoToPage(index: number): void;
  onReveal(conceptId: string): void;
  onShowNote(note: PassageNote): void;
  /** A note Open in context brought into view: the notes tab opens on it. */
  shownNoteId: string | null;
}

async function destPage(pdf: PDFDocumentProxy, dest: OutlineNode['dest']): Promise<number | undefined> {
  const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
  const ref = explicit?.[0];
  if (typeof ref === 'number') return ref;
  if (ref && typeof ref === 'object') return pdf.getPageIndex(ref as { num: number; gen: number }).catch(() => undefined);
  return undefined;
}

function Outline({ pdf, onGoToPage }: { pdf: PDFDocumentProxy; onGoToPage(i: number): void }) {
  const [outline, setOutline] = useState<OutlineNode[] | null>(null);
  useEffect(() => {
    void pdf.getOutline().then(
      (o) => setOutline((o as OutlineNode[] | null) ?? []),
      () => setOutline([]),
    );
  }, [pdf]);
  if (outline === null) return <p class="muted">{t('reader_loadingOutline')}</p>;
  if (!outline.length) return <p class="muted">{t('reader_noOutline')}</p>;
  const tree = (nodes: OutlineNode[]) => (
    <ul class="outline">
      {nodes.map((n, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an outline is read once per document and never reordered; titles may repeat.
        <li key={i}>
          <button type="button" class="link" onClick={() => void destPage(pdf, n.dest).then((p) => p !== undefined && onGoToPage(p))}>
            {n.title}
          </button>
          {n.items.length > 0 && tree(n.items)}
        </li>
      ))}
    </ul>
  );
  return tree(outline);
}

export function Sidebar(props: SidebarProps) {
  const installed = useInstalledCorpus();
  const [tab, setTab] = useState<Tab>('concepts');
  useEffect(() => {
    if (props.shownNoteId) setTab('notes');
  }, [props.shownNoteId]);
  useEffect(() => {
    if (tab === 'notes' && props.shownNoteId)
      document.querySelector(`.found-notes li[data-note-id="${CSS.escape(props.shownNoteId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [tab, props.shownNoteId]);
  const [query, setQuery] = useState('');
  const found = props.notes.filter((n) => props.anchors[n.id]?.state === 'found');
  const missing = props.notes.filter((n) => props.anchors[n.id]?.state === 'not-found');
  const tabs: [Tab, string][] = [
    ['concepts', t('reader_tabConcepts')],
    ['search', t('reader_tabSearch')],
    ['outline', t('reader_tabOutline')],
    ['notes', t('reader_tabNotes', props.notes.length)],
  ];
  return (
    <aside class="sidebar">
      <div role="tablist" class="tabs">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" class="tab-panel">
        {tab === 'concepts' && <PageConcepts corpus={installed.corpus} counts={props.counts} onReveal={props.onReveal} />}
        {tab === 'search' && (
          <form
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              props.onSearch(query);
            }}
          >
            <input
              type="search"
              value={query}
              aria-label={t('reader_searchLabel')}
              placeholder={t('reader_searchLabel')}
              onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
            />
            <button type="submit">{t('reader_find')}</button>
            {props.search && (
              <p aria-live="polite">
                {props.search.hits.length
                  ? t(
                      'reader_hits',
                      props.search.current + 1,
                      props.search.hits.length,
                      props.search.hits[props.search.current]!.pageIndex + 1,
                    )
                  : t('reader_noHits')}{' '}
                {props.search.hits.length > 1 && (
                  <>
                    <button type="button" aria-label={t('reader_previous')} onClick={() => props.onStep(-1)}>
                      ↑
                    </button>
                    <button type="button" aria-label={t('reader_next')} onClick={() => props.onStep(1)}>
                      ↓
                    </button>
                  </>
                )}
              </p>
            )}
          </form>
        )}
        {tab === 'outline' && <Outline pdf={props.pdf} onGoToPage={props.onGoToPage} />}
        {tab === 'notes' && (
          <section aria-label={t('reader_tabNotes', props.notes.length)}>
            {props.notes.length === 0 && <p class="muted">{t('reader_noNotes')}</p>}
            <ul class="found-notes">
              {found.map((n) => {
                const a = props.anchors[n.id];
                return (
                  <li
                    key={n.id}
                    data-note-id={n.id}
                    class={n.id === props.shownNoteId ? 'shown' : undefined}
                    aria-current={n.id === props.shownNoteId ? 'true' : undefined}
                  >
                    <button type="button" class="link" onClick={() => props.onShowNote(n)}>
                      {t('reader_notePage', a?.state === 'found' ? a.passage.pageIndex + 1 : '?')}
                    </button>
                    <NoteList notes={[n]} />
                  </li>
                );
              })}
            </ul>
            {missing.length > 0 && (
              <div class="not-found" data-testid="notes-not-found">
                <h3>{t('reader_notFound')}</h3>
                <p class="muted">{t('reader_notFoundHint')}</p>
                <NoteList notes={missing} />
              </div>
            )}
          </section>
        )}
      </div>
    </aside>
  );
}
