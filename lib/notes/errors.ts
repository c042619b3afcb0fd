/** Errors the reader is shown: each says what happened and that nothing was lost. */

export class StorageFullError extends Error {
  constructor() {
    super('Storage is full: the note was not saved. Free some disk space or export and remove old notes, then try again. Your text is still in the editor.');
    this.name = 'StorageFullError';
  }
}

export class NotesUnavailableError extends Error {
  constructor() {
    super('Notes are unavailable: this browser would not open the notes database (a private window may not allow it). Nothing was saved; your text is still in the editor.');
    this.name = 'NotesUnavailableError';
  }
}

export class NotFoundError extends Error {
  constructor(id: string) {
    super(`No note with id "${id}" exists (it may have been deleted in another tab).`);
    this.name = 'NotFoundError';
  }
}

export class ImportError extends Error {
  constructor(reason: string) {
    super(`This file cannot be imported: ${reason} Your existing notes were not changed.`);
    this.name = 'ImportError';
  }
}

function isQuotaError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { name?: string; inner?: unknown; cause?: unknown };
  // Dexie reports a failed transaction as an AbortError carrying the real cause in `inner`.
  return err.name === 'QuotaExceededError' || isQuotaError(err.inner) || isQuotaError(err.cause);
}

/** Dexie's names for a database that could not be opened at all (e.g. Firefox private windows, blocked storage). */
const OPEN_FAILURES = new Set(['OpenFailedError', 'MissingAPIError', 'InvalidStateError', 'DatabaseClosedError']);

function isOpenFailure(e: unknown): boolean {
  return !!e && typeof e === 'object' && OPEN_FAILURES.has((e as { name?: string }).name ?? '');
}

/** Runs a write, turning a quota failure (however wrapped) into StorageFullError and a failed open into NotesUnavailableError. */
export async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError();
    if (isOpenFailure(e)) throw new NotesUnavailableError();
    throw e;
  }
}
