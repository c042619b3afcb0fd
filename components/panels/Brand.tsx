import { t } from '@/lib/i18n';

/** The extension's name and icon, at the top of the popup, side panel and dashboard. */
export function Brand({ icon = 32 }: { icon?: 32 | 48 }) {
  return (
    <header class="brand">
      <img class="logo" src={`/icon/${icon}.png`} alt="" />
      <h1>{t('extName')}</h1>
    </header>
  );
}
