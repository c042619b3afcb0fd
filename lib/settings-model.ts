/** What the reader's settings are and their defaults, free of extension storage so Node scripts can read them too. */
import { CATEGORY_IDS, type CategoryId } from './corpus/categories';
import type { LanguageSetting } from './i18n';

export const HIGHLIGHT_STYLES = ['underline', 'background', 'both'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

export interface Settings {
  /** Global switch for highlighting. */
  enabled: boolean;
  /** Hostnames where highlighting is off. */
  disabledSites: string[];
  /** Categories whose concepts are highlighted (missing = on). */
  categories: Partial<Record<CategoryId, boolean>>;
  style: HighlightStyle;
  /** Highlight only the first mention of each concept on a page. */
  firstMentionOnly: boolean;
  /** Interface language: English, Korean, or the browser's ("auto"). */
  language: LanguageSetting;
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, true])) as Record<CategoryId, boolean>,
  style: 'both',
  firstMentionOnly: false,
  language: 'auto',
};
