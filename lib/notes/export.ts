/**
 * Exports: a complete JSON backup, Markdown for reading, and W3C Web
 * Annotation JSON-LD for other tools. Pure functions of the notes.
 */
import type { Note, PassageNote } from './model';

export const BACKUP_FORMAT = 'alliance-lens-notes';
export const BACKUP_VERSION = 1;

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

/** Escapes what Markdown (or the HTML it may contain) would interpret, so note text stays text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
    .replace(/\n/g, '  \n');
}

const iso = (ms: number) => new Date(ms).toISOString();

function noteLines(note: Note): string[] {
  const lines = [`- ${escapeMarkdown(note.body || '(empty note)')}`];
  if (note.kind === 'passage') lines.push(`  > ${escapeMarkdown(note.target.quote.exact)}`);
  if (note.tags.length) lines.push(`  Tags: ${note.tags.map(escapeMarkdown).join(', ')}`);
  lines.push(`  _${iso(note.updatedAt)}_`);
  return lines;
}

export function toMarkdown(notes: Note[], conceptNames: Record<string, string>, now = new Date()): string {
  const out = [`# Alliance Lens notes`, '', `Exported ${now.toISOString()} · ${notes.length} notes`, '', '## By concept', ''];
  const byConcept = new Map<string, Note[]>();
  for (const note of notes) {
    for (const id of note.kind === 'concept' ? [note.conceptId] : note.conceptIds) {
      byConcept.set(id, [...(byConcept.get(id) ?? []), note]);
    }
  }
  for (const [id, list] of [...byConcept].sort((a, b) => (conceptNames[a[0]] ?? a[0]).localeCompare(conceptNames[b[0]] ?? b[0]))) {
    out.push(`### ${escapeMarkdown(conceptNames[id] ?? id)}`, '', ...list.flatMap(noteLines), '');
  }
  out.push('## By page', '');
  const byPage = new Map<string, PassageNote[]>();
  for (const note of notes) if (note.kind === 'passage') byPage.set(note.target.url, [...(byPage.get(note.target.url) ?? []), note]);
  for (const [url, list] of byPage) {
    // The URL is shown as code, not as a link: a note file must not carry clickable javascript: links.
    out.push(`### ${escapeMarkdown(list[0]!.target.title || url)}`, '', `\`${url.replace(/`/g, '%60')}\``, '', ...list.flatMap(noteLines), '');
  }
  return out.join('\n');
}

/** W3C Web Annotation Data Model, as an AnnotationCollection. */
/** A passage in a PDF also names its page, as a W3C FragmentSelector in the PDF fragment syntax (RFC 3778, pages from 1). */
function pdfPageSelector(pdf: PassageNote['target']['pdf']) {
  return pdf ? [{ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: `page=${pdf.pageIndex + 1}` }] : [];
}

export function toJsonLd(notes: Note[], conceptNames: Record<string, string>): string {
  const items = notes.map((note) => ({
    id: `urn:alliance-lens:note:${note.id}`,
    type: 'Annotation',
    motivation: 'commenting',
    created: iso(note.createdAt),
    modified: iso(note.updatedAt),
    body: [
      { type: 'TextualBody', value: note.body, format: 'text/plain', purpose: 'commenting' },
      ...note.tags.map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' })),
    ],
    target:
      note.kind === 'concept'
        ? { source: `urn:alliance-lens:concept:${note.conceptId}`, type: 'Text', label: conceptNames[note.conceptId] ?? note.conceptId }
        : { source: note.target.url, selector: [note.target.quote, note.target.position, ...pdfPageSelector(note.target.pdf)] },
  }));
  return JSON.stringify(
    { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:alliance-lens:notes', type: 'AnnotationCollection', total: items.length, items },
    null,
    2,
  );
}
