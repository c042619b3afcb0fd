import { useState } from 'preact/hooks';
import type { Corpus } from '@/lib/corpus/schema';
import { formatIsoDate } from '@/components/card/ConceptCard';
import { NoteList } from '@/components/card/NoteList';
import { categoryLabel, displayName, language, t } from '@/lib/i18n';
import { searchGlossary } from '@/lib/search/glossary-search';
import { bylineOf, dateLabels } from '@/lib/corpus/concept-view';
import { useConceptNotes } from '@/components/hooks/use-notes';

const dark = matchMedia('(prefers-color-scheme: dark)').matches;

export function GlossaryList({ corpus }: { corpus: Corpus }) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const shown = searchGlossary(corpus.concepts.filter((c) => !category || c.category === category), query);
  return (
    <section aria-labelledby="glossary-title">
      <div class="view-head">
        <h2 id="glossary-title">{t('dash_glossary')}</h2>
        <span class="muted">{t('dash_conceptCount', shown.length)}</span>
      </div>
      <div class="filters">
        <input type="search" aria-label={t('dash_searchConcepts')} placeholder={t('dash_searchConcepts')} value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        <div role="group" aria-label={t('dash_filterCategory')} class="row">
          <button type="button" aria-pressed={!category} onClick={() => setCategory('')}>
            {t('dash_allCategories')}
          </button>
          {corpus.categories.map((cat) => (
            <button key={cat.id} type="button" aria-pressed={category === cat.id} onClick={() => setCategory(cat.id)} style={{ '--cat': dark ? cat.colourDark : cat.colour }} class="cat-button">
              <span class="swatch" aria-hidden="true" /> {categoryLabel(cat)}
            </button>
          ))}
        </div>
      </div>
      <ul class="glossary-list">
        {shown.map((c) => (
          <li key={c.id}>
            <a href={`#/glossary/${c.id}`}>{displayName(c)}</a>
            {c.ko && (
              <span class="other-name" lang={language() === 'ko' ? 'en' : 'ko'}>
                {' '}
                {language() === 'ko' ? c.name : c.ko.name}
              </span>
            )}
            <p class="muted">{language() === 'ko' && c.ko ? c.ko.short : c.short}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ConceptPage({ corpus, conceptId }: { corpus: Corpus; conceptId: string }) {
  const concept = corpus.concepts.find((c) => c.id === conceptId);
  const notes = useConceptNotes(conceptId);
  if (!concept) return <p class="error">{t('dash_unknownConcept')}</p>;
  const category = corpus.categories.find((c) => c.id === concept.category)!;
  // Both languages on the glossary page: the interface language first.
  const texts = [
    { lang: 'en', name: concept.name, short: concept.short, detail: concept.detail },
    ...(concept.ko ? [{ lang: 'ko', ...concept.ko }] : []),
  ].sort((a, b) => Number(b.lang === language()) - Number(a.lang === language()));
  return (
    <article aria-labelledby="concept-title" class="concept-page" style={{ '--cat': dark ? category.colourDark : category.colour }}>
      <p>
        <a href="#/glossary">← {t('dash_glossary')}</a>
      </p>
      <h2 id="concept-title" lang={texts[0]!.lang}>
        {texts[0]!.name}
      </h2>
      {texts[1] && (
        <p class="other-name" lang={texts[1].lang}>
          {texts[1].name}
        </p>
      )}
      <span class="chip">{categoryLabel(category)}</span>
      {texts.map((x) => (
        <div key={x.lang} lang={x.lang}>
          <p class="lead">{x.short}</p>
          <p>{x.detail}</p>
        </div>
      ))}
      <h3>{t('dash_aliases')}</h3>
      <p>
        {concept.aliases.map((a) => (
          <span key={a.text} class="chip" lang={a.lang}>
            {a.text}
          </span>
        ))}
      </p>
      {concept.dates.length > 0 && (
        <>
          <h3>{t('dash_dates')}</h3>
          <ul>
            {concept.dates.map((d, i) => (
              <li key={d.date + d.label}>
                <strong>{formatIsoDate(d.date)}</strong> — {dateLabels(concept, language())[i]}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('card_sources')}</h3>
      <ul>
        {concept.sources.map((ref) => {
          const doc = corpus.sources.find((s) => s.id === ref.sourceId)!;
          return (
            <li key={ref.sourceId + ref.locator}>
              <cite>{doc.title}</cite> — {bylineOf(doc, formatIsoDate)}.{ref.section && ` ${t('card_section', `“${ref.section}”`)}: “${ref.locator}”`}
            </li>
          );
        })}
      </ul>
      {concept.related.length > 0 && (
        <>
          <h3>{t('card_related')}</h3>
          <p class="row">
            {concept.related.map((id) => (
              <a key={id} class="chip" href={`#/glossary/${id}`}>
                {displayName(corpus.concepts.find((c) => c.id === id) ?? { name: id })}
              </a>
            ))}
          </p>
        </>
      )}
      <h3>{t('card_yourNotes')} ({notes.length})</h3>
      {notes.length ? <NoteList notes={notes} /> : <p class="muted">{t('card_noNotes')}</p>}
    </article>
  );
}

export function SourcesView({ corpus }: { corpus: Corpus }) {
  return (
    <section aria-labelledby="sources-title">
      <h2 id="sources-title">{t('dash_sources')}</h2>
      {corpus.sources.map((s) => {
        const citing = corpus.concepts.filter((c) => c.sources.some((r) => r.sourceId === s.id));
        return (
          <article key={s.id} class="source">
            <h3 class="source-title">
              <cite>{s.title}</cite>
            </h3>
            <p>
              {bylineOf(s, formatIsoDate, ' · ')}
              {s.url && (
                <>
                  {' · '}
                  <a href={s.url} target="_blank" rel="noopener noreferrer">
                    {s.url}
                  </a>
                </>
              )}
            </p>
            <p class="muted">{t('dash_citedBy', citing.length)}</p>
            <p>
              {citing.map((c) => (
                <a key={c.id} class="chip" href={`#/glossary/${c.id}`}>
                  {displayName(c)}
                </a>
              ))}
            </p>
          </article>
        );
      })}
    </section>
  );
}
