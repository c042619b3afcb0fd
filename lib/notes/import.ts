/**
 * Reading a JSON backup: every problem is found before anything is written,
 * so a bad file leaves the existing notes exactly as they were.
 */
import * as v from 'valibot';
import { NoteSchema, type Note } from './model';
import { BACKUP_FORMAT, BACKUP_VERSION } from './export';
import { ImportError } from './errors';
import { t } from '../i18n';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export function parseBackup(text: string): Note[] {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES) throw new ImportError(t('err_importTooLarge', (bytes / 1024 / 1024).toFixed(1)));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportError(t('err_importNotJson', (e as Error).message));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ImportError(t('err_importNotObject'));
  const backup = data as Record<string, unknown>;
  if (backup.format !== BACKUP_FORMAT) throw new ImportError(t('err_importFormat'));
  if (typeof backup.version !== 'number' || !Number.isInteger(backup.version)) throw new ImportError(t('err_importNoVersion'));
  if (backup.version > BACKUP_VERSION) throw new ImportError(t('err_importNewer', backup.version));
  if (backup.version < 1) throw new ImportError(t('err_importUnknownVersion', backup.version));
  if (!Array.isArray(backup.notes)) throw new ImportError(t('err_importNotesNotList'));
  const ids = new Set<string>();
  return backup.notes.map((raw, index) => {
    const result = v.safeParse(NoteSchema, raw);
    if (!result.success) {
      const issue = result.issues[0];
      const id = typeof (raw as { id?: unknown })?.id === 'string' ? ` (id "${String((raw as { id: string }).id).slice(0, 64)}")` : '';
      throw new ImportError(t('err_importInvalidNote', index + 1, id, v.getDotPath(issue) ?? 'note', issue.message));
    }
    if (ids.has(result.output.id)) throw new ImportError(t('err_importDuplicateId', index + 1, result.output.id));
    ids.add(result.output.id);
    return result.output;
  });
}

export interface ImportPlan {
  add: Note[];
  update: Note[];
  skip: Note[];
}

/** Merges by id: a note is taken when it is new, or newer than the stored one. */
export function planImport(incoming: Note[], existing: Map<string, Note>): ImportPlan {
  const plan: ImportPlan = { add: [], update: [], skip: [] };
  for (const note of incoming) {
    const current = existing.get(note.id);
    if (!current) plan.add.push(note);
    else if (note.updatedAt > current.updatedAt) plan.update.push(note);
    else plan.skip.push(note);
  }
  return plan;
}
