import type { Category, Concept, Corpus, SourceDoc } from './schema';

/** Everything the card shows about one concept, read from the corpus by the background. */
export interface ConceptView {
  concept: Concept;
  category: Category;
  sources: SourceDoc[];
  related: { id: string; name: string; ko?: { name: string } }[];
}

/** The card's view of a concept: the entry, its category, the sources it cites and its related concepts' names. */
export function conceptView(corpus: Corpus, conceptId: string): ConceptView {
  const concept = corpus.concepts.find((c) => c.id === conceptId);
  if (!concept) throw new Error(`Unknown concept "${conceptId}".`);
  return {
    concept,
    category: corpus.categories.find((c) => c.id === concept.category)!,
    sources: corpus.sources.filter((s) => concept.sources.some((r) => r.sourceId === s.id)),
    related: concept.related.flatMap((id) =>
      corpus.concepts.filter((c) => c.id === id).map((c) => ({ id: c.id, name: c.name, ...(c.ko && { ko: { name: c.ko.name } }) })),
    ),
  };
}

/** The labels of a concept's key dates in a language (English where the Korean corpus has none). */
export function dateLabels(concept: Concept, lang: 'en' | 'ko'): string[] {
  return concept.dates.map((d, i) => (lang === 'ko' && concept.ko?.dates?.[i]) || d.label);
}

/** The concept's acronym ("NCG"): its first case-sensitive, all-capital alias; undefined when it has none. */
export function acronymOf(concept: Concept): string | undefined {
  return concept.aliases.find((a) => a.caseSensitive && /^[A-Z][A-Z0-9&-]{1,9}$/.test(a.text) && a.text !== concept.name)?.text;
}

/** A source's byline: its author, publisher and date, whichever it has (a pack's source may name only its publisher). */
export function bylineOf(doc: SourceDoc, formatDate: (iso: string) => string, separator = ', '): string {
  return [doc.author, doc.publisher, doc.date && formatDate(doc.date)].filter(Boolean).join(separator);
}
