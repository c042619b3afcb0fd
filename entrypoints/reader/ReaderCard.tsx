/**
 * The concept card over a PDF: the same card as on web pages (CardApp),
 * opened on hover (after a short delay), focus and click (pinned), placed by
 * lib/placement beside the mark's lines, as on web pages. The reader is an extension page, so it asks
 * the background for the concept and its notes directly (its notes section is
 * the one the notes frame shows on web pages, rendered in place).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { createPortal } from 'preact/compat';
import themeCss from '@/components/theme.css?inline';
import cardCss from '@/components/card/card.css?inline';
import { elementReference, followReference } from '@/lib/placement';
import { askBackground } from '@/lib/ask-background';
import type { ConceptView } from '@/lib/corpus/concept-view';
import type { ConceptSource } from '@/lib/notes/model';
import { LiveCardNotes } from '@/components/card/LiveCardNotes';
import { CARD_HEADING_ID, CardApp, type CardView } from '@/components/card/CardApp';

export const READER_CARD_ID = 'alliance-lens-card';
const dark = matchMedia('(prefers-color-scheme: dark)').matches;

/**
 * The card's styles are written for a shadow root (as on web pages); the
 * reader gives it one too, so they do not meet the reader's own. The host
 * has the same tag as on web pages.
 */
function cardRoot(): HTMLElement {
  const existing = document.querySelector('alliance-lens-ui')?.shadowRoot?.querySelector<HTMLElement>('.layer');
  if (existing) return existing;
  const host = document.createElement('alliance-lens-ui');
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(themeCss + cardCss);
  shadow.adoptedStyleSheets = [sheet];
  const layer = document.createElement('div');
  layer.className = 'layer';
  shadow.append(layer);
  document.body.append(host);
  return layer;
}

export interface CardState {
  view: CardView;
  mark: HTMLElement;
}

export function ReaderCard({
  state,
  source,
  notesChange,
  onChange,
  onClose,
  onEnter,
  onLeave,
}: {
  state: CardState;
  /** Where a note written in this card was written: the mention it is pinned on. */
  source: ConceptSource | undefined;
  notesChange: { version: number; noteId?: string };
  onChange(state: CardState): void;
  /** `refocus`: give focus back to the mark (Escape), without that focus reopening the card. */
  onClose(refocus?: boolean): void;
  onEnter(): void;
  onLeave(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { view, mark } = state;
  const [concept, setConcept] = useState<ConceptView | null>(null);
  useEffect(() => {
    let live = true;
    askBackground('corpus:concept', { conceptId: view.conceptId }).then(
      (c) => live && setConcept(c),
      () => live && setConcept(null),
    );
    return () => {
      live = false;
    };
  }, [view.conceptId]);
  useEffect(() => {
    const floating = ref.current;
    if (!floating) return;
    return followReference(elementReference(mark), floating);
  }, [mark]);
  useEffect(() => {
    const floating = ref.current;
    if (!view.pinned || !floating) return;
    // A pinned card takes focus once its content has loaded (the concept comes from the background).
    const focusFirst = () => {
      const first = floating.querySelector<HTMLElement>('button, [href], textarea, input');
      first?.focus();
      return !!first;
    };
    if (focusFirst()) return;
    const observer = new MutationObserver(() => focusFirst() && observer.disconnect());
    observer.observe(floating, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [view.pinned, view.conceptId]);
  return createPortal(
    <div
      ref={ref}
      id={READER_CARD_ID}
      class="floating"
      role={view.pinned ? 'dialog' : 'tooltip'}
      aria-labelledby={CARD_HEADING_ID}
      onPointerEnter={onEnter}
      onPointerLeave={onLeave}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose(true);
        }
      }}
    >
      {concept?.concept.id === view.conceptId && (
        <CardApp
          view={view}
          dark={dark}
          concept={concept}
          notes={
            <LiveCardNotes
              conceptId={view.conceptId}
              conceptName={concept.concept.name}
              pinned={view.pinned}
              version={notesChange.version}
              changedNoteId={notesChange.noteId}
              source={source}
              onPin={() => onChange({ mark, view: { ...view, pinned: true } })}
            />
          }
          glossaryUrl={(id) => `/dashboard.html#/glossary/${encodeURIComponent(id)}`}
          onNavigate={(id) =>
            onChange({
              mark,
              view:
                id === null
                  ? { ...view, conceptId: view.history.at(-1) ?? view.conceptId, history: view.history.slice(0, -1) }
                  : { ...view, conceptId: id, history: [...view.history, view.conceptId] },
            })
          }
          onClose={() => onClose()}
          onPin={() => onChange({ mark, view: { ...view, pinned: true } })}
        />
      )}
    </div>,
    cardRoot(),
  );
}
