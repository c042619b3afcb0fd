/**
 * Alliance Lens's PDF reader: opens a PDF from a file, a drop or a web
 * address (?url=), renders pages lazily with PDF.js, highlights concepts in
 * the text layer with the same matcher and evidence rules as web pages, and
 * keeps passage notes anchored to the document's fingerprint.
 */
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { compiledMatcher } from 'virtual:alliance-matcher';
import { corpus } from 'virtual:alliance-corpus';
import { contentMessenger, touchesPage, type NoteReveal } from '@/lib/messages';
import { askBackground } from '@/lib/ask-background';
import { DEFAULT_SETTINGS, isEnabledOn, settingsItem, type Settings } from '@/lib/settings';
import { InLanguage } from '@/components/use-language';
import { t } from '@/lib/i18n';
import { MAX_CONCEPT_IDS, type Note, type PassageNote } from '@/lib/notes/model';
import { PdfDocumentText } from '@/lib/pdf/document-text';
import { anchorPdfPassage, describePdfPassage, pdfNotesUrl, type AnchorResult, type PdfOrigin, type PdfPassage } from '@/lib/pdf/anchor';
import { describePdfMention, mentionIn } from '@/lib/pdf/note-context';
import type { OpenFailure } from '@/lib/pdf/errors';
import { NoteEditor } from '@/components/card/NoteEditor';
import { Brand } from '@/components/panels/Brand';
import { fetchPdf, readLocalFile, requestOriginAccess, type Loaded } from '@/lib/pdf/fetch-pdf';
import { openPdf } from './open-pdf';
import { PdfViewer, type Overlay } from './viewer';
import { ReaderCard, type CardState } from './ReaderCard';
import type { PageCommand } from '@/lib/commands';
import { Sidebar, type SearchHit } from './Sidebar';
import { HOVER_CLOSE_MS, HOVER_OPEN_MS } from '@/lib/placement';
import '@/components/panels/panels.css';
import './reader.css';

const dark = matchMedia('(prefers-color-scheme: dark)').matches;
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
/** Counts and note anchors are refreshed at most this often while the document is read. */
const PROGRESS_MS = 200;

const markStyle = {
  colour: (id: string) => (dark ? compiledMatcher.concepts[id]?.colourDark : compiledMatcher.concepts[id]?.colour) ?? '#888',
  label: (id: string) => corpus.concepts.find((c) => c.id === id)?.name ?? id,
};

type Status =
  | { kind: 'idle' }
  | { kind: 'loading'; name: string }
  | { kind: 'password'; retry: boolean; answer(password: string | undefined): void }
  | { kind: 'failed'; failure: OpenFailure; retry?: () => void }
  | { kind: 'ready' };

interface OpenDoc {
  pdf: PDFDocumentProxy;
  text: PdfDocumentText;
  viewer: PdfViewer;
  fingerprint: string;
  title: string;
  /** Where it came from, shown to the reader: a web address or a file name. */
  source: string;
  /** The same, as notes written here record it. */
  origin: PdfOrigin;
  /** Settles once every page's text is read. */
  read: Promise<void>;
}

function failureMessage(f: OpenFailure): string {
  switch (f.kind) {
    case 'needs-permission':
      return t('reader_needsPermission', f.origin);
    case 'not-pdf':
      return t('reader_errorNotPdf');
    case 'password':
      return t('reader_errorPassword');
    case 'wrong-password':
      return t('reader_errorWrongPassword');
    case 'too-large':
      return t('reader_errorTooLarge');
    case 'not-found':
      return t('reader_errorNotFound');
    case 'network':
      return t('reader_errorNetwork', f.detail ?? '');
    case 'unsupported-url':
      return t('reader_errorUrl');
    default:
      return t('reader_errorUnknown', f.detail ?? '');
  }
}

function Reader() {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [doc, setDoc] = useState<OpenDoc | null>(null);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [pagesRead, setPagesRead] = useState(0);
  const [notes, setNotes] = useState<PassageNote[]>([]);
  const [anchors, setAnchors] = useState<Record<string, AnchorResult>>({});
  const [zoom, setZoom] = useState(1.25);
  const [page, setPage] = useState(0);
  const [card, setCard] = useState<CardState | null>(null);
  /** Bumped by each notes change; `noteId`, the note a save stored (the card that saved it has reloaded already). */
  const [notesChange, setNotesChange] = useState<{ version: number; noteId?: string }>({ version: 0 });
  const [selection, setSelection] = useState<{ passage: PdfPassage; x: number; y: number } | null>(null);
  const [drafting, setDrafting] = useState<PdfPassage | null>(null);
  const [search, setSearch] = useState<{ hits: SearchHit[]; current: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [highlightsOff, setHighlightsOff] = useState(false);
  /** Open in context of a note on a local file: the file's name, which the reader has to open itself. */
  const wantedFile = useMemo(() => new URLSearchParams(location.search).get('file'), []);
  /** A note brought into view (marked in the side bar), and what Open in context has to say. */
  const [shownNote, setShownNote] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const offRef = useRef(false);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const pagesRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const docRef = useRef<OpenDoc | null>(null);
  docRef.current = doc;
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const scrollFrame = useRef(0);
  const summaryRef = useRef({ counts, notFound: [] as string[], off: false });

  // ----- opening -----
  async function open(name: string, origin: PdfOrigin, load: () => Promise<Loaded<Uint8Array>>) {
    const source = 'url' in origin ? origin.url : origin.fileName;
    setStatus({ kind: 'loading', name });
    const bytes = await load();
    if (!bytes.ok) return setStatus({ kind: 'failed', failure: bytes.failure });
    const opened = await openPdf(bytes.value, (retry) => new Promise((answer) => setStatus({ kind: 'password', retry, answer })));
    if (!opened.ok) return setStatus({ kind: 'failed', failure: opened.failure });
    const pdf = opened.value;
    docRef.current?.viewer.destroy();
    void docRef.current?.pdf.destroy();
    const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: string } | undefined;
    const title = info?.Title?.trim() || name;
    const fingerprint = pdf.fingerprints[0] ?? '';
    const text = new PdfDocumentText(compiledMatcher, title, pdf.numPages);
    document.title = `${title} — Alliance Lens`;
    setCounts({});
    setPagesRead(0);
    setAnchors({});
    setSearch(null);
    setCard(null);
    setStatus({ kind: 'ready' });
    const viewer = new PdfViewer(pagesRef.current!, pdf, text, markStyle);
    let readDone = () => undefined as void;
    const next: OpenDoc = { pdf, text, viewer, fingerprint, title, source, origin, read: new Promise((done) => (readDone = done)) };
    docRef.current = next;
    applySettings(next, settingsRef.current);
    setDoc(next);
    setNotice(null);
    setShownNote(null);
    await viewer.init(zoom);
    await loadNotes(next);
    report(next);
    void readAll(next).finally(readDone);
  }

  /**
   * Tells the background this tab shows a document (as a page's content script
   * does): a note's "Open in context" waiting for it is then sent (page:revealNote).
   */
  function report(d: OpenDoc) {
    if (docRef.current === d) void askBackground('page:report', { counts: d.text.counts() }).catch(() => undefined);
  }

  function openFile(file: File) {
    void open(file.name, { fileName: file.name }, () => readLocalFile(file));
  }

  function openUrl(url: string) {
    const name = decodeURIComponent(url.split(/[?#]/)[0]!.split('/').pop() || url);
    void open(name, { url }, async () => {
      const result = await fetchPdf(url);
      if (!result.ok && result.failure.kind === 'needs-permission') {
        const origin = result.failure.origin;
        setStatus({
          kind: 'failed',
          failure: result.failure,
          // Runs in the reader's click: the browser asks the reader for this one site only.
          retry: () => void requestOriginAccess(origin).then((granted) => granted && openUrl(url)),
        });
        return new Promise<never>(() => undefined);
      }
      return result;
    });
  }

  /** Reads every page's text after the first is shown: counts and note anchors fill in as it goes. */
  async function readAll(d: OpenDoc) {
    let last = 0;
    for (let i = 0; i < d.pdf.numPages; i++) {
      if (docRef.current !== d) return;
      await d.viewer.readText(i).catch(() => undefined);
      if (performance.now() - last > PROGRESS_MS) {
        last = performance.now();
        setPagesRead(i + 1);
        setCounts(d.text.counts());
        refreshAnchors(d);
        report(d);
      }
    }
    setPagesRead(d.pdf.numPages);
    d.viewer.remarkAll();
    setCounts(d.text.counts());
    refreshAnchors(d);
    report(d);
  }

  /**
   * Open in context: brings a note of this document into view (a passage
   * with its note in the side bar; a concept note's mention with its card
   * pinned). False while this is not the note's document, so the background
   * asks again when another is opened. A reveal naming no document (the side
   * panel's, for a note of this tab's document) is for the open one.
   */
  async function revealNote(r: NoteReveal): Promise<boolean> {
    const d = docRef.current;
    if (!d) return false;
    if (r.pdf && r.pdf.fingerprint !== d.fingerprint) {
      if (wantedFile) setNotice(t('reader_otherFile', wantedFile));
      return false;
    }
    let found = anchorPdfPassage(d.text, r);
    if (found.state === 'pending') {
      await d.read;
      found = anchorPdfPassage(d.text, r);
    }
    if (docRef.current !== d) return false;
    if (found.state !== 'found') {
      setNotice(t('reader_contextNotFound'));
      return true;
    }
    setNotice(null);
    const mention = r.conceptId ? mentionIn(d.text, found.passage, r.conceptId) : undefined;
    const mark = mention && (await d.viewer.markAt(found.passage.pageIndex, mention.start));
    if (mark) {
      mark.scrollIntoView({ block: 'center' });
      mark.focus({ preventScroll: true });
      showCard(mark, true);
    } else {
      await d.viewer.reveal(found.passage.pageIndex, found.passage.start, found.passage.end);
      if (!r.conceptId) setShownNote(r.noteId);
    }
    return true;
  }

  async function loadNotes(d: OpenDoc) {
    const list = (await askBackground('notes:forPage', { url: pdfNotesUrl(d.fingerprint) }).catch(() => [] as Note[])).filter(
      (n): n is PassageNote => n.kind === 'passage',
    );
    setNotes(list);
    refreshAnchors(d, list);
  }

  const notesRef = useRef(notes);
  notesRef.current = notes;
  function refreshAnchors(d: OpenDoc, list = notesRef.current) {
    setAnchors(Object.fromEntries(list.map((n) => [n.id, anchorPdfPassage(d.text, n.target)])));
  }

  // ----- overlays: notes found, the current search hit -----
  useEffect(() => {
    if (!doc) return;
    const overlays: Overlay[] = [];
    for (const n of notes) {
      const a = anchors[n.id];
      if (a?.state === 'found') overlays.push({ ...a.passage, kind: 'note', id: n.id });
    }
    const hit = search?.hits[search.current];
    if (hit) overlays.push({ ...hit, kind: 'search', id: 'search' });
    doc.viewer.setOverlays(overlays);
  }, [doc, notes, anchors, search]);

  const notFound = useMemo(() => notes.filter((n) => anchors[n.id]?.state === 'not-found').map((n) => n.id), [notes, anchors]);
  summaryRef.current = { counts, notFound, off: highlightsOff };

  // ----- start-up: ?url=, drag and drop, the popup and side panel asking about this tab -----
  useEffect(() => {
    const url = new URLSearchParams(location.search).get('url');
    void settingsItem.getValue().then((s) => {
      setSettings(s);
      settingsRef.current = s;
      if (url) openUrl(url);
    });
    const unwatch = settingsItem.watch((s) => {
      setSettings(s);
      if (docRef.current) applySettings(docRef.current, s);
    });
    const removeSummary = contentMessenger.onMessage('page:summary', () => {
      const d = docRef.current;
      return {
        url: d ? d.source : location.href,
        notesUrl: d ? pdfNotesUrl(d.fingerprint) : '',
        title: d?.title ?? document.title,
        enabled: !summaryRef.current.off,
        counts: summaryRef.current.off ? {} : summaryRef.current.counts,
        notesNotFound: summaryRef.current.notFound,
      };
    });
    const removeReveal = contentMessenger.onMessage('page:reveal', ({ data }) => reveal(data.conceptId));
    const removeRevealNote = contentMessenger.onMessage('page:revealNote', ({ data }) => revealNote(data));
    const removeCommand = contentMessenger.onMessage('page:command', ({ data }) => onCommand(data.command));
    // Escape closes the card wherever focus is (the card handles it itself when focus is inside).
    const onEscape = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && cardRef.current) closeCard(true);
    };
    document.addEventListener('keydown', onEscape);
    const removeChanged = contentMessenger.onMessage('notes:changed', ({ data }) => {
      setNotesChange((c) => ({ version: c.version + 1, noteId: data.noteId }));
      const d = docRef.current;
      if (d && touchesPage(data, pdfNotesUrl(d.fingerprint))) void loadNotes(d);
    });
    return () => {
      removeSummary();
      removeReveal();
      removeRevealNote();
      removeCommand();
      document.removeEventListener('keydown', onEscape);
      removeChanged();
      unwatch();
    };
  }, []);

  // ----- concept card: hover, focus, click -----
  function mentionAt(target: EventTarget | null): HTMLElement | null {
    const mark = (target as Element | null)?.closest?.<HTMLElement>('.al-pdf-mark');
    if (!mark) return null;
    return pagesRef.current?.querySelector<HTMLElement>(`.al-pdf-mark[data-al-mention="${mark.dataset.alMention}"][tabindex]`) ?? mark;
  }
  const showCard = (mark: HTMLElement, pinned: boolean) => setCard({ mark, view: { conceptId: mark.dataset.conceptId!, pinned, history: [] } });
  const cardRef = useRef(card);
  cardRef.current = card;
  /** The mark focus is being returned to: that focus must not reopen the card just closed. */
  const refocusing = useRef<HTMLElement | null>(null);
  const closeCard = (refocus?: boolean) => {
    const mark = cardRef.current?.mark;
    setCard(null);
    if (refocus && mark) {
      refocusing.current = mark;
      mark.focus();
    }
  };
  const scheduleClose = () => {
    clearTimeout(hoverTimer.current);
    hoverTimer.current = setTimeout(() => {
      if (!cardRef.current?.view.pinned) setCard(null);
    }, HOVER_CLOSE_MS);
  };

  /** The settings' categories and on/off switch (global, or for the PDF's site) applied to the open document. */
  function applySettings(d: OpenDoc, s: Settings) {
    d.text.setCategories(s.categories);
    offRef.current = !isEnabledOn(s, d.source);
    setHighlightsOff(offRef.current);
    d.viewer.showMarks(!offRef.current);
    setCounts(d.text.counts());
  }

  /** The mention last shown (by the keyboard shortcuts or the popup), where the next step starts. */
  const cursor = useRef<{ pageIndex: number; start: number } | undefined>(undefined);

  /** Shows the next (or previous) mention, of one concept or any, with its card. */
  async function step(by: 1 | -1, conceptId?: string): Promise<boolean> {
    const d = docRef.current;
    if (!d) return false;
    const from = cursor.current ?? { pageIndex: d.viewer.currentPage(), start: -1 };
    const next = d.text.step(from, by, conceptId);
    if (!next) return false;
    cursor.current = { pageIndex: next.pageIndex, start: next.mention.start };
    const mark = await d.viewer.markAt(next.pageIndex, next.mention.start);
    if (!mark) return false;
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
    showCard(mark, !!conceptId);
    return true;
  }
  const reveal = (conceptId: string) => step(1, conceptId);

  /** The browser's shortcuts and the "Add note" menu reach the reader as they reach a page. */
  function onCommand(command: PageCommand) {
    if (command === 'next-highlight' || command === 'previous-highlight') void step(command === 'next-highlight' ? 1 : -1);
    else if (command === 'toggle-highlights') {
      const off = !offRef.current;
      offRef.current = off;
      setHighlightsOff(off);
      setCard(null);
      docRef.current?.viewer.showMarks(!off);
    } else {
      const sel = getSelection();
      const passage = sel && docRef.current?.viewer.selectionPassage(sel);
      if (passage) setDrafting(passage);
    }
  }

  // ----- selection → passage note -----
  function onSelectionEnd() {
    const d = docRef.current;
    const sel = getSelection();
    const passage = d && sel ? d.viewer.selectionPassage(sel) : undefined;
    if (!passage || !sel) return setSelection(null);
    const rect = sel.getRangeAt(0).getBoundingClientRect();
    setSelection({ passage, x: rect.left, y: rect.bottom + 6 });
  }

  async function saveNote(passage: PdfPassage, body: string, tags: string[]) {
    const d = docRef.current!;
    // TextPosition counts the text of every page before this one.
    for (let i = 0; i < passage.pageIndex; i++) await d.viewer.readText(i);
    const target = describePdfPassage(d.text, d.fingerprint, d.title, passage, d.origin);
    if (!target) throw new Error(t('reader_noteNoText'));
    // The background keeps at most MAX_CONCEPT_IDS per note: a long passage names its first ones.
    const conceptIds = [...new Set(d.text.mentions(passage.pageIndex).filter((m) => m.start < passage.end && m.end > passage.start).map((m) => m.conceptId))].slice(0, MAX_CONCEPT_IDS);
    await askBackground('notes:save', { kind: 'passage', conceptIds, target, body, tags });
    setDrafting(null);
    await loadNotes(d);
  }

  // ----- search -----
  function runSearch(query: string) {
    const d = docRef.current;
    const q = query.trim().toLowerCase();
    if (!d || !q) return setSearch(null);
    const hits: SearchHit[] = [];
    for (let i = 0; i < d.pdf.numPages && hits.length < 1000; i++) {
      const text = d.text.page(i)?.text.toLowerCase();
      if (!text) continue;
      for (let at = text.indexOf(q); at >= 0 && hits.length < 1000; at = text.indexOf(q, at + 1)) hits.push({ pageIndex: i, start: at, end: at + q.length });
    }
    setSearch({ hits, current: 0 });
    if (hits[0]) void d.viewer.reveal(hits[0].pageIndex, hits[0].start, hits[0].end);
  }
  function stepSearch(by: number) {
    if (!search?.hits.length || !doc) return;
    const current = (search.current + by + search.hits.length) % search.hits.length;
    setSearch({ ...search, current });
    const hit = search.hits[current]!;
    void doc.viewer.reveal(hit.pageIndex, hit.start, hit.end);
  }

  function changeZoom(to: number) {
    setZoom(to);
    doc?.viewer.setScale(to);
  }

  /** What a concept note written on the pinned card's own mention records of where it was written (as on web pages). */
  const cardSource = useMemo(() => {
    const d = docRef.current;
    if (!card || !d || !card.view.pinned || card.mark.dataset.conceptId !== card.view.conceptId) return undefined;
    const pageIndex = Number(card.mark.closest<HTMLElement>('.pdf-page')?.dataset.pageIndex);
    const mention = d.text.mentions(pageIndex).find((m) => m.start === Number(card.mark.dataset.start));
    return mention && describePdfMention(d.text, d.fingerprint, d.title, pageIndex, mention, d.origin);
  }, [card]);

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const numPages = doc?.pdf.numPages ?? 0;

  return (
    <div
      class={`reader${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => e.relatedTarget === null && setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer?.files[0];
        if (file) openFile(file);
      }}
    >
      <header class="toolbar">
        <Brand />
        <button type="button" class="primary" onClick={() => fileRef.current?.click()}>
          {t('reader_openFile')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="application/pdf,.pdf"
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const file = (e.currentTarget as HTMLInputElement).files?.[0];
            if (file) openFile(file);
            (e.currentTarget as HTMLInputElement).value = '';
          }}
        />
        {doc && (
          <>
            <span class="doc-title" title={doc.source}>
              {doc.title}
            </span>
            <span class="group" role="group" aria-label={t('reader_zoom')}>
              <button type="button" aria-label={t('reader_zoomOut')} disabled={zoom <= ZOOMS[0]!} onClick={() => changeZoom(ZOOMS[Math.max(0, ZOOMS.indexOf(zoom) - 1)]!)}>
                −
              </button>
              <output aria-live="polite">{Math.round(zoom * 100)}%</output>
              <button type="button" aria-label={t('reader_zoomIn')} disabled={zoom >= ZOOMS.at(-1)!} onClick={() => changeZoom(ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(zoom) + 1)]!)}>
                +
              </button>
            </span>
            <label class="group">
              <span>{t('reader_page')}</span>
              <input
                type="number"
                min={1}
                max={numPages}
                value={page + 1}
                onChange={(e) => {
                  const n = Number((e.currentTarget as HTMLInputElement).value) - 1;
                  if (n >= 0 && n < numPages) doc.viewer.scrollToPage(n);
                }}
              />
              <span>/ {numPages}</span>
            </label>
            <span class="muted read-status" aria-live="polite">
              {pagesRead < numPages ? t('reader_reading', pagesRead, numPages) : t('reader_summary', Object.keys(counts).length, total)}
            </span>
          </>
        )}
      </header>
      {notice && (
        <p class="notice" role="status" data-testid="reader-notice">
          {notice}
        </p>
      )}
      <div class="body">
        {doc && (
          <Sidebar
            pdf={doc.pdf}
            counts={counts}
            notes={notes}
            anchors={anchors}
            search={search}
            onSearch={runSearch}
            onStep={stepSearch}
            onGoToPage={(i) => doc.viewer.scrollToPage(i)}
            onReveal={(id) => void reveal(id)}
            shownNoteId={shownNote}
            onShowNote={(n) => {
              const a = anchors[n.id];
              if (a?.state === 'found') void doc.viewer.reveal(a.passage.pageIndex, a.passage.start, a.passage.end);
            }}
          />
        )}
        <main
          class={`pages al-style-${settings.style}`}
          ref={pagesRef}
          tabIndex={-1}
          aria-label={t('reader_pages')}
          onScroll={() => {
            // The page number follows the scroll once a frame, not on every scroll event.
            if (scrollFrame.current || !doc) return;
            scrollFrame.current = requestAnimationFrame(() => {
              scrollFrame.current = 0;
              setPage(doc.viewer.currentPage());
            });
          }}
          onMouseUp={() => setTimeout(onSelectionEnd, 0)}
          onKeyUp={(e) => e.shiftKey && onSelectionEnd()}
          onPointerOver={(e) => {
            const mark = mentionAt(e.target);
            if (!mark) return;
            clearTimeout(hoverTimer.current);
            if (cardRef.current?.view.pinned) return;
            hoverTimer.current = setTimeout(() => !cardRef.current?.view.pinned && showCard(mark, false), HOVER_OPEN_MS);
          }}
          onPointerOut={(e) => mentionAt(e.target) && !cardRef.current?.view.pinned && scheduleClose()}
          onFocusIn={(e) => {
            const mark = mentionAt(e.target);
            if (mark === refocusing.current) refocusing.current = null;
            else if (mark && !cardRef.current?.view.pinned) showCard(mark, false);
          }}
          onClick={(e) => {
            const mark = mentionAt(e.target);
            if (!mark || getSelection()?.isCollapsed === false) return;
            clearTimeout(hoverTimer.current);
            showCard(mark, true);
          }}
          onKeyDown={(e) => {
            const mark = mentionAt(e.target);
            if (mark && (e.key === 'Enter' || e.key === ' ')) {
              e.preventDefault();
              showCard(mark, true);
            }
          }}
        />
        {status.kind !== 'ready' && <Welcome status={status} wantedFile={wantedFile} onPick={() => fileRef.current?.click()} />}
      </div>
      {card && (
        <ReaderCard
          state={card}
          source={cardSource}
          notesChange={notesChange}
          onChange={setCard}
          onClose={closeCard}
          onEnter={() => clearTimeout(hoverTimer.current)}
          onLeave={() => !card.view.pinned && scheduleClose()}
        />
      )}
      {selection && !drafting && (
        <button
          type="button"
          class="primary add-note"
          style={{ left: `${selection.x}px`, top: `${selection.y}px` }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            setDrafting(selection.passage);
            setSelection(null);
          }}
        >
          {t('note_addButton')}
        </button>
      )}
      {drafting && doc && (
        <div class="note-draft" role="dialog" aria-label={t('reader_noteDialog')} onKeyDown={(e) => e.key === 'Escape' && setDrafting(null)}>
          <blockquote class="note-quote">{doc.text.page(drafting.pageIndex)?.text.slice(drafting.start, drafting.end)}</blockquote>
          <NoteEditor label={t('reader_noteDialog')} onSave={(body, tags) => saveNote(drafting, body, tags)} onCancel={() => setDrafting(null)} />
        </div>
      )}
    </div>
  );
}

function Welcome({ status, wantedFile, onPick }: { status: Exclude<Status, { kind: 'ready' }>; wantedFile: string | null; onPick(): void }) {
  const [password, setPassword] = useState('');
  return (
    <section class="welcome" aria-live="polite">
      {status.kind === 'idle' && wantedFile && (
        <>
          <h1>{t('reader_welcomeTitle')}</h1>
          <p role="alert" data-testid="open-to-see">
            {t('reader_openToSee', wantedFile)}
          </p>
          <button type="button" class="primary" onClick={onPick}>
            {t('reader_openFile')}
          </button>
          <p class="muted">{t('reader_localOnly')}</p>
        </>
      )}
      {status.kind === 'idle' && !wantedFile && (
        <>
          <h1>{t('reader_welcomeTitle')}</h1>
          <p>{t('reader_welcome')}</p>
          <button type="button" class="primary" onClick={onPick}>
            {t('reader_openFile')}
          </button>
          <p class="muted">{t('reader_localOnly')}</p>
        </>
      )}
      {status.kind === 'loading' && <p>{t('reader_loading', status.name)}</p>}
      {status.kind === 'password' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            status.answer(password);
            setPassword('');
          }}
        >
          <p role="alert">{status.retry ? t('reader_errorWrongPassword') : t('reader_passwordNeeded')}</p>
          <label class="field">
            <span>{t('reader_password')}</span>
            <input type="password" value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} autoFocus />
          </label>
          <button type="submit" class="primary">
            {t('reader_unlock')}
          </button>{' '}
          <button type="button" onClick={() => status.answer(undefined)}>
            {t('reader_cancel')}
          </button>
        </form>
      )}
      {status.kind === 'failed' && (
        <div class="error" role="alert">
          <p>{failureMessage(status.failure)}</p>
          {status.retry && (
            <button type="button" class="primary" onClick={status.retry}>
              {t('reader_allowSite')}
            </button>
          )}
          <button type="button" onClick={onPick}>
            {t('reader_openFile')}
          </button>
        </div>
      )}
    </section>
  );
}

render(
  <InLanguage>
    <Reader />
  </InLanguage>,
  document.getElementById('app')!,
);
