/** Errors the reader is shown, in the interface's language: each says what happened and that nothing was lost. */
import { t } from '../i18n';

export class StorageFullError extends Error {
  constructor() {
    super(t('err_storageFull'));
    this.name = 'StorageFullError';
  }
}

export class NotesUnavailableError extends Error {
  constructor() {
    super(t('err_notesUnavailable'));
    this.name = 'NotesUnavailableError';
  }
}

export class NotFoundError extends Error {
  constructor(id: string) {
    super(t('err_notFound', id));
    this.name = 'NotFoundError';
  }
}

export class ImportError extends Error {
  constructor(reason: string) {
    super(t('err_import', reason));
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
