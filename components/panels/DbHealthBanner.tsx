import { useDbHealth } from '@/components/hooks/use-notes';
import { t } from '@/lib/i18n';

/** Says so when the notes database cannot be used here, instead of showing an empty list as if there were no notes. */
export function DbHealthBanner() {
  const health = useDbHealth();
  if (health === 'ok') return null;
  return (
    <p class="banner error" role="alert">
      {t(health === 'blocked' ? 'db_blocked' : 'db_unavailable')}
    </p>
  );
}
