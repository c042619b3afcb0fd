import type { Corpus } from '@/lib/corpus/schema';
import { categoryLabel, displayName, t } from '@/lib/i18n';

export interface PageConceptsProps {
  corpus: Corpus;
  counts: Record<string, number>;
  dark: boolean;
  onReveal(conceptId: string): void;
}

/** The concepts found on a page, grouped by category, with their number of mentions. */
export function PageConcepts({ corpus, counts, dark, onReveal }: PageConceptsProps) {
  const found = corpus.concepts.filter((c) => counts[c.id]);
  if (!found.length) return <p class="muted">{t('panel_noConcepts')}</p>;
  return (
    <div>
      {corpus.categories
        .filter((cat) => found.some((c) => c.category === cat.id))
        .map((cat) => (
          <section key={cat.id} aria-label={categoryLabel(cat)}>
            <h3>{categoryLabel(cat)}</h3>
            <ul class="concept-groups">
              {found
                .filter((c) => c.category === cat.id)
                .sort((a, b) => counts[b.id]! - counts[a.id]!)
                .map((c) => (
                  <li key={c.id}>
                    <button type="button" class="concept-row" style={{ '--cat': dark ? cat.colourDark : cat.colour }} onClick={() => onReveal(c.id)} title={t('panel_revealHint')}>
                      <span class="swatch" aria-hidden="true" />
                      <span class="name">{displayName(c)}</span>
                      <span class="badge" aria-label={t('panel_mentions', counts[c.id]!)}>
                        {counts[c.id]}
                      </span>
                    </button>
                  </li>
                ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
