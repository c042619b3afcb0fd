/**
 * One URL per page for passage notes: the canonical link when the page names
 * one on its own origin, without tracking parameters or fragment.
 */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|mkt_tok|ref_src|yclid)$/i;

export function normalisePageUrl(url: string, canonicalHref?: string | null): string {
  let chosen: URL;
  try {
    chosen = new URL(url);
  } catch {
    return url;
  }
  if (canonicalHref) {
    try {
      const canonical = new URL(canonicalHref, chosen);
      // Same origin only: another port or scheme of the same host is another site, which must not get this page's notes.
      if (canonical.origin === chosen.origin && /^https?:$/.test(canonical.protocol)) chosen = canonical;
    } catch {
      // A malformed canonical link is ignored.
    }
  }
  chosen.hash = '';
  const kept = [...chosen.searchParams].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  chosen.search = new URLSearchParams(kept).toString();
  return chosen.toString();
}

/**
 * The origin whose notes a page may be given: an http(s) page's scheme, host
 * and port; every local file one origin; none for anything else (a PDF's
 * `urn:x-pdf:` key, `about:`, `data:`), which no web page may name.
 */
export function pageOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (/^https?:$/.test(parsed.protocol)) return parsed.origin;
    return parsed.protocol === 'file:' ? 'file://' : undefined;
  } catch {
    return undefined;
  }
}

/** The URL a document's passage notes are kept under. */
export function pageUrlOf(doc: Document): string {
  return normalisePageUrl(doc.location.href, doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href);
}

/**
 * The URL to link a note's page with, or undefined: an imported file may
 * carry any string, and a `javascript:` or `data:` link must never be clickable.
 */
export function linkablePageUrl(url: string): string | undefined {
  try {
    return /^(https?|file):$/.test(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}
