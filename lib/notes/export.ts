/**
 * Exports: a complete JSON backup, Markdown for reading, and W3C Web
 * Annotation JSON-LD for other tools (import.ts reads it back). Pure
 * functions of the notes; concept names come in a Map, so an id such as
 * "constructor" is only ever an id.
 */
import type { ConceptNote, Note, PassageNote } from './model';
import { conceptIdsOf, pageOf } from './model';

export const BACKUP_FORMAT = 'alliance-lens-notes';
export const BACKUP_VERSION = 1;
export const NOTE_URN = 'urn:alliance-lens:note:';
export const CONCEPT_URN = 'urn:alliance-lens:concept:';
export const PDF_FRAGMENT = 'http://tools.ietf.org/rfc/rfc3778';

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  notes: Note[];
}

export function toBackup(notes: Note[], now = new Date()): string {
  const backup: Backup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), notes };
  return JSON.stringify(backup, null, 2);
}

/**
 * Escapes only what Markdown (or the HTML it may contain) would read as
 * syntax, so note text stays text and "1.5192 trillion (+8.3%)" stays as
 * written: inline emphasis, code, links and HTML anywhere; block markers
 * (headings, quotes, lists, rules, tables) only at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/&(?=#?\w+;)/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]|~])/g, '\\$1')
        // "](" would start a link's destination; other parentheses are prose.
        .replace(/\]\(/g, ']\\(')
        // Leading spaces would make an indented code block.
        .replace(/^\s+/, '')
        // Block markers count only where CommonMark reads them: "# x", "- x", "1. x", "---", "===".
        .replace(/^(#{1,6}|[+-])(?=\s|$)/, '\\$1')
        .replace(/^(?=[-=\s]+$)/, '\\')
        .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2'),
    )
    .join('  \n');
}

const readableDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
/** e.g. "25 November 2026 at 10:31 UTC". */
export const formatDate = (ms: number) => `${readableDate.format(ms)} UTC`;

function noteLines(note: Note): string[] {
  const lines = [`- ${escapeMarkdown(note.body || '(empty note)').replace(/\n/g, '\n  ')}`];
  if (note.kind === 'passage') lines.push(`  > ${escapeMarkdown(note.target.quote.exact).replace(/\n/g, '\n  > ')}`);
  if (note.kind === 'concept' && note.source) {
    const { url, title, quote } = note.source;
    lines.push(`  > ${escapeMarkdown(`${quote.prefix}${quote.exact}${quote.suffix}`.trim()).replace(/\n/g, '\n  > ')}`);
    lines.push(`  From ${escapeMarkdown(title || url)} \`${url.replace(/`/g, '%60')}\``);
  }
  if (note.tags.length) lines.push(`  Tags: ${note.tags.map(escapeMarkdown).join(', ')}`);
  lines.push(`  _${formatDate(note.updatedAt)}_`);
  return lines;
}

/** Records that are not well-formed notes are listed by id, so the reader knows what the file leaves out. */
export interface Skipped {
  id: string;
  problem: string;
}

export function toMarkdown(notes: Note[], conceptNames: ReadonlyMap<string, string>, now = new Date(), skipped: Skipped[] = []): string {
  const out = [`# Alliance Lens notes`, '', `Exported ${formatDate(now.getTime())} · ${notes.length} notes`, ''];
  if (skipped.length) {
    out.push(
      `${skipped.length} damaged record(s) left out: ${skipped.map((s) => `${escapeMarkdown(s.id)} (${escapeMarkdown(s.problem)})`).join('; ')}`,
      '',
    );
  }
  out.push('## By concept', '');
  const byConcept = new Map<string, Note[]>();
  for (const note of notes) {
    for (const id of conceptIdsOf(note)) byConcept.set(id, [...(byConcept.get(id) ?? []), note]);
  }
  const name = (id: string) => conceptNames.get(id) ?? id;
  for (const [id, list] of [...byConcept].sort((a, b) => name(a[0]).localeCompare(name(b[0])))) {
    out.push(`### ${escapeMarkdown(name(id))}`, '', ...list.flatMap(noteLines), '');
  }
  // A page's section holds every note written on it: its passage notes and the concept notes written beside a mention.
  out.push('## By page', '');
  const byPage = new Map<string, { title: string; notes: Note[] }>();
  for (const note of notes) {
    const page = pageOf(note);
    if (!page) continue;
    const section = byPage.get(page.url) ?? { title: page.title, notes: [] };
    section.title ||= page.title;
    section.notes.push(note);
    byPage.set(page.url, section);
  }
  for (const [url, { title, notes: list }] of byPage) {
    // The URL is shown as code, not as a link: a note file must not carry clickable javascript: links.
    out.push(`### ${escapeMarkdown(title || url)}`, '', `\`${url.replace(/`/g, '%60')}\``, '', ...list.flatMap(noteLines), '');
  }
  return out.join('\n');
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A passage (or a concept note's mention) in a PDF also names its page, as a W3C FragmentSelector in the PDF fragment syntax (RFC 3778, pages from 1). */
function pdfPageSelector(pdf: PassageNote['target']['pdf']) {
  return pdf ? [{ type: 'FragmentSelector', conformsTo: PDF_FRAGMENT, value: `page=${pdf.pageIndex + 1}` }] : [];
}

/** A concept note targets its concept and, when it records one, the passage of the page it was written on. */
function conceptTargets(note: ConceptNote, conceptNames: ReadonlyMap<string, string>) {
  const concept = { source: `${CONCEPT_URN}${note.conceptId}`, type: 'Text', label: conceptNames.get(note.conceptId) ?? note.conceptId };
  if (!note.source) return concept;
  const { url, title, quote, position, pdf } = note.source;
  return [
    concept,
    { type: 'SpecificResource', source: url, label: title, selector: [quote, ...(position ? [position] : []), ...pdfPageSelector(pdf)] },
  ];
}

/**
 * W3C Web Annotation Data Model, as an AnnotationCollection. Everything a
 * note holds is in it (tags as tagging bodies, a passage's concepts as
 * classifying bodies, the page title as the target's label, a PDF's page as a
 * fragment selector), so it imports back losslessly.
 */
export function toJsonLd(notes: Note[], conceptNames: ReadonlyMap<string, string>): string {
  const items = notes.map((note) => ({
    id: `${NOTE_URN}${note.id}`,
    type: 'Annotation',
    motivation: 'commenting',
    created: iso(note.createdAt),
    modified: iso(note.updatedAt),
    body: [
      { type: 'TextualBody', value: note.body, format: 'text/plain', purpose: 'commenting' },
      ...note.tags.map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' })),
      ...(note.kind === 'passage'
        ? note.conceptIds.map((id) => ({
            type: 'SpecificResource',
            purpose: 'classifying',
            source: `${CONCEPT_URN}${id}`,
            label: conceptNames.get(id) ?? id,
          }))
        : []),
    ],
    target:
      note.kind === 'concept'
        ? conceptTargets(note, conceptNames)
        : {
            type: 'SpecificResource',
            source: note.target.url,
            label: note.target.title,
            selector: [note.target.quote, note.target.position, ...pdfPageSelector(note.target.pdf)],
          },
  }));
  return JSON.stringify(
    {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:alliance-lens:notes',
      type: 'AnnotationCollection',
      total: items.length,
      items,
    },
    null,
    2,
  );
}
