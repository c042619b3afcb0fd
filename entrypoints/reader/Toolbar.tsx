/**
 * The reader's toolbar: open a file, and for the open document its title,
 * zoom, the page in view and how far its text has been read.
 */
import { useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { t } from '@/lib/i18n';
import { Brand } from '@/components/panels/Brand';
import type { OpenDoc, Progress } from './use-document';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** The zoom (kept across documents) and the page in view of `doc` (followed as its pages scroll, once a frame). */
export function usePageView() {
  const [zoom, setScale] = useState(1.25);
  const [page, setPage] = useState(0);
  const scrollFrame = useRef(0);
  return {
    zoom,
    page,
    setZoom(doc: OpenDoc, to: number) {
      setScale(to);
      doc.viewer.setScale(to);
    },
    onScroll(doc: OpenDoc | null) {
      if (scrollFrame.current || !doc) return;
      scrollFrame.current = requestAnimationFrame(() => {
        scrollFrame.current = 0;
        setPage(doc.viewer.currentPage());
      });
    },
  };
}

interface ToolbarProps {
  doc: OpenDoc | null;
  progress: Progress;
  view: ReturnType<typeof usePageView>;
  /** The hidden file input, which the welcome view's button opens too. */
  fileInput: RefObject<HTMLInputElement | null>;
  onOpenFile(file: File): void;
}

export function Toolbar({ doc, progress, view, fileInput, onOpenFile }: ToolbarProps) {
  const { zoom, page } = view;
  const numPages = doc?.pdf.numPages ?? 0;
  const total = Object.values(progress.counts).reduce((a, b) => a + b, 0);
  return (
    <header class="toolbar">
      <Brand />
      <button type="button" class="primary" onClick={() => fileInput.current?.click()}>
        {t('reader_openFile')}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/pdf,.pdf"
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const file = (e.currentTarget as HTMLInputElement).files?.[0];
          if (file) onOpenFile(file);
          (e.currentTarget as HTMLInputElement).value = '';
        }}
      />
      {doc && (
        <>
          <span class="doc-title" title={doc.source}>
            {doc.title}
          </span>
          <span class="group" role="group" aria-label={t('reader_zoom')}>
            <button
              type="button"
              aria-label={t('reader_zoomOut')}
              disabled={zoom <= ZOOMS[0]!}
              onClick={() => view.setZoom(doc, ZOOMS[Math.max(0, ZOOMS.indexOf(zoom) - 1)]!)}
            >
              −
            </button>
            <output aria-live="polite">{Math.round(zoom * 100)}%</output>
            <button
              type="button"
              aria-label={t('reader_zoomIn')}
              disabled={zoom >= ZOOMS.at(-1)!}
              onClick={() => view.setZoom(doc, ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(zoom) + 1)]!)}
            >
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
            {progress.pagesRead < numPages
              ? t('reader_reading', progress.pagesRead, numPages)
              : t('reader_summary', Object.keys(progress.counts).length, total)}
          </span>
        </>
      )}
    </header>
  );
}
