/**
 * Reading an import: the extension's JSON backup or its W3C Web Annotation
 * (JSON-LD) export. Every problem is found before anything is written, so a
 * bad file leaves the existing notes exactly as they were; each rejection
 * names the entry.
 */
import * as v from 'valibot';
import { NoteSchema, isWellFormed, pdfNotesUrl, untrustedReason, type Note } from './model';
import { BACKUP_FORMAT, BACKUP_VERSION, CONCEPT_URN, NOTE_URN, PDF_FRAGMENT } from './export';
import { ImportError } from './errors';
import { t } from '../i18n';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** What an import is checked against: the corpus's concept ids and the current time. */
export interface ImportRules {
  knownConcepts: ReadonlyMap<string, unknown>;
  now: number;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function backupEntries(backup: Record<string, unknown>): unknown[] {
  if (backup.format !== BACKUP_FORMAT) throw new ImportError(t('err_importFormat'));
  if (typeof backup.version !== 'number' || !Number.isInteger(backup.version)) throw new ImportError(t('err_importNoVersion'));
  if (backup.version > BACKUP_VERSION) throw new ImportError(t('err_importNewer', backup.version));
  if (backup.version < 1) throw new ImportError(t('err_importUnknownVersion', backup.version));
  if (!Array.isArray(backup.notes)) throw new ImportError(t('err_importNotesNotList'));
  return backup.notes;
}

const isAnnotationCollection = (data: Record<string, unknown>) => data.type === 'AnnotationCollection' && Array.isArray(data.items);

const withoutPrefix = (value: unknown, prefix: string) =>
  typeof value === 'string' && value.startsWith(prefix) ? value.slice(prefix.length) : undefined;
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
  // A concept note with the page it was written on has two targets: the concept, then the page's passage.
  const targets = (Array.isArray(item.target) ? item.target : [item.target]).filter(isObject);
  const conceptTarget = targets.find((tg) => withoutPrefix(tg.source, CONCEPT_URN) !== undefined);
  if (conceptTarget) {
    const page = targets.find((tg) => tg !== conceptTarget);
    const { selectors, ...source } = page ? pageTarget(page) : { selectors: [] };
    const pdf = 'url' in source ? pdfTarget(source.url, selectors) : undefined;
    return {
      ...common,
      kind: 'concept',
      conceptId: withoutPrefix(conceptTarget.source, CONCEPT_URN),
      ...(page && { source: { ...source, ...(pdf && { pdf }) } }),
    };
  }
  const target = targets[0] ?? {};
  const { selectors, ...passage } = pageTarget(target);
  const pdf = pdfTarget(passage.url, selectors);
  return {
    ...common,
    kind: 'passage',
    conceptIds: bodies.filter((b) => b.purpose === 'classifying').map((b) => withoutPrefix(b.source, CONCEPT_URN) ?? b.source),
    target: { ...passage, ...(pdf && { pdf }) },
  };
}

/** A page target's address, title and W3C selectors (the schema judges them); `selectors` for a PDF's page. */
function pageTarget(target: Record<string, unknown>) {
  const selectors = (Array.isArray(target.selector) ? target.selector : [target.selector]).filter(isObject);
  const position = selectors.find((s) => s.type === 'TextPositionSelector');
  return {
    url: isObject(target.source) ? target.source.id : target.source,
    title: typeof target.label === 'string' ? target.label : '',
    quote: selectors.find((s) => s.type === 'TextQuoteSelector'),
    ...(position && { position }),
    selectors,
  };
}

/** A PDF passage: its document from the notes URL, its page from the RFC 3778 fragment ("page=2" is index 1). */
function pdfTarget(url: unknown, selectors: Record<string, unknown>[]) {
  const fingerprint = withoutPrefix(url, pdfNotesUrl(''));
  const page = selectors.find((s) => s.type === 'FragmentSelector' && s.conformsTo === PDF_FRAGMENT)?.value;
  const match = typeof page === 'string' ? /^page=(\d+)$/.exec(page) : null;
  return fingerprint !== undefined && match ? { fingerprint, pageIndex: Number(match[1]) - 1 } : undefined;
}

/** "note 3 (id "x") is invalid: path: problem." (or "annotation 3 …" for Web Annotations), in the interface language. */
function invalidEntry(annotations: boolean, index: number, raw: unknown, path: string, problem: string): ImportError {
  const id = isObject(raw) && typeof raw.id === 'string' ? ` (id "${raw.id.slice(0, 64)}")` : '';
  return new ImportError(t(annotations ? 'err_importInvalidAnnotation' : 'err_importInvalidNote', index + 1, id, path, problem));
}

/** Parses and checks a whole file; throws ImportError naming the first bad entry. */
export function parseImport(text: string, rules: ImportRules): Note[] {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES) throw new ImportError(t('err_importTooLarge', (bytes / 1024 / 1024).toFixed(1)));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportError(t('err_importNotJson', (e as Error).message));
  }
  if (!isObject(data)) throw new ImportError(t('err_importNotObject'));
  const annotations = isAnnotationCollection(data);
  const entries = annotations ? (data.items as unknown[]).map(noteFromAnnotation) : backupEntries(data);
  const ids = new Set<string>();
  return entries.map((raw, index) => {
    const result = v.safeParse(NoteSchema, raw);
    if (!result.success) {
      const issue = result.issues[0];
      throw invalidEntry(annotations, index, raw, v.getDotPath(issue) ?? 'note', issue.message);
    }
    const note = result.output;
    const untrusted = untrustedReason(note, rules.knownConcepts, rules.now);
    if (untrusted) throw invalidEntry(annotations, index, raw, untrusted.path, untrusted.problem);
    if (ids.has(note.id)) throw new ImportError(t('err_importDuplicateId', index + 1, note.id));
    ids.add(note.id);
    return note;
  });
}

/** What an import did (or, when not `applied`, would do): notes added, updated, and skipped as not newer. */
export interface ImportReport {
  added: number;
  updated: number;
  skipped: number;
  applied: boolean;
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
