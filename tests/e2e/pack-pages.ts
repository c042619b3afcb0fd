/** Pages and pack files shared by the concept-pack tests in Chromium and Firefox ESR. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Handler } from './harness';

export const PACK_TEXT = readFileSync(join(ROOT, 'docs/example-pack.json'), 'utf8');
export const PACK_NAME = 'Alliance desk extras';
/** The example pack, version 2: THAAD's definition rewritten. */
export const PACK_V2_TEXT = JSON.stringify({
  ...JSON.parse(PACK_TEXT),
  version: 2,
  concepts: JSON.parse(PACK_TEXT).concepts.map((c: { id: string }) =>
    c.id === 'thaad'
      ? { ...c, definition: 'Version two: a US missile-defense system that intercepts ballistic missiles in their final phase.' }
      : c,
  ),
});
/** Refused whole: one concept without aliases. */
export const BROKEN_PACK_TEXT = JSON.stringify({
  ...JSON.parse(PACK_TEXT),
  id: 'broken-desk',
  concepts: JSON.parse(PACK_TEXT).concepts.map((c: { id: string }) => (c.id === 'freedom-edge' ? { ...c, aliases: [] } : c)),
});

const PAGES: Record<string, string> = {
  '/packs/en.html':
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Alliance commands</title></head><body><h1>Alliance commands</h1>' +
    '<p>The THAAD battery at Seongju stayed in place this year.</p>' +
    '<p>The CFC commander, a US general, would lead both forces in wartime, and the wartime OPCON transition is still tied to conditions.</p>' +
    '<p>The UNC still oversees the armistice at Panmunjom.</p>' +
    '<p>Our desk calls the harbour exercise Harbor Lantern in its notes.</p></body></html>',
  '/packs/ko.html':
    '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>한미동맹 소식</title></head><body><h1>한미동맹 소식</h1>' +
    '<p>양국 국방장관은 동맹 현대화를 논의했다. 인태사 사령관도 회의에 참석했다.</p></body></html>',
  '/packs/other-senses.html':
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ozone and basketball</title></head><body><h1>Ozone and basketball</h1>' +
    '<p>THAAD was in the news elsewhere.</p>' +
    '<p>CFC emissions fell after refrigerants and aerosol sprays were banned under the Montreal Protocol, and the ozone layer is healing.</p>' +
    '<p>UNC beat Duke in the basketball tournament at Chapel Hill; the coach praised the Tar Heels.</p></body></html>',
};

export const packPages: Handler = (req, res) => {
  const page = PAGES[req.url ?? ''];
  if (!page) return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  return true;
};
