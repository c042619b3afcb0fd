/**
 * The extension renders only text it controls as markup: no HTML-string APIs
 * and no code from strings anywhere in the source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_DIRS = ['entrypoints', 'components', 'lib', 'scripts', 'bench'];
const FORBIDDEN: [string, RegExp][] = [
  ['innerHTML', /\.innerHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['outerHTML =', /\.outerHTML\s*=(?!=)/],
  ['dangerouslySetInnerHTML', /\bdangerouslySetInnerHTML\b/],
  ['eval', /(?<![.\w$])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['document.write', /\bdocument\.write(ln)?\s*\(/],
];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Drops comments so that prose about a forbidden API does not count as a use of it. */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('source safety', () => {
  const files = SOURCE_DIRS.flatMap(sourceFiles);

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(FORBIDDEN)('no %s in the source', (_name, pattern) => {
    const offenders = files.filter((f) => pattern.test(withoutComments(readFileSync(f, 'utf8'))));
    expect(offenders).toEqual([]);
  });

  it('detects a forbidden API when one is present', () => {
    const sample = withoutComments('el.innerHTML = x; // innerHTML in a comment is fine');
    expect(FORBIDDEN.filter(([, p]) => p.test(sample)).map(([n]) => n)).toEqual(['innerHTML']);
  });
});
