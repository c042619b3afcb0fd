import { useEffect, useState } from 'preact/hooks';
import { isEnabledOn, settingsItem, siteOf, withSiteToggled, type Settings } from '@/lib/settings';
import { t } from '@/lib/i18n';

/** Highlighting on or off for one site; applies to open tabs at once (they watch the setting). */
export function SiteSwitch({ url }: { url: string }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void settingsItem.getValue().then(setSettings);
    return settingsItem.watch((s) => setSettings(s));
  }, []);
  const site = siteOf(url);
  if (!settings || !site) return null;
  const on = isEnabledOn(settings, url);
  return (
    <label class="switch">
      <input type="checkbox" role="switch" checked={on} disabled={!settings.enabled} onChange={() => void settingsItem.setValue(withSiteToggled(settings, url, !on))} />
      <span>{settings.enabled ? t('panel_highlightOn', site) : t('panel_highlightingOffEverywhere')}</span>
    </label>
  );
}
