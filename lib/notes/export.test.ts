import { describe, expect, it } from 'vitest';
import { escapeMarkdown, formatDate, toJsonLd, toMarkdown } from './export';
import type { Note } from './model';

const T = Date.UTC(2026, 10, 4, 9, 30);
const concept = (over: Partial<Note> = {}): Note =>
  ({ id: 'note-0001-abcd', kind: 'concept', conceptId: 'sma', body: 'b', tags: [], createdAt: T, updatedAt: T, ...over }) as Note;

describe('escapeMarkdown', () => {
  it('leaves ordinary prose as written', () => {
    const prose = 'The 2026 cost share is ₩1.5192 trillion (+8.3%), per the 12th SMA. AT&T, U.S.-ROK, e.g. 3.5 ~ 4.';
    expect(escapeMarkdown(prose)).toBe(prose.replace('~', '\\~'));
    expect(escapeMarkdown('1.5192 trillion … (+8.3%)')).toBe('1.5192 trillion … (+8.3%)');
  });

  it('escapes what Markdown would read as syntax: block markers at line starts, emphasis, code, links, HTML', () => {
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('- not a list\n+ nor this\n1. nor this\n2) nor this')).toBe(
      '\\- not a list  \n\\+ nor this  \n1\\. nor this  \n2\\) nor this',
    );
    expect(escapeMarkdown('> not a quote')).toBe('&gt; not a quote');
    expect(escapeMarkdown('    not code')).toBe('not code');
    expect(escapeMarkdown('**bold** _it_ `code` ~~gone~~')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~');
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript:alert(1))');
    expect(escapeMarkdown('<img src=x onerror=alert(1)> &amp;')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp;amp;');
    expect(escapeMarkdown('---\n===')).toBe('\\---  \n\\===');
    expect(escapeMarkdown('a - b + c = d # e\n-5% or #1 or 2.5x')).toBe('a - b + c = d # e  \n-5% or #1 or 2.5x');
  });
});

describe('toMarkdown', () => {
  it('prints readable dates, not ISO timestamps', () => {
    const text = toMarkdown([concept()], new Map([['sma', 'Special Measures Agreement']]), new Date(T));
    expect(text).toContain(`_${formatDate(T)}_`);
    expect(formatDate(T)).toBe('4 November 2026 at 09:30 UTC');
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('treats prototype-named concept ids as plain ids (once they broke the export of every note)', () => {
    const notes = ['constructor', '__proto__', 'toString', 'sma'].map((conceptId, i) => concept({ id: `note-000${i}-abcd`, conceptId }));
    const names = new Map([['sma', 'Special Measures Agreement']]);
    const text = toMarkdown(notes, names);
    for (const heading of ['### constructor', '### \\_\\_proto\\_\\_', '### toString', '### Special Measures Agreement'])
      expect(text).toContain(heading);
    expect(JSON.parse(toJsonLd(notes, names)).items.map((a: { target: { label: string } }) => a.target.label)).toEqual([
      'constructor',
      '__proto__',
      'toString',
      'Special Measures Agreement',
    ]);
  });

  it("puts every note written on a page in that page's section: its passage notes and the concept notes written there", () => {
    const url = 'https://news.example/a';
    const quote = { type: 'TextQuoteSelector' as const, exact: 'the SMA', prefix: 'under ', suffix: ' signed' };
    const passage = {
      id: 'note-0002-abcd',
      kind: 'passage',
      conceptIds: ['sma'],
      body: 'a passage note',
      tags: [],
      createdAt: T,
      updatedAt: T,
      target: { url, title: 'A story', quote, position: { type: 'TextPositionSelector', start: 6, end: 13 } },
    } as Note;
    const onPage = concept({
      id: 'note-0003-abcd',
      body: 'a concept note on the page',
      source: { url, title: 'A story', quote },
    } as Partial<Note>);
    const elsewhere = concept({
      id: 'note-0004-abcd',
      body: 'a concept note on another page',
      source: { url: 'https://news.example/b', title: 'Another', quote },
    } as Partial<Note>);
    const pageless = concept({ id: 'note-0005-abcd', body: 'a concept note with no page' });
    const text = toMarkdown([passage, onPage, elsewhere, pageless], new Map([['sma', 'Special Measures Agreement']]));
    const byPage = text.slice(text.indexOf('## By page'));
    const sections = byPage.split('\n### ').slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual(['A story', 'Another']);
    expect(sections[0]).toContain('a passage note');
    expect(sections[0]).toContain('a concept note on the page');
    expect(sections[0]).not.toContain('another page');
    expect(sections[1]).toContain('a concept note on another page');
    expect(byPage).not.toContain('a concept note with no page');
  });

  it('lists the damaged records it left out', () => {
    const text = toMarkdown([concept()], new Map(), new Date(T), [{ id: 'bad-note-1', problem: 'updatedAt: must be a valid date' }]);
    expect(text).toContain('1 damaged record(s) left out: bad-note-1 (updatedAt: must be a valid date)');
  });
});
