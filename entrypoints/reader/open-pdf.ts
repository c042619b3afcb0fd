/**
 * Where a PDF's bytes come from: a local file (read in the page, never sent
 * anywhere) or a web address (fetched by this page only, without cookies;
 * another origin needs the host permission the reader asks for when it is needed).
 */
import { browser } from 'wxt/browser';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { classifyPdfError, looksLikePdf, MAX_PDF_BYTES, originPattern, parsePdfUrl, type OpenFailure } from '@/lib/pdf/errors';

// The worker is one of the extension's own files; nothing is loaded from the network.
GlobalWorkerOptions.workerSrc = workerUrl;

export type Loaded<T> = { ok: true; value: T } | { ok: false; failure: OpenFailure };

export async function readLocalFile(file: File): Promise<Loaded<Uint8Array>> {
  if (file.size > MAX_PDF_BYTES) return { ok: false, failure: { kind: 'too-large' } };
  return checkBytes(new Uint8Array(await file.arrayBuffer()));
}

function checkBytes(bytes: Uint8Array): Loaded<Uint8Array> {
  return looksLikePdf(bytes) ? { ok: true, value: bytes } : { ok: false, failure: { kind: 'not-pdf' } };
}

export async function fetchPdf(raw: string): Promise<Loaded<Uint8Array>> {
  const url = parsePdfUrl(raw);
  if (!url) return { ok: false, failure: { kind: 'unsupported-url', detail: raw.slice(0, 200) } };
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    // A cross-origin request the server does not allow fails like a network error: ask for access if we lack it.
    const granted = await browser.permissions.contains({ origins: [originPattern(url)] }).catch(() => false);
    return { ok: false, failure: granted ? { kind: 'network', detail: String(e) } : { kind: 'needs-permission', origin: url.origin } };
  }
  if (!response.ok) return { ok: false, failure: response.status === 404 ? { kind: 'not-found' } : { kind: 'network', detail: `HTTP ${response.status}` } };
  if (Number(response.headers.get('content-length') ?? 0) > MAX_PDF_BYTES) return { ok: false, failure: { kind: 'too-large' } };
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_PDF_BYTES) return { ok: false, failure: { kind: 'too-large' } };
  return checkBytes(bytes);
}

/** Asks for read access to one origin; must run in the click that asked for it. */
export function requestOriginAccess(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
}

/**
 * Opens bytes with PDF.js. `askPassword` is called for a protected file
 * (again, with `retry` true, after a wrong password); resolving undefined cancels.
 */
export async function openPdf(bytes: Uint8Array, askPassword: (retry: boolean) => Promise<string | undefined>): Promise<Loaded<PDFDocumentProxy>> {
  const task = getDocument({ data: bytes, isEvalSupported: false, enableXfa: false, verbosity: 0 });
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
