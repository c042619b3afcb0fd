import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { NoteSchema, type Note } from './model';
import { toBackup, toJsonLd } from './export';
import { parseImport } from './import';

const pdfNote: Note = {
  id: 'pdf-note-0001',
  kind: 'passage',
  body: 'First NCG meeting.',
  tags: [],
  conceptIds: ['ncg'],
  createdAt: Date.UTC(2026, 0, 1),
  updatedAt: Date.UTC(2026, 0, 2),
  target: {
    url: 'urn:x-pdf:4b1b4dc8cf38b3c64b1d657da8f5ac8c',
    title: 'Alliance Costs and Deterrence',
    quote: { type: 'TextQuoteSelector', exact: 'The NCG met', prefix: 'Group. ', suffix: ' for the first' },
    position: { type: 'TextPositionSelector', start: 400, end: 411 },
    pdf: { fingerprint: '4b1b4dc8cf38b3c64b1d657da8f5ac8c', pageIndex: 1 },
  },
};

describe('notes on PDFs in exports', () => {
  it('names the page in W3C Web Annotations as a PDF fragment selector', () => {
    const [item] = JSON.parse(toJsonLd([pdfNote], new Map())).items;
    expect(item.target.source).toBe('urn:x-pdf:4b1b4dc8cf38b3c64b1d657da8f5ac8c');
    expect(item.target.selector).toContainEqual({
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
      value: 'page=2',
    });
  });

  it('keeps the fingerprint and page through a backup, and through Web Annotations, and back', () => {
    const rules = { knownConcepts: new Map([['ncg', 'Nuclear Consultative Group']]), now: Date.now() };
    expect(parseImport(toBackup([pdfNote]), rules)).toEqual([pdfNote]);
    expect(parseImport(toJsonLd([pdfNote], rules.knownConcepts), rules)).toEqual([pdfNote]);
  });

  it('keeps a concept note written in the PDF reader on its page through Web Annotations; its address or file name through a backup', () => {
    const rules = { knownConcepts: new Map([['ncg', 'Nuclear Consultative Group']]), now: Date.now() };
    const source = {
      url: pdfNote.target.url,
      title: pdfNote.target.title,
      quote: { type: 'TextQuoteSelector' as const, exact: 'NCG', prefix: 'The ', suffix: ' met for the first time.' },
      position: { type: 'TextPositionSelector' as const, start: 404, end: 407 },
      pdf: { fingerprint: '4b1b4dc8cf38b3c64b1d657da8f5ac8c', pageIndex: 1 },
    };
    const conceptNote: Note = {
      id: 'pdf-note-0002',
      kind: 'concept',
      conceptId: 'ncg',
      body: 'NCG.',
      tags: [],
      createdAt: pdfNote.createdAt,
      updatedAt: pdfNote.updatedAt,
      source,
    };
    const [item] = JSON.parse(toJsonLd([conceptNote], rules.knownConcepts)).items;
    expect(item.target[1].selector).toContainEqual({
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
      value: 'page=2',
    });
    expect(parseImport(toJsonLd([conceptNote], rules.knownConcepts), rules)).toEqual([conceptNote]);
    const fromWeb = { ...conceptNote, source: { ...source, pdf: { ...source.pdf, url: 'https://docs.example/report.pdf' } } };
    const fromFile = { ...conceptNote, id: 'pdf-note-0003', source: { ...source, pdf: { ...source.pdf, fileName: 'report.pdf' } } };
    expect(parseImport(toBackup([fromWeb, fromFile]), rules)).toEqual([fromWeb, fromFile]);
  });

  it('accepts only a fingerprint of letters and digits and a page index from 0', () => {
    const withPdf = (pdf: unknown) => v.safeParse(NoteSchema, { ...pdfNote, target: { ...pdfNote.target, pdf } }).success;
    expect(withPdf({ fingerprint: 'a1b2c3d4', pageIndex: 0 })).toBe(true);
    expect(withPdf({ fingerprint: '<img onerror>', pageIndex: 0 })).toBe(false);
    expect(withPdf({ fingerprint: 'a1b2c3d4', pageIndex: -1 })).toBe(false);
    expect(withPdf({ fingerprint: 'a1b2c3d4', pageIndex: 1.5 })).toBe(false);
    expect(withPdf({ fingerprint: 'a1b2c3d4', pageIndex: 0, extra: 1 })).toBe(false);
  });
});
