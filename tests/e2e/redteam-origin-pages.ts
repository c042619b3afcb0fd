/**
 * The attacker's pages of the other-origin attacks (issue 24), served on a
 * second origin of the same host by the Chromium and Firefox ESR tests.
 */
import { readFileSync } from 'node:fs';
import type { Handler } from '../../scripts/browser';
import { ROOT } from '../../scripts/browser';

const articleHtml = readFileSync(`${ROOT}/data/demo/sample-article.html`, 'utf8');

/** The article's markup with a canonical link to `canonical` (if any) and more markup at the end of its body. */
const copyOf = (canonical: string | null, more = '') =>
  articleHtml
    .replace('</head>', `${canonical ? `<link rel="canonical" href="${canonical}">` : ''}</head>`)
    .replace('</body>', `${more}</body>`);

/** The frame the copy embeds (same attacker origin), itself a copy naming the article canonical. */
export const COPY_FRAME = '/copy-frame.html';

/**
 * `/copy.html`: a copy of the article naming it (`article()`) canonical, embedding a second copy that does too;
 * `/spa.html`: a single-page app naming itself canonical, whose canonical the attack swaps before a pushState.
 */
export function otherOriginPages(article: () => string): Handler {
  return (req, res) => {
    const pages: Record<string, () => string> = {
      '/copy.html': () => copyOf(article(), `<iframe id="copy-frame" src="${COPY_FRAME}" width="800" height="300"></iframe>`),
      [COPY_FRAME]: () => copyOf(article()),
      '/spa.html': () => copyOf('/spa.html'),
    };
    const page = pages[req.url ?? ''];
    if (!page) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    return true;
  };
}
