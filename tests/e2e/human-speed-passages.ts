/** The passages the human-speed tests select, in Chromium and Firefox alike. */
export const ARTICLE = '/demo/sample-article.html';
/** Starts on the highlight "Regional Sustainment Framework" and ends mid-sentence. */
export const FROM_HIGHLIGHT = { start: 'Regional Sustainment Framework, the Pentagon', end: 'the Pentagon wants ships' };
export const PLAIN = { start: 'Debates about the alliance', end: 'used to revolve around money' };
