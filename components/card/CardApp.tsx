import type { ComponentChild } from 'preact';
import type { ConceptView } from '@/lib/corpus/concept-view';
import { ConceptCard } from '@/components/card/ConceptCard';

export interface CardView {
  conceptId: string;
  pinned: boolean;
  /** Concepts visited through related chips, for the way back. */
  history: string[];
  /** The hovered mention as written on the page. */
  term?: string;
}

export interface CardAppProps {
  view: CardView;
  dark: boolean;
  /** The concept shown, already loaded, so every paint is complete (and the notes frame is never re-created). */
  concept: ConceptView;
  /** The notes section: the extension's notes frame, which reads the notes itself. */
  notes: ComponentChild;
  glossaryUrl(conceptId: string): string;
  onNavigate(conceptId: string | null): void;
  onClose(): void;
  onPin(): void;
}

export const CARD_HEADING_ID = 'alliance-lens-card-title';

export function CardApp(props: CardAppProps) {
  const { view } = props;
  const data = props.concept;
  const { concept } = data;
  return (
    <ConceptCard
      concept={concept}
      category={data.category}
      sources={data.sources}
      related={data.related}
      term={view.history.length === 0 ? view.term : undefined}
      notes={props.notes}
      pinned={view.pinned}
      dark={props.dark}
      glossaryUrl={props.glossaryUrl(concept.id)}
      headingId={CARD_HEADING_ID}
      canGoBack={view.history.length > 0}
      onBack={() => props.onNavigate(null)}
      onRelated={(id) => props.onNavigate(id)}
      onClose={props.onClose}
      onPin={props.onPin}
    />
  );
}
