import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateCorpus, mergeKorean, CorpusError } from '../lib/corpus/validate.ts';
import type { Corpus } from '../lib/corpus/schema';

function readJson(dir: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(resolve(dir, file), 'utf8'));
  } catch (e) {
    throw new CorpusError([`data/${file}: ${(e as Error).message}`]);
  }
}

/** Files the corpus is read from, relative to the data folder (for watch mode). */
export function corpusFiles(dir: string): string[] {
  const conceptFiles = readdirSync(resolve(dir, 'concepts'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `concepts/${f}`);
  return [...conceptFiles, 'disambiguation.json', 'parties.json', 'ko.json', 'sources.json', 'categories.json'];
}

/**
 * Reads data/concepts/*.json (one array of concepts per file), merges
 * data/disambiguation.json and data/ko.json into the concepts they name, and validates it all.
 */
export function loadCorpusFromDir(dir: string): Corpus {
  const concepts = corpusFiles(dir)
    .filter((f) => f.startsWith('concepts/'))
    .flatMap((f) => {
      const list = readJson(dir, f);
      if (!Array.isArray(list)) throw new CorpusError([`data/${f}: must be an array of concepts`]);
      return list as unknown[];
    });
  const disambiguation = readJson(dir, 'disambiguation.json');
  const problems: string[] = [];
  if (typeof disambiguation !== 'object' || disambiguation === null || Array.isArray(disambiguation)) {
    throw new CorpusError(['data/disambiguation.json: must be an object keyed by concept id']);
  }
  for (const id of Object.keys(disambiguation)) {
    const concept = concepts.find((c) => (c as { id?: unknown })?.id === id);
    if (!concept) problems.push(`disambiguation "${id}": no concept has this id`);
    else (concept as Record<string, unknown>).disambiguation = (disambiguation as Record<string, unknown>)[id];
  }
  problems.push(...mergeKorean(concepts, readJson(dir, 'ko.json')));
  if (problems.length) throw new CorpusError(problems);
  return validateCorpus({
    concepts,
    sources: readJson(dir, 'sources.json'),
    categories: readJson(dir, 'categories.json'),
    parties: readJson(dir, 'parties.json'),
  });
}
