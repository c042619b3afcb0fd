/**
 * Where a PDF's bytes come from: a local file (read in the page, never sent
 * anywhere) or a web address (fetched by the reader only, without cookies;
 * an origin the extension cannot read yet is asked for when it is needed).
 */
import { browser } from 'wxt/browser';
import { looksLikePdf, MAX_PDF_BYTES, originPattern, parsePdfUrl, type OpenFailure } from './errors';

export type Loaded<T> = { ok: true; value: T } | { ok: false; failure: OpenFailure };

function checkBytes(bytes: Uint8Array): Loaded<Uint8Array> {
  return looksLikePdf(bytes) ? { ok: true, value: bytes } : { ok: false, failure: { kind: 'not-pdf' } };
}

export async function readLocalFile(file: Blob): Promise<Loaded<Uint8Array>> {
  if (file.size > MAX_PDF_BYTES) return { ok: false, failure: { kind: 'too-large' } };
  return checkBytes(new Uint8Array(await file.arrayBuffer()));
}

export async function fetchPdf(raw: string, fetcher: typeof fetch = fetch): Promise<Loaded<Uint8Array>> {
  const url = parsePdfUrl(raw);
  if (!url) return { ok: false, failure: { kind: 'unsupported-url', detail: raw.slice(0, 200) } };
  let response: Response;
  try {
    response = await fetcher(url, { credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    // A cross-origin request the server does not allow fails like a network error: ask for the site if we lack it.
    const granted = await browser.permissions.contains({ origins: [originPattern(url)] }).catch(() => false);
    return { ok: false, failure: granted ? { kind: 'network', detail: String(e) } : { kind: 'needs-permission', origin: url.origin } };
  }
  if (!response.ok)
    return { ok: false, failure: response.status === 404 ? { kind: 'not-found' } : { kind: 'network', detail: `HTTP ${response.status}` } };
  if (Number(response.headers.get('content-length') ?? 0) > MAX_PDF_BYTES) return { ok: false, failure: { kind: 'too-large' } };
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_PDF_BYTES) return { ok: false, failure: { kind: 'too-large' } };
  return checkBytes(bytes);
}

/** Asks for read access to one origin; must run in the click that asked for it. */
export function requestOriginAccess(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(new URL(origin))] }).catch(() => false);
}
