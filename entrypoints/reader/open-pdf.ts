/** PDF.js, set up for the extension: its worker is one of the extension's own files; nothing is loaded from the network. */
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { classifyPdfError } from '@/lib/pdf/errors';
import type { Loaded } from '@/lib/pdf/fetch-pdf';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Opens bytes with PDF.js. `askPassword` is called for a protected file
 * (again, with `retry` true, after a wrong password); resolving undefined cancels.
 */
export async function openPdf(
  bytes: Uint8Array,
  askPassword: (retry: boolean) => Promise<string | undefined>,
): Promise<Loaded<PDFDocumentProxy>> {
  // Character maps (Korean ones ship with the reader, see wxt.config.ts) are read from the extension itself.
  const task = getDocument({
    data: bytes,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: 0,
    cMapUrl: '/pdf-cmaps/',
    cMapPacked: true,
  });
  let cancelled = false;
  task.onPassword = (update: (password: string) => void, reason: number) => {
    void askPassword(reason === 2).then((password) => {
      if (password === undefined) {
        cancelled = true;
        void task.destroy();
      } else update(password);
    });
  };
  try {
    const pdf = await task.promise;
    if (pdf.numPages < 1) return { ok: false, failure: { kind: 'not-pdf' } };
    return { ok: true, value: pdf };
  } catch (e) {
    return { ok: false, failure: cancelled ? { kind: 'password' } : classifyPdfError(e) };
  }
}
