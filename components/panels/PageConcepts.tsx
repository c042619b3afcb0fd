import type { Concept, Corpus } from '@/lib/corpus/schema';
import { categoryLabel, displayName, t } from '@/lib/i18n';
import { categoryColour } from './category-colour';

export interface PageConceptsProps {
  corpus: Corpus;
  counts: Record<string, number>;
  /** Shows only the concepts whose name or an alias contains it (case-insensitive); '' shows all. */
  query?: string;
  onReveal(conceptId: string): void;
}

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase();

/** Whether `query` occurs in the concept's name or one of its aliases (English or Korean). */
export function conceptMatches(concept: Concept, query: string): boolean {
  const q = fold(query.trim());
  return !q || [concept.name, displayName(concept), ...concept.aliases.map((a) => a.text)].some((text) => fold(text).includes(q));
}

/** The concepts found on a page, grouped by category, with their number of mentions. */
export function PageConcepts({ corpus, counts, query = '', onReveal }: PageConceptsProps) {
  const onPage = corpus.concepts.filter((c) => counts[c.id]);
  if (!onPage.length) return <p class="muted">{t('panel_noConcepts')}</p>;
  const found = onPage.filter((c) => conceptMatches(c, query));
  if (!found.length) return <p class="muted">{t('panel_noMatch', query.trim())}</p>;
  return (
    <div class="concept-list">
      {corpus.categories
        .filter((cat) => found.some((c) => c.category === cat.id))
        .map((cat) => (
          <section key={cat.id} aria-label={categoryLabel(cat)}>
            <h2 class="group-title">{categoryLabel(cat)}</h2>
            <ul class="concept-groups">
              {found
                .filter((c) => c.category === cat.id)
                .sort((a, b) => counts[b.id]! - counts[a.id]!)
                .map((c) => (
                  <li key={c.id}>
                    <button
                      type="button"
                      class="concept-row"
                      style={categoryColour(cat)}
                      onClick={() => onReveal(c.id)}
                      title={t('panel_revealHint')}
                    >
                      <span class="swatch" aria-hidden="true" />
                      <span class="name">{displayName(c)}</span>
                      {/* The number for the eye, the words for a screen reader (a label on a plain span is not read). */}
                      <span class="badge" aria-hidden="true">
                        {counts[c.id]}
                      </span>
                      <span class="sr-only">{t('panel_mentions', counts[c.id]!)}</span>
                    </button>
                  </li>
                ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
