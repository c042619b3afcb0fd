import type { Category } from '@/lib/corpus/schema';

/**
 * A category's colour for both themes, as the `--cat` of an element:
 * light-dark() picks by the element's colour scheme (components/theme.css
 * sets it per theme), so a swatch follows a theme switch without a reload.
 */
export function categoryColour(cat: Pick<Category, 'colour' | 'colourDark'>): { '--cat': string } {
  return { '--cat': `light-dark(${cat.colour}, ${cat.colourDark})` };
}
