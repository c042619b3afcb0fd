import { useEffect, useState } from 'preact/hooks';
import { watchDbHealth, type DbHealth, type NotesDb } from '@/lib/notes/db';
import { t } from '@/lib/i18n';

/** Says so when the notes database cannot be used here, instead of showing an empty list as if there were no notes. */
export function DbHealthBanner({ db }: { db: NotesDb }) {
  const [health, setHealth] = useState<DbHealth>('ok');
  useEffect(() => watchDbHealth(db, setHealth), [db]);
  if (health === 'ok') return null;
  return (
    <p class="banner error" role="alert">
      {t(health === 'blocked' ? 'db_blocked' : 'db_unavailable')}
    </p>
  );
}
