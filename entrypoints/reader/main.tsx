/**
 * Alliance Lens's PDF reader: opens a PDF from a file, a drop or a web
 * address (?url=), renders pages lazily with PDF.js, highlights concepts in
 * the text layer with the same matcher and evidence rules as web pages, and
 * keeps passage notes anchored to the document's fingerprint.
 *
 * This file only composes: the document (use-document), its passage notes,
 * search, the card, and the answers to the popup, side panel and background
 * (page-answers), each started with one signal that the reader's teardown aborts.
 */
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { lastInFirstOut } from '@/lib/abort';
import { InLanguage } from '@/components/use-language';
import { t } from '@/lib/i18n';
import { NoteEditor } from '@/components/card/NoteEditor';
import { ReaderCard } from './ReaderCard';
import { Sidebar } from './Sidebar';
import { Toolbar, usePageView } from './Toolbar';
import { Welcome } from './Welcome';
import { useCard } from './use-card';
import { useDocument } from './use-document';
import { usePageAnswers } from './page-answers';
import { usePassageNotes } from './use-passage-notes';
import { useOverlays, useSearch } from './use-search';
import '@/components/panels/panels.css';
import './reader.css';

function Reader() {
  const pagesRef = useRef<HTMLElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const view = usePageView();
  const reading = useDocument(pagesRef, view.zoom);
  const { doc, status } = reading;
  const notes = usePassageNotes(reading);
  const search = useSearch(doc);
  useOverlays(doc, notes.notes, notes.anchors, search.search);
  const card = useCard(pagesRef, doc);
  const answers = usePageAnswers(reading, notes, card);

  // One abort stops every feature, the last started first.
  useEffect(() => {
    const teardown = new AbortController();
    const feature = lastInFirstOut(teardown.signal);
    reading.start(feature());
    notes.start(feature());
    search.start(feature(), reading);
    card.start(feature(), reading);
    answers.start(feature());
    return () => teardown.abort();
  }, []);

  const { selection, drafting } = notes;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the whole window takes a dropped PDF; the Open button is the keyboard's way to the same.
    <div
      class={`reader${reading.drop.dragging ? ' dragging' : ''}`}
      onDragOver={reading.drop.onDragOver}
      onDragLeave={reading.drop.onDragLeave}
      onDrop={reading.drop.onDrop}
    >
      <Toolbar doc={doc} progress={reading.progress} view={view} fileInput={fileRef} onOpenFile={reading.openFile} />
      {answers.notice && (
        <p class="notice" role="status" data-testid="reader-notice">
          {answers.notice}
        </p>
      )}
      <div class="body">
        {doc && (
          <Sidebar
            pdf={doc.pdf}
            counts={reading.progress.counts}
            notes={notes.notes}
            anchors={notes.anchors}
            search={search.search}
            onSearch={search.run}
            onStep={search.step}
            onGoToPage={(i) => doc.viewer.scrollToPage(i)}
            onReveal={(id) => void answers.reveal(id)}
            shownNoteId={answers.shownNote}
            onShowNote={(n) => {
              const a = notes.anchors[n.id];
              if (a?.state === 'found') void doc.viewer.reveal(a.passage.pageIndex, a.passage.start, a.passage.end);
            }}
          />
        )}
        <main
          class={`pages al-style-${reading.settings.style}`}
          ref={pagesRef}
          tabIndex={-1}
          aria-label={t('reader_pages')}
          onScroll={() => view.onScroll(doc)}
          onMouseUp={() => setTimeout(notes.onSelectionEnd, 0)}
          onKeyUp={(e) => e.shiftKey && notes.onSelectionEnd()}
          {...card.mentionEvents}
        />
        {status.kind !== 'ready' && <Welcome status={status} wantedFile={reading.wantedFile} onPick={() => fileRef.current?.click()} />}
      </div>
      {card.card && (
        <ReaderCard
          state={card.card}
          source={card.source}
          notesChange={answers.notesChange}
          onChange={card.setCard}
          onClose={card.close}
          onEnter={card.onEnter}
          onLeave={card.onLeave}
        />
      )}
      {selection && !drafting && (
        <button
          type="button"
          class="primary add-note"
          style={{ left: `${selection.x}px`, top: `${selection.y}px` }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => notes.draft(selection.passage)}
        >
          {t('note_addButton')}
        </button>
      )}
      {drafting && doc && (
        <div
          class="note-draft"
          role="dialog"
          aria-label={t('reader_noteDialog')}
          onKeyDown={(e) => e.key === 'Escape' && notes.draft(null)}
        >
          <blockquote class="note-quote">{doc.text.page(drafting.pageIndex)?.text.slice(drafting.start, drafting.end)}</blockquote>
          <NoteEditor
            label={t('reader_noteDialog')}
            onSave={(body, tags) => notes.save(drafting, body, tags)}
            onCancel={() => notes.draft(null)}
          />
        </div>
      )}
    </div>
  );
}

render(
  <InLanguage>
    <Reader />
  </InLanguage>,
  document.getElementById('app')!,
);
