/**
 * Reading an import: the extension's JSON backup or its W3C Web Annotation
 * (JSON-LD) export. Every problem is found before anything is written, so a
 * bad file leaves the existing notes exactly as they were; each rejection
 * names the entry.
 */
import * as v from 'valibot';
import { NoteSchema, isWellFormed, untrustedReason, type Note } from './model';
import { BACKUP_FORMAT, BACKUP_VERSION, CONCEPT_URN, NOTE_URN, PDF_FRAGMENT } from './export';
import { pdfNotesUrl } from '../pdf/anchor';
import { ImportError } from './errors';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** What an import is checked against: the corpus's concept ids and the current time. */
export interface ImportRules {
  knownConcepts: ReadonlyMap<string, unknown>;
  now: number;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function backupEntries(backup: Record<string, unknown>): unknown[] {
  if (backup.format !== BACKUP_FORMAT) throw new ImportError('it is not an Alliance Lens backup (its "format" field is missing or different).');
  if (typeof backup.version !== 'number' || !Number.isInteger(backup.version)) throw new ImportError('its "version" field is missing.');
  if (backup.version > BACKUP_VERSION) throw new ImportError(`it was made by a newer version of Alliance Lens (backup version ${backup.version}). Update the extension first.`);
  if (backup.version < 1) throw new ImportError(`backup version ${backup.version} is not known.`);
  if (!Array.isArray(backup.notes)) throw new ImportError('its "notes" field is not a list.');
  return backup.notes;
}

const isAnnotationCollection = (data: Record<string, unknown>) => data.type === 'AnnotationCollection' && Array.isArray(data.items);

const withoutPrefix = (value: unknown, prefix: string) => (typeof value === 'string' && value.startsWith(prefix) ? value.slice(prefix.length) : undefined);
const time = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : value);

/**
 * One annotation as toJsonLd writes it, turned back into a note shape for
 * the schema to judge; anything it does not recognise is left for the
 * schema to reject with the field named.
 */
function noteFromAnnotation(item: unknown): unknown {
  if (!isObject(item)) return item;
  const bodies = (Array.isArray(item.body) ? item.body : [item.body]).filter(isObject);
  const comment = bodies.find((b) => b.purpose === 'commenting' || (b.type === 'TextualBody' && b.purpose === undefined));
  const common = {
    id: withoutPrefix(item.id, NOTE_URN) ?? item.id,
    body: comment?.value,
    tags: bodies.filter((b) => b.purpose === 'tagging').map((b) => b.value),
    createdAt: time(item.created),
    updatedAt: time(item.modified ?? item.created),
  };
  const target = isObject(item.target) ? item.target : {};
  const conceptId = withoutPrefix(target.source, CONCEPT_URN);
  if (conceptId !== undefined) return { ...common, kind: 'concept', conceptId };
  const url = isObject(target.source) ? target.source.id : target.source;
  const selectors = (Array.isArray(target.selector) ? target.selector : [target.selector]).filter(isObject);
  const pdf = pdfTarget(url, selectors);
  return {
    ...common,
    kind: 'passage',
    conceptIds: bodies.filter((b) => b.purpose === 'classifying').map((b) => withoutPrefix(b.source, CONCEPT_URN) ?? b.source),
    target: {
      url,
      title: typeof target.label === 'string' ? target.label : '',
      quote: selectors.find((s) => s.type === 'TextQuoteSelector'),
      position: selectors.find((s) => s.type === 'TextPositionSelector'),
      ...(pdf && { pdf }),
    },
  };
}

/** A PDF passage: its document from the notes URL, its page from the RFC 3778 fragment ("page=2" is index 1). */
function pdfTarget(url: unknown, selectors: Record<string, unknown>[]) {
  const fingerprint = withoutPrefix(url, pdfNotesUrl(''));
  const page = selectors.find((s) => s.type === 'FragmentSelector' && s.conformsTo === PDF_FRAGMENT)?.value;
  const match = typeof page === 'string' ? /^page=(\d+)$/.exec(page) : null;
  return fingerprint !== undefined && match ? { fingerprint, pageIndex: Number(match[1]) - 1 } : undefined;
}

function entryName(label: string, index: number, raw: unknown): string {
  const id = isObject(raw) && typeof raw.id === 'string' ? ` (id "${raw.id.slice(0, 64)}")` : '';
  return `${label} ${index + 1}${id}`;
}

/** Parses and checks a whole file; throws ImportError naming the first bad entry. */
export function parseImport(text: string, rules: ImportRules): Note[] {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES) throw new ImportError(`it is ${(bytes / 1024 / 1024).toFixed(1)} MB; backups up to 20 MB are accepted.`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`it is not valid JSON (${(e as Error).message}); it may be truncated or damaged.`);
  }
  if (!isObject(data)) throw new ImportError('it is not an Alliance Lens backup (expected a JSON object).');
  const annotations = isAnnotationCollection(data);
  const label = annotations ? 'annotation' : 'note';
  const entries = annotations ? (data.items as unknown[]).map(noteFromAnnotation) : backupEntries(data);
  const ids = new Set<string>();
  return entries.map((raw, index) => {
    const result = v.safeParse(NoteSchema, raw);
    if (!result.success) {
      const issue = result.issues[0];
      throw new ImportError(`${entryName(label, index, raw)} is invalid: ${v.getDotPath(issue) ?? 'note'}: ${issue.message}.`);
    }
    const note = result.output;
    const reason = untrustedReason(note, rules.knownConcepts, rules.now);
    if (reason) throw new ImportError(`${entryName(label, index, raw)} is invalid: ${reason}.`);
    if (ids.has(note.id)) throw new ImportError(`${label} ${index + 1} repeats the id "${note.id}".`);
    ids.add(note.id);
    return note;
  });
}

export interface ImportPlan {
  add: Note[];
  update: Note[];
  skip: Note[];
}

/**
 * Merges by id: a note is taken when it is new, newer than the stored one,
 * or replaces a stored record that is malformed.
 */
export function planImport(incoming: Note[], existing: Map<string, unknown>): ImportPlan {
  const plan: ImportPlan = { add: [], update: [], skip: [] };
  for (const note of incoming) {
    const current = existing.get(note.id);
    if (current === undefined) plan.add.push(note);
    else if (!isWellFormed(current) || note.updatedAt > current.updatedAt) plan.update.push(note);
    else plan.skip.push(note);
  }
  return plan;
}
