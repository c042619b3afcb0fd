/**
 * Vite plugin: reads data/*.json, validates the corpus (failing the build with
 * the entry and field named) and compiles the matcher once, at build time.
 * Exposes `virtual:alliance-corpus` and `virtual:alliance-matcher`.
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { corpusFiles, loadCorpusFromDir } from './load-corpus.ts';
import { compileMatcher } from '../lib/matcher/compile.ts';
import { packMatcher } from '../lib/matcher/pack.ts';

const UNPACK = resolve(import.meta.dirname, '../lib/matcher/pack.ts');

const CORPUS_ID = 'virtual:alliance-corpus';
const MATCHER_ID = 'virtual:alliance-matcher';

export function corpusPlugin(dataDir = resolve(import.meta.dirname, '../data')): Plugin {
  return {
    name: 'alliance-corpus',
    resolveId(id) {
      if (id === CORPUS_ID || id === MATCHER_ID) return `\0${id}`;
    },
    load(id) {
      if (id !== `\0${CORPUS_ID}` && id !== `\0${MATCHER_ID}`) return;
      for (const f of corpusFiles(dataDir)) this.addWatchFile(resolve(dataDir, f));
      const corpus = loadCorpusFromDir(dataDir);
      if (id === `\0${CORPUS_ID}`) return `export const corpus = ${JSON.stringify(corpus)};`;
      // Packed (lib/matcher/pack.ts): the content script carries it to every page.
      return `import { unpackMatcher } from ${JSON.stringify(UNPACK)};\nexport const compiledMatcher = unpackMatcher(${JSON.stringify(packMatcher(compileMatcher(corpus)))});`;
    },
  };
}
