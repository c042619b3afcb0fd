/**
 * The reader's document: opens a PDF from a file, a drop or a web address
 * (?url=), renders it with the viewer, reads every page's text after the
 * first is shown, and applies the reader's settings to it.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { currentMatcher } from '@/lib/matcher/installed';
import type { CompiledMatcher } from '@/lib/matcher/compile';
import type { Corpus } from '@/lib/corpus/schema';
import { useInstalledCorpus } from '@/components/hooks/use-corpus';
import { listenersUntilAbort, onAbort } from '@/lib/abort';
import { askBackground } from '@/lib/ask-background';
import { DEFAULT_SETTINGS, isEnabledOn, settingsItem, type Settings } from '@/lib/settings';
import { PdfDocumentText } from '@/lib/pdf/document-text';
import type { PdfOrigin } from '@/lib/pdf/anchor';
import type { OpenFailure } from '@/lib/pdf/errors';
import { fetchPdf, readLocalFile, requestOriginAccess, type Loaded } from '@/lib/pdf/fetch-pdf';
import type { PdfViewer } from './viewer';

const dark = matchMedia('(prefers-color-scheme: dark)').matches;
/** Counts and note anchors are refreshed at most this often while the document is read. */
const PROGRESS_MS = 200;

/** Marks take their colours from the matcher in use and their names from the corpus (concept packs included). */
const markStyleOf = (matcher: CompiledMatcher, corpus: () => Corpus) => ({
  colour: (id: string) => (dark ? matcher.concepts[id]?.colourDark : matcher.concepts[id]?.colour) ?? '#888',
  label: (id: string) => corpus().concepts.find((c) => c.id === id)?.name ?? id,
});

export type Status =
  | { kind: 'idle' }
  | { kind: 'loading'; name: string }
  | { kind: 'password'; retry: boolean; answer(password: string | undefined): void }
  | { kind: 'failed'; failure: OpenFailure; retry?: () => void }
  | { kind: 'ready' };

export interface OpenDoc {
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

/** How far the open document has been read, and the mentions found so far (as the settings filter them). */
export interface Progress {
  pagesRead: number;
  counts: Record<string, number>;
}

/**
 * The open document and its loading. `pages` is the element the viewer renders into; `zoom`, the scale a
 * newly opened document starts at.
 */
export function useDocument(pages: RefObject<HTMLElement | null>, zoom: number) {
  const installed = useInstalledCorpus();
  const corpusRef = useRef(installed.corpus);
  corpusRef.current = installed.corpus;
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [doc, setDoc] = useState<OpenDoc | null>(null);
  const [progress, setProgress] = useState<Progress>({ pagesRead: 0, counts: {} });
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [highlightsOff, setHighlightsOff] = useState(false);
  const [dragging, setDragging] = useState(false);
  /** Open in context of a note on a local file: the file's name, which the reader has to open itself. */
  const wantedFile = useMemo(() => new URLSearchParams(location.search).get('file'), []);
  const docRef = useRef<OpenDoc | null>(null);
  docRef.current = doc;
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const offRef = useRef(false);
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  /** Told of each document as it opens, before it shows: what belonged to the last one goes. */
  const openListeners = useMemo(() => listenersUntilAbort<[OpenDoc]>(), []);

  const counted = (d: OpenDoc, pagesRead: number) => setProgress({ pagesRead, counts: d.text.counts() });

  /**
   * Tells the background this tab shows a document (as a page's content script
   * does): a note's "Open in context" waiting for it is then sent (page:revealNote).
   */
  function report(d: OpenDoc) {
    if (docRef.current === d) void askBackground('page:report', { counts: d.text.counts() }).catch(() => undefined);
  }

  /** The settings' categories and on/off switch (global, or for the PDF's site) applied to the open document. */
  function applySettings(d: OpenDoc, s: Settings) {
    d.text.setCategories(s.categories);
    showHighlights(d, isEnabledOn(s, d.source));
    setProgress((p) => ({ ...p, counts: d.text.counts() }));
  }

  function showHighlights(d: OpenDoc | null, on: boolean) {
    offRef.current = !on;
    setHighlightsOff(!on);
    d?.viewer.showMarks(on);
  }

  /** Reads every page's text after the first is shown: counts and note anchors fill in as it goes. */
  async function readAll(d: OpenDoc) {
    let last = 0;
    for (let i = 0; i < d.pdf.numPages; i++) {
      if (docRef.current !== d) return;
      await d.viewer.readText(i).catch(() => undefined);
      if (performance.now() - last > PROGRESS_MS) {
        last = performance.now();
        counted(d, i + 1);
        report(d);
      }
    }
    d.viewer.remarkAll();
    counted(d, d.pdf.numPages);
    report(d);
  }

  async function open(name: string, origin: PdfOrigin, load: () => Promise<Loaded<Uint8Array>>) {
    const source = 'url' in origin ? origin.url : origin.fileName;
    setStatus({ kind: 'loading', name });
    // PDF.js (most of the reader's code) loads with the first document, not before the welcome shows.
    const [bytes, { openPdf }, { PdfViewer }] = await Promise.all([load(), import('./open-pdf'), import('./viewer')]);
    if (!bytes.ok) return setStatus({ kind: 'failed', failure: bytes.failure });
    const opened = await openPdf(bytes.value, (retry) => new Promise((answer) => setStatus({ kind: 'password', retry, answer })));
    if (!opened.ok) return setStatus({ kind: 'failed', failure: opened.failure });
    const pdf = opened.value;
    docRef.current?.viewer.destroy();
    void docRef.current?.pdf.destroy();
    const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: string } | undefined;
    const title = info?.Title?.trim() || name;
    const fingerprint = pdf.fingerprints[0] ?? '';
    const matcher = await currentMatcher();
    const text = new PdfDocumentText(matcher, title, pdf.numPages);
    document.title = `${title} — Alliance Lens`;
    setProgress({ pagesRead: 0, counts: {} });
    setStatus({ kind: 'ready' });
    const viewer = new PdfViewer(
      pages.current!,
      pdf,
      text,
      markStyleOf(matcher, () => corpusRef.current),
    );
    let readDone = () => {};
    const next: OpenDoc = { pdf, text, viewer, fingerprint, title, source, origin, read: new Promise((done) => (readDone = done)) };
    docRef.current = next;
    openListeners.emit(next);
    applySettings(next, settingsRef.current);
    setDoc(next);
    await viewer.init(zoomRef.current);
    report(next);
    void readAll(next).finally(readDone);
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

  return {
    status,
    doc,
    /** The open document now, for handlers that outlive a render. */
    docRef,
    progress,
    settings,
    highlightsOff,
    wantedFile,
    openFile,
    /** Adds a listener told of each document that opens, until `signal` aborts. */
    onOpen: openListeners.add,
    /** Highlights on or off in this document until the settings change (the toggle command). */
    toggleHighlights: () => showHighlights(docRef.current, offRef.current),
    /** Opens ?url= once the settings are read, and applies every later change of the settings. */
    start(signal: AbortSignal) {
      const url = new URLSearchParams(location.search).get('url');
      void settingsItem.getValue().then((s) => {
        if (signal.aborted) return;
        setSettings(s);
        settingsRef.current = s;
        if (url) openUrl(url);
      });
      const unwatch = settingsItem.watch((s) => {
        setSettings(s);
        if (docRef.current) applySettings(docRef.current, s);
      });
      onAbort(signal, unwatch);
    },
    /** The reader's whole window takes a dropped PDF. */
    drop: {
      dragging,
      onDragOver(e: DragEvent) {
        if (!e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      },
      onDragLeave: (e: DragEvent) => e.relatedTarget === null && setDragging(false),
      onDrop(e: DragEvent) {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer?.files[0];
        if (file) openFile(file);
      },
    },
  };
}

export type ReaderDocument = ReturnType<typeof useDocument>;
