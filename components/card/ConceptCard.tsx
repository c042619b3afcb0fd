import type { ComponentChild } from 'preact';
import type { Category, Concept, SourceDoc } from '@/lib/corpus/schema';
import { useState } from 'preact/hooks';
import { askBackground } from '@/lib/messages';
import { t } from '@/lib/i18n';

export interface ConceptCardProps {
  concept: Concept;
  category: Category;
  sources: SourceDoc[];
  related: { id: string; name: string }[];
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

const monthFormat = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** "2023-04-26" → "26 April 2023"; "2023-04" → "April 2023"; "2023" stays. */
export function formatIsoDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (m === undefined) return String(y);
  const value = new Date(Date.UTC(y!, m - 1, d ?? 1));
  return d === undefined ? new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(value) : monthFormat.format(value);
}

export function ConceptCard(props: ConceptCardProps) {
  const { concept, category, pinned } = props;
  const colour = props.dark ? category.colourDark : category.colour;
  const [glossaryError, setGlossaryError] = useState<string | null>(null);
  // A page may not navigate to an extension page that is not web-accessible (Chromium:
  // ERR_BLOCKED_BY_CLIENT; Firefox: nothing happens), so the background opens the tab. Middle clicks too.
  const openGlossary = (e: MouseEvent) => {
    if (e.type === 'auxclick' && e.button !== 1) return;
    e.preventDefault();
    setGlossaryError(null);
    askBackground('ui:openGlossary', { conceptId: concept.id }).catch((err: unknown) => setGlossaryError(err instanceof Error ? err.message : String(err)));
  };

  return (
    <article class="card" style={{ '--cat': colour }}>
      <header class="card-head">
        {props.canGoBack && (
          <button type="button" class="icon" onClick={props.onBack} aria-label={t('card_back')} title={t('card_back')}>
            ←
          </button>
        )}
        <div class="title-block">
          <h2 id={props.headingId} class="name">
            {concept.name}
          </h2>
          <span class="chip category">{category.label}</span>
        </div>
        {pinned ? (
          <button type="button" class="icon" onClick={props.onClose} aria-label={t('card_close')} title={t('card_close')}>
            ×
          </button>
        ) : (
          <button type="button" class="icon" onClick={props.onPin} aria-label={t('card_pin')} title={t('card_pin')}>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
              <path d="M10 1.5 14.5 6l-1.4 1.4-1-1-2.6 2.6.4 3.4-1.4 1.4L6 11.3 2.5 14.8 1.2 13.5 4.7 10 2.2 7.5l1.4-1.4 3.4.4L9.6 3.9l-1-1z" fill="currentColor" />
            </svg>
          </button>
        )}
      </header>

      <p class="short">{concept.short}</p>

      <details class="detail">
        <summary>{t('card_more')}</summary>
        <p>{concept.detail}</p>
        {concept.dates.length > 0 && (
          <dl class="dates">
            {concept.dates.map((d) => (
              <div key={d.date + d.label} class="date-row">
                <dt>{formatIsoDate(d.date)}</dt>
                <dd>{d.label}</dd>
              </div>
            ))}
          </dl>
        )}
      </details>

      <section class="sources" aria-label={t('card_sources')}>
        {props.sources.map((doc) => {
          // One line per document, however many of its sections ground the concept.
          const sections = concept.sources.filter((ref) => ref.sourceId === doc.id).map((ref) => `“${ref.section}”`);
          if (!sections.length) return null;
          return (
            <p key={doc.id} class="citation">
              <span class="label">{t('card_source')}</span> <cite>{doc.title}</cite> — {doc.author}, {doc.publisher}, {formatIsoDate(doc.date)} · {t('card_section', sections.join(', '))}
            </p>
          );
        })}
        <a class="glossary-link" href={props.glossaryUrl} target="_blank" rel="noopener noreferrer" onClick={openGlossary} onAuxClick={openGlossary}>
          {t('card_openGlossary')}
        </a>
        {glossaryError && (
          <p class="error" role="alert">
            {glossaryError}
          </p>
        )}
      </section>

      {props.related.length > 0 && (
        <nav class="related" aria-label={t('card_related')}>
          <span class="label">{t('card_related')}</span>
          <ul>
            {props.related.map((r) => (
              <li key={r.id}>
                <button type="button" class="chip" onClick={() => props.onRelated(r.id)}>
                  {r.name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {props.notes}
    </article>
  );
}
