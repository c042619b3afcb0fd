import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';
import type { Category, Concept, SourceDoc } from '@/lib/corpus/schema';
import { askBackground } from '@/lib/ask-background';
import { categoryLabel, displayName, language, localeFormat, sourceNames, t, type Language } from '@/lib/i18n';
import { aliasKey } from '@/lib/text/normalise';
import { acronymOf, bylineOf, dateLabels } from '@/lib/corpus/concept-view';

export interface ConceptCardProps {
  concept: Concept;
  category: Category;
  sources: SourceDoc[];
  related: { id: string; name: string; ko?: { name: string } }[];
  /** The mention as written on the page, shown when it differs from the names. */
  term?: string;
  /** The reader's notes on the concept: an extension frame, so their text never enters the page's reach. */
  notes?: ComponentChild;
  /** A pinned card is a dialog: it shows a close button. */
  pinned: boolean;
  dark: boolean;
  glossaryUrl: string;
  headingId: string;
  canGoBack: boolean;
  onBack(): void;
  onRelated(conceptId: string): void;
  onClose(): void;
  onPin(): void;
}

/** In the interface's locale: "2023-04-26" → "26 April 2023" / "2023년 4월 26일"; "2023-04" → "April 2023"; "2023" stays a year. */
export function formatIsoDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const value = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  const parts: Intl.DateTimeFormatOptions =
    m === undefined
      ? { year: 'numeric' }
      : d === undefined
        ? { year: 'numeric', month: 'long' }
        : { year: 'numeric', month: 'long', day: 'numeric' };
  return localeFormat(`corpus-date ${Object.keys(parts).length}`, (l) => new Intl.DateTimeFormat(l, { ...parts, timeZone: 'UTC' })).format(
    value,
  );
}

/** The name, definition and detail in one language (English, or Korean where the corpus has it). */
function textsIn(concept: Concept, lang: Language) {
  return lang === 'ko' && concept.ko
    ? { lang, ...concept.ko }
    : { lang: 'en' as const, name: concept.name, short: concept.short, detail: concept.detail };
}

export function ConceptCard(props: ConceptCardProps) {
  const { concept, category, pinned } = props;
  // The interface language first; the other language one click away.
  const [otherLanguage, setOtherLanguage] = useState(false);
  const colour = props.dark ? category.colourDark : category.colour;
  const primary: Language = language();
  const shown = textsIn(concept, otherLanguage ? (primary === 'ko' ? 'en' : 'ko') : primary);
  const beside = textsIn(concept, shown.lang === 'ko' ? 'en' : 'ko');
  const bilingual = !!concept.ko;
  // The acronym once: not where a name already holds it ("오커스(AUKUS)").
  const initials = acronymOf(concept);
  const acronym = initials && ![shown.name, beside.name].some((n) => n.includes(initials)) ? initials : undefined;
  const term = props.term && ![shown.name, beside.name].some((n) => aliasKey(n) === aliasKey(props.term!)) ? props.term : undefined;
  const [glossaryError, setGlossaryError] = useState<string | null>(null);
  // A page may not navigate to an extension page that is not web-accessible (Chromium:
  // ERR_BLOCKED_BY_CLIENT; Firefox: nothing happens), so the background opens the tab. Middle clicks too.
  const openGlossary = (e: MouseEvent) => {
    if (e.type === 'auxclick' && e.button !== 1) return;
    e.preventDefault();
    setGlossaryError(null);
    askBackground('ui:openGlossary', { conceptId: concept.id }).catch((err: unknown) =>
      setGlossaryError(err instanceof Error ? err.message : String(err)),
    );
  };

  return (
    <article class="card" style={{ '--cat': colour }} lang={primary}>
      <header class="card-head">
        {props.canGoBack && (
          <button type="button" class="icon" onClick={props.onBack} aria-label={t('card_back')} title={t('card_back')}>
            ←
          </button>
        )}
        <div class="title-block">
          <h2 id={props.headingId} class="name" lang={shown.lang}>
            {shown.name}
          </h2>
        </div>
        {pinned ? (
          <button type="button" class="icon" onClick={props.onClose} aria-label={t('card_close')} title={t('card_close')}>
            ×
          </button>
        ) : (
          <button type="button" class="icon" onClick={props.onPin} aria-label={t('card_pin')} title={t('card_pin')}>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
              <path
                d="M10 1.5 14.5 6l-1.4 1.4-1-1-2.6 2.6.4 3.4-1.4 1.4L6 11.3 2.5 14.8 1.2 13.5 4.7 10 2.2 7.5l1.4-1.4 3.4.4L9.6 3.9l-1-1z"
                fill="currentColor"
              />
            </svg>
          </button>
        )}
      </header>

      {/* The definition and More scroll between the header and the notes, which both stay in view. */}
      <div class="card-body">
        {/* Under the name, but in the body: on a small screen the header keeps only the name and the controls. */}
        <div class="title-more">
          {term && <p class="as-written">{t('card_asWritten', term)}</p>}
          {(acronym || bilingual) && (
            <span class="other-name">
              {acronym && <abbr class="acronym">{acronym}</abbr>}
              {acronym && bilingual && ' · '}
              {bilingual && <span lang={beside.lang}>{beside.name}</span>}
            </span>
          )}
          <span class="chip category">{categoryLabel(category)}</span>
          {concept.pack && <p class="from-pack">{t('card_fromPack', concept.pack.name)}</p>}
        </div>
        <p class="short" lang={shown.lang}>
          {shown.short}
        </p>
        {bilingual && (
          <button type="button" class="link language-switch" aria-pressed={otherLanguage} onClick={() => setOtherLanguage(!otherLanguage)}>
            {t(shown.lang === 'ko' ? 'card_inEnglish' : 'card_inKorean')}
          </button>
        )}

        {/* The sources at a glance; the full citations are under More. */}
        <p class="sources-line">
          <span class="label">{t('card_sources')}</span> {props.sources.map((doc) => sourceNames(doc).publisher).join(' · ')}
        </p>

        <details class="detail">
          <summary>{t('card_more')}</summary>
          <p lang={shown.lang}>{shown.detail}</p>
          {concept.dates.length > 0 && (
            <dl class="dates">
              {concept.dates.map((d, i) => (
                <div key={d.date + d.label} class="date-row">
                  <dt>{formatIsoDate(d.date)}</dt>
                  <dd lang={shown.lang}>{dateLabels(concept, shown.lang)[i]}</dd>
                </div>
              ))}
            </dl>
          )}
          {props.related.length > 0 && (
            <nav class="related" aria-label={t('card_related')}>
              <span class="label">{t('card_related')}</span>
              <ul>
                {props.related.map((r) => (
                  <li key={r.id}>
                    <button type="button" class="chip" onClick={() => props.onRelated(r.id)}>
                      {displayName(r)}
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <section class="sources" aria-label={t('card_sources')}>
            {props.sources.map((doc) => {
              // One line per document, however many of its sections ground the concept.
              const refs = concept.sources.filter((ref) => ref.sourceId === doc.id);
              if (!refs.length) return null;
              const sections = refs.filter((ref) => ref.section).map((ref) => `“${ref.section}”`);
              return (
                <p key={doc.id} class="citation">
                  <span class="label">{t('card_source')}</span> <cite>{doc.title}</cite> —{' '}
                  {bylineOf({ ...doc, ...sourceNames(doc) }, formatIsoDate)}
                  {sections.length > 0 && ` · ${t('card_section', sections.join(', '))}`}
                </p>
              );
            })}
            <a
              class="glossary-link"
              href={props.glossaryUrl}
              target="_blank"
              rel="noopener noreferrer"
              onClick={openGlossary}
              onAuxClick={openGlossary}
            >
              {t('card_openGlossary')}
            </a>
            {glossaryError && (
              <p class="error" role="alert">
                {glossaryError}
              </p>
            )}
          </section>
        </details>
      </div>
      {props.notes}
    </article>
  );
}
