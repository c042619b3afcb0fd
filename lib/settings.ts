/**
 * Reader settings, kept in extension storage (WXT storage) with versioned
 * migrations. Every context reads them through `settingsItem` and watches it,
 * so a change applies to open tabs without a reload.
 */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, type Settings } from './settings-model';

export { DEFAULT_SETTINGS, HIGHLIGHT_STYLES, type HighlightStyle, type Settings } from './settings-model';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: {
    // Version 2 added the interface language; readers upgrading keep following their browser
    // (a value already holding a language, written without the version mark, keeps it).
    2: (old: Omit<Settings, 'language'>): Settings => ({ language: 'auto', ...old }),
  },
});

/** The hostname a per-site switch applies to ("" for pages without one, e.g. file:). */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Whether highlighting runs on a page at `url` under `settings`. */
export function isEnabledOn(settings: Settings, url: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(siteOf(url));
}

/** Returns settings with highlighting switched for one site. */
export function withSiteToggled(settings: Settings, url: string, on: boolean): Settings {
  const site = siteOf(url);
  const others = settings.disabledSites.filter((s) => s !== site);
  return { ...settings, disabledSites: on ? others : [...others, site].sort() };
}
