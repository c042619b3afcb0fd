/**
 * What the reader shows until a document is open: the welcome, the file to
 * open for a note's Open in context, the password form, or why opening failed.
 */
import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { OpenFailure } from '@/lib/pdf/errors';
import type { Status } from './use-document';

function failureMessage(f: OpenFailure): string {
  switch (f.kind) {
    case 'needs-permission':
      return t('reader_needsPermission', f.origin);
    case 'not-pdf':
      return t('reader_errorNotPdf');
    case 'password':
      return t('reader_errorPassword');
    case 'wrong-password':
      return t('reader_errorWrongPassword');
    case 'too-large':
      return t('reader_errorTooLarge');
    case 'not-found':
      return t('reader_errorNotFound');
    case 'network':
      return t('reader_errorNetwork', f.detail ?? '');
    case 'unsupported-url':
      return t('reader_errorUrl');
    default:
      return t('reader_errorUnknown', f.detail ?? '');
  }
}

export function Welcome({
  status,
  wantedFile,
  onPick,
}: {
  status: Exclude<Status, { kind: 'ready' }>;
  wantedFile: string | null;
  onPick(): void;
}) {
  const [password, setPassword] = useState('');
  return (
    <section class="welcome" aria-live="polite">
      {status.kind === 'idle' && wantedFile && (
        <>
          <h1>{t('reader_welcomeTitle')}</h1>
          <p role="alert" data-testid="open-to-see">
            {t('reader_openToSee', wantedFile)}
          </p>
          <button type="button" class="primary" onClick={onPick}>
            {t('reader_openFile')}
          </button>
          <p class="muted">{t('reader_localOnly')}</p>
        </>
      )}
      {status.kind === 'idle' && !wantedFile && (
        <>
          <h1>{t('reader_welcomeTitle')}</h1>
          <p>{t('reader_welcome')}</p>
          <button type="button" class="primary" onClick={onPick}>
            {t('reader_openFile')}
          </button>
          <p class="muted">{t('reader_localOnly')}</p>
        </>
      )}
      {status.kind === 'loading' && <p>{t('reader_loading', status.name)}</p>}
      {status.kind === 'password' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            status.answer(password);
            setPassword('');
          }}
        >
          <p role="alert">{status.retry ? t('reader_errorWrongPassword') : t('reader_passwordNeeded')}</p>
          <label class="field">
            <span>{t('reader_password')}</span>
            {/* biome-ignore lint/a11y/noAutofocus: the form replaces what the reader was looking at, and asks for this one field. */}
            <input type="password" value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} autoFocus />
          </label>
          <button type="submit" class="primary">
            {t('reader_unlock')}
          </button>{' '}
          <button type="button" onClick={() => status.answer(undefined)}>
            {t('reader_cancel')}
          </button>
        </form>
      )}
      {status.kind === 'failed' && (
        <div class="error" role="alert">
          <p>{failureMessage(status.failure)}</p>
          {status.retry && (
            <button type="button" class="primary" onClick={status.retry}>
              {t('reader_allowSite')}
            </button>
          )}
          <button type="button" onClick={onPick}>
            {t('reader_openFile')}
          </button>
        </div>
      )}
    </section>
  );
}
