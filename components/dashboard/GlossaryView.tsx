import { useState } from 'preact/hooks';
import type { Concept, Corpus } from '@/lib/corpus/schema';
import type { Note } from '@/lib/notes/model';
import { formatIsoDate } from '@/components/card/ConceptCard';
import { NoteList } from '@/components/card/NoteList';
import { categoryLabel, displayName, language, localeFormat, sourceNames, t } from '@/lib/i18n';
import { searchGlossary } from '@/lib/search/glossary-search';
import { bylineOf, dateLabels } from '@/lib/corpus/concept-view';
import { useConceptNotes } from '@/components/hooks/use-notes';
import { categoryColour } from '@/components/panels/category-colour';

/** Names compared as a reader of the interface's language sorts them ("#StopRansomware" under S). */
const byName = (a: Concept, b: Concept) =>
  localeFormat('collator', (l) => new Intl.Collator(l, { ignorePunctuation: true })).compare(displayName(a), displayName(b));

function GlossaryEntries({ concepts }: { concepts: Concept[] }) {
  const ko = language() === 'ko';
  return (
    <ul class="glossary-list">
      {concepts.map((c) => (
        <li key={c.id}>
          <a href={`#/glossary/${c.id}`} class="concept-name">
            {displayName(c)}
          </a>
          {c.ko && (
            <span class="other-name" lang={ko ? 'en' : 'ko'}>
              {ko ? c.name : c.ko.name}
            </span>
          )}
          <p class="muted">{ko && c.ko ? c.ko.short : c.short}</p>
        </li>
      ))}
    </ul>
  );
}

/**
 * Every concept, by category and then by name, or by name alone (the A–Z
 * toggle); a search lists its best answers first.
 */
export function GlossaryList({ corpus }: { corpus: Corpus }) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [alphabetical, setAlphabetical] = useState(false);
  const shown = searchGlossary(
    corpus.concepts.filter((c) => !category || c.category === category),
    query,
  );
  const searching = query.trim() !== '';
  const sorted = searching ? shown : [...shown].sort(byName);
  return (
    <section aria-labelledby="glossary-title">
      <div class="view-head">
        <h2 id="glossary-title">{t('dash_glossary')}</h2>
        <span class="muted">{t('dash_conceptCount', shown.length)}</span>
      </div>
      <div class="filters">
        <input
          type="search"
          aria-label={t('dash_searchConcepts')}
          placeholder={t('dash_searchConcepts')}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        <div role="group" aria-label={t('dash_filterCategory')} class="row">
          <button type="button" aria-pressed={!category} onClick={() => setCategory('')}>
            {t('dash_allCategories')}
          </button>
          {corpus.categories.map((cat) => (
            <button
              key={cat.id}
              type="button"
              aria-pressed={category === cat.id}
              onClick={() => setCategory(cat.id)}
              style={categoryColour(cat)}
              class="cat-button"
            >
              <span class="swatch" aria-hidden="true" /> {categoryLabel(cat)}
            </button>
          ))}
        </div>
        <button type="button" aria-pressed={alphabetical} title={t('dash_orderAzHint')} onClick={() => setAlphabetical(!alphabetical)}>
          {t('dash_orderAz')}
        </button>
      </div>
      {searching || alphabetical ? (
        <GlossaryEntries concepts={sorted} />
      ) : (
        corpus.categories
          .filter((cat) => sorted.some((c) => c.category === cat.id))
          .map((cat) => (
            <section key={cat.id} aria-labelledby={`glossary-${cat.id}`} class="glossary-group" style={categoryColour(cat)}>
              <h3 id={`glossary-${cat.id}`} class="group-title">
                <span class="swatch" aria-hidden="true" /> {categoryLabel(cat)}
              </h3>
              <GlossaryEntries concepts={sorted.filter((c) => c.category === cat.id)} />
            </section>
          ))
      )}
    </section>
  );
}

/** Fold for comparing how a name is written: case, and a final plural "s" ("SMAs" is the SMA). */
const writingKey = (text: string) => text.normalize('NFKC').toLocaleLowerCase().replace(/s$/, '');

/** The aliases worth showing beside the names: none that only adds a plural or repeats a name in the heading. */
export function distinctAliases(concept: Concept): Concept['aliases'] {
  const seen = new Set([concept.name, ...(concept.ko ? [concept.ko.name] : [])].map(writingKey));
  return concept.aliases.filter((a) => {
    const key = writingKey(a.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
    <article aria-labelledby="concept-title" class="concept-page" style={categoryColour(category)}>
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
        <div key={x.lang} lang={x.lang} class="concept-text">
          <p class="lead">{x.short}</p>
          <p>{x.detail}</p>
        </div>
      ))}
      <h3>{t('dash_aliases')}</h3>
      <p>
        {distinctAliases(concept).map((a) => (
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
              <cite>{doc.title}</cite> — {bylineOf({ ...doc, ...sourceNames(doc) }, formatIsoDate)}.
              {ref.section && ` ${t('card_section', `“${ref.section}”`)}: “${ref.locator}”`}
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
      <h3>
        {t('card_yourNotes')} ({notes.length})
      </h3>
      {notes.length ? <NotesByKind notes={notes} /> : <p class="muted">{t('card_noNotes')}</p>}
    </article>
  );
}

/** A concept's notes in two labelled lists: those written on the concept, then those on passages naming it. */
function NotesByKind({ notes }: { notes: Note[] }) {
  const groups = [
    ['dash_conceptNotes', notes.filter((n) => n.kind === 'concept')],
    ['dash_passageNotes', notes.filter((n) => n.kind === 'passage')],
  ] as const;
  return (
    <>
      {groups
        .filter(([, list]) => list.length)
        .map(([label, list]) => (
          <section key={label} aria-label={t(label)} class={`notes-of-kind ${label}`}>
            <h4>
              {t(label)} ({list.length})
            </h4>
            <NoteList notes={list} />
          </section>
        ))}
    </>
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
              {bylineOf({ ...s, ...sourceNames(s) }, formatIsoDate, ' · ')}
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
