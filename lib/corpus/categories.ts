/** The corpus's categories, kept free of the schema library so the content script stays small. */
export const CATEGORY_IDS = ['security', 'industry', 'economy', 'cyber', 'energy', 'strategy', 'people'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];
