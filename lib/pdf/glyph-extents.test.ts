import { describe, expect, it } from 'vitest';
import { boundaryFractions, glyphWidths } from './glyph-extents';

const CODES = { setFont: 37, showText: 44 };
const glyph = (unicode: string, width: number) => ({ unicode, width, fontChar: unicode, isSpace: unicode === ' ' });

describe('glyphWidths', () => {
  it('reads each font’s shown glyphs, skipping kerning numbers, a ligature’s width shared by its letters', () => {
    const table = glyphWidths(
      {
        fnArray: [CODES.setFont, CODES.showText, 1, CODES.setFont, CODES.showText],
        argsArray: [
          ['g_d0_f1', 11],
          [[glyph('A', 667), -120, glyph('t', 278), null]],
          null,
          ['g_d0_f2', 9],
          [[glyph('ﬁ', 500), glyph('x', 500)]],
        ],
      },
      CODES,
    );
    expect(Object.fromEntries(table.get('g_d0_f1')!)).toEqual({ A: 667, t: 278 });
    expect(Object.fromEntries(table.get('g_d0_f2')!)).toEqual({ ﬁ: 500, x: 500 });
  });

  it('reads nothing from a list with no text', () => {
    expect(glyphWidths({ fnArray: [1, 2], argsArray: [null, [3]] }, CODES).size).toBe(0);
  });
});

describe('boundaryFractions', () => {
  const helvetica = new Map([
    ['A', 667],
    ['g', 556],
    ['t', 278],
    [' ', 278],
  ]);
  it('puts each boundary where the glyphs before it end, so a narrow last letter gets its own narrow share', () => {
    const f = boundaryFractions('Agt', helvetica)!;
    const total = 667 + 556 + 278;
    expect(f).toEqual([0, 667 / total, (667 + 556) / total, 1]);
  });

  it('gives a character the font never showed the font’s average advance', () => {
    const f = boundaryFractions(
      'A?',
      new Map([
        ['A', 600],
        ['t', 200],
      ]),
    )!;
    expect(f[1]).toBeCloseTo(600 / 1000);
  });

  it('counts a character outside the BMP as two offsets, the second taking nothing', () => {
    expect(
      boundaryFractions(
        'A𝐀',
        new Map([
          ['A', 500],
          ['𝐀', 500],
        ]),
      ),
    ).toEqual([0, 0.5, 1, 1]);
  });

  it('leaves the layout to the browser where the font showed nothing', () => {
    expect(boundaryFractions('Agt', undefined)).toBeUndefined();
    expect(boundaryFractions('Agt', new Map())).toBeUndefined();
    expect(boundaryFractions('', helvetica)).toBeUndefined();
  });
});
