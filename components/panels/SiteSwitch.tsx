import { isEnabledOn, siteOf, withSiteToggled } from '@/lib/settings';
import { saveSettings, useSettings } from '@/components/hooks/use-browser';
import { t } from '@/lib/i18n';

/**
 * Highlighting on or off for one site, as a switch (a button with role
 * "switch": Space and Enter flip it). Open tabs apply it at once: they watch the setting.
 */
export function SiteSwitch({ url }: { url: string }) {
  const settings = useSettings();
  const site = siteOf(url);
  if (!settings || !site) return null;
  const on = isEnabledOn(settings, url);
  return (
    <div class="site-switch">
      <span id="site-switch-label" class="site-switch-label">
        {settings.enabled ? t('panel_highlightOn', site) : t('panel_highlightingOffEverywhere')}
      </span>
      <button
        type="button"
        role="switch"
        class="switch-control"
        aria-checked={on}
        aria-labelledby="site-switch-label"
        disabled={!settings.enabled}
        onClick={() => saveSettings(withSiteToggled(settings, url, !on))}
      >
        <span class="switch-track" aria-hidden="true">
          <span class="switch-thumb" />
        </span>
        <span class="switch-state" aria-hidden="true">
          {on ? t('panel_on') : t('panel_off')}
        </span>
      </button>
    </div>
  );
}
