import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { classifyPdfError, looksLikePdf, originPattern, parsePdfUrl } from './errors';
import { fetchPdf, readLocalFile } from './fetch-pdf';

const PDF = new TextEncoder().encode('%PDF-1.7\n%…rest of a file');
const ok = (body: Uint8Array, status = 200) => Promise.resolve(new Response(body as BodyInit, { status }));

describe('opening a PDF from the web', () => {
  it('fetches without cookies and returns the bytes', async () => {
    const fetcher = vi.fn(() => ok(PDF));
    expect(await fetchPdf('https://example.org/report.pdf', fetcher as unknown as typeof fetch)).toEqual({ ok: true, value: PDF });
    expect(fetcher).toHaveBeenCalledWith(new URL('https://example.org/report.pdf'), { credentials: 'omit', cache: 'no-store' });
  });

  it('asks for the site when the request is refused and the extension has no access to it', async () => {
    const refused = () => Promise.reject(new TypeError('Failed to fetch'));
    fakeBrowser.permissions.contains = vi.fn(async () => false) as never;
    expect(await fetchPdf('https://reports.example.org/a/b.pdf?x=1', refused as typeof fetch)).toEqual({
      ok: false,
      failure: { kind: 'needs-permission', origin: 'https://reports.example.org' },
    });
    expect(fakeBrowser.permissions.contains).toHaveBeenCalledWith({ origins: ['https://reports.example.org/*'] });
    fakeBrowser.permissions.contains = vi.fn(async () => true) as never;
    expect(await fetchPdf('https://reports.example.org/b.pdf', refused as typeof fetch)).toMatchObject({
      ok: false,
      failure: { kind: 'network' },
    });
  });

  it('refuses other schemes before any request, and reports 404, other statuses and non-PDF bodies clearly', async () => {
    const fetcher = vi.fn(() => ok(PDF));
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:application/pdf,x', 'not a url']) {
      expect(await fetchPdf(url, fetcher as unknown as typeof fetch)).toMatchObject({ ok: false, failure: { kind: 'unsupported-url' } });
    }
    expect(fetcher).not.toHaveBeenCalled();
    expect(await fetchPdf('https://e.org/x.pdf', (() => ok(PDF, 404)) as typeof fetch)).toEqual({
      ok: false,
      failure: { kind: 'not-found' },
    });
    expect(await fetchPdf('https://e.org/x.pdf', (() => ok(PDF, 500)) as typeof fetch)).toEqual({
      ok: false,
      failure: { kind: 'network', detail: 'HTTP 500' },
    });
    expect(await fetchPdf('https://e.org/x.pdf', (() => ok(new TextEncoder().encode('<!doctype html>'))) as typeof fetch)).toEqual({
      ok: false,
      failure: { kind: 'not-pdf' },
    });
  });
});

describe('local files and PDF.js errors', () => {
  it('reads a local PDF and refuses a file that is not one', async () => {
    expect(await readLocalFile(new Blob([PDF]))).toEqual({ ok: true, value: PDF });
    expect(await readLocalFile(new Blob(['hello']))).toEqual({ ok: false, failure: { kind: 'not-pdf' } });
    expect(looksLikePdf(new Uint8Array([...new TextEncoder().encode('junk\n'), ...PDF]))).toBe(true);
  });

  it('names PDF.js exceptions', () => {
    const named = (name: string, message: string) => Object.assign(new Error(message), { name });
    expect(classifyPdfError(named('PasswordException', 'No password given'))).toEqual({ kind: 'password' });
    expect(classifyPdfError(named('PasswordException', 'Incorrect Password'))).toEqual({ kind: 'wrong-password' });
    expect(classifyPdfError(named('InvalidPDFException', 'Invalid PDF structure.'))).toMatchObject({ kind: 'not-pdf' });
    expect(classifyPdfError(named('UnknownErrorException', 'boom'))).toEqual({ kind: 'unknown', detail: 'boom' });
    expect(originPattern(parsePdfUrl('http://127.0.0.1:8080/a.pdf')!)).toBe('http://127.0.0.1/*');
  });
});
