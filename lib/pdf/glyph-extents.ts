/**
 * Where each character of a text item lies along the item, as the PDF draws
 * its glyphs. The text layer writes an item's text in a browser font and
 * stretches the whole item to the PDF's width, so inside an item its letters
 * drift from the glyphs on the canvas (a highlight ended before the last
 * letter: "Agreemen|t"). The glyphs' own advance widths, read from the page's
 * operator list (the PDF's widths, which the canvas uses), say where each
 * character really starts.
 */

/** The operator list's parts used here (PDF.js `getOperatorList()`), and the two operator codes (PDF.js `OPS`). */
export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}
export interface TextOps {
  setFont: number;
  showText: number;
}

/** A glyph as PDF.js shows it: the text it stands for and its advance (thousandths of the font size). */
interface Glyph {
  unicode?: string;
  width?: number;
}

/** Per font (its loaded name, as text items carry it): each character's advance. */
export type GlyphWidths = Map<string, Map<string, number>>;

/** Reads every shown glyph's advance per font and character from a page's operator list. */
export function glyphWidths(ops: OperatorList, codes: TextOps): GlyphWidths {
  const table: GlyphWidths = new Map();
  let font: Map<string, number> | undefined;
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i];
    if (fn === codes.setFont && Array.isArray(args) && typeof args[0] === 'string') {
      font = table.get(args[0]) ?? new Map();
      table.set(args[0], font);
    } else if (fn === codes.showText && font && Array.isArray(args) && Array.isArray(args[0])) {
      for (const glyph of args[0] as (Glyph | number | null)[]) {
        // Numbers between glyphs are kerning adjustments, not glyphs.
        if (!glyph || typeof glyph !== 'object' || !glyph.unicode || typeof glyph.width !== 'number') continue;
        // A ligature stands for several characters: each takes its share.
        const chars = [...glyph.unicode];
        for (const c of chars) font.set(c, glyph.width / chars.length);
      }
    }
  });
  return table;
}

/**
 * For each character boundary of `text` (0 … text.length), the fraction of
 * the item's width before it. Characters the font never showed (spaces PDF.js
 * put in for gaps) take the font's average advance. Undefined when the font
 * showed nothing here, so the text layer's own layout stands.
 */
export function boundaryFractions(text: string, widths: Map<string, number> | undefined): number[] | undefined {
  if (!widths?.size || !text) return undefined;
  const known = [...widths.values()];
  const average = known.reduce((a, b) => a + b, 0) / known.length;
  // Per UTF-16 unit, as offsets in the page's text are: the second unit of a pair takes nothing.
  const advances: number[] = [];
  for (const c of text) advances.push(widths.get(c) ?? average, ...(c.length > 1 ? [0] : []));
  const total = advances.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return undefined;
  const out = [0];
  let sum = 0;
  for (const a of advances) out.push((sum += a) / total);
  return out;
}
