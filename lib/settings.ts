/**
 * Reader settings, kept in extension storage (WXT storage) with versioned
 * migrations. Every context reads them through `settingsItem` and watches it,
 * so a change applies to open tabs without a reload.
 */
import { storage } from 'wxt/utils/storage';
import * as v from 'valibot';
import { CATEGORY_IDS, type CategoryId } from './corpus/schema';

export const HIGHLIGHT_STYLES = ['underline', 'background', 'both'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

export const SettingsSchema = v.strictObject({
  /** Global switch for highlighting. */
  enabled: v.boolean(),
  /** Hostnames where highlighting is off. */
  disabledSites: v.array(v.string()),
  /** Categories whose concepts are highlighted. */
  categories: v.record(v.picklist(CATEGORY_IDS), v.boolean()),
  style: v.picklist(HIGHLIGHT_STYLES),
  /** Highlight only the first mention of each concept on a page. */
  firstMentionOnly: v.boolean(),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, true])) as Record<CategoryId, boolean>,
  style: 'both',
  firstMentionOnly: false,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
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
