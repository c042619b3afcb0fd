/**
 * What the reader tells someone whose PDF did not open: PDF.js's exceptions
 * (and fetch failures) turned into one clear sentence each.
 */
export type OpenFailure =
  | {
      kind: 'not-pdf' | 'password' | 'wrong-password' | 'too-large' | 'not-found' | 'network' | 'unsupported-url' | 'unknown';
      detail?: string;
    }
  | { kind: 'needs-permission'; origin: string };

/** 200 MB: larger files are refused before they are read into memory. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

const PDF_MAGIC = '%PDF-';

/** PDF.js looks for the header in the first kilobyte; so do we, to refuse other files quickly and clearly. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes(PDF_MAGIC);
}

/** A failure from PDF.js's getDocument, by the exception's name. */
export function classifyPdfError(error: unknown): OpenFailure {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return { kind: /incorrect/i.test(message) ? 'wrong-password' : 'password' };
  if (name === 'InvalidPDFException' || /invalid pdf|bad xref|no pdf header/i.test(message)) return { kind: 'not-pdf', detail: message };
  if (name === 'MissingPDFException' || (name === 'ResponseException' && /404|missing/i.test(message)))
    return { kind: 'not-found', detail: message };
  return { kind: 'unknown', detail: message };
}

/** Only web addresses are fetched; anything else (file:, data:, javascript:…) is refused before a request is made. */
export function parsePdfUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The host permission pattern that covers one origin, for permissions.request at the moment of use. */
export function originPattern(url: URL): string {
  return `${url.protocol}//${url.hostname}/*`;
}
