import type { Corpus } from '../corpus/schema';
export type CompiledMatcher = { version: 1; conceptIds: string[] };
export function compileMatcher(corpus: Corpus): CompiledMatcher {
  return { version: 1, conceptIds: corpus.concepts.map((c) => c.id) };
}
