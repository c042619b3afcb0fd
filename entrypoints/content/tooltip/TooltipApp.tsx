import { useEffect, useState } from 'preact/hooks';
import type { ConceptNotes, ConceptView } from '@/lib/messages';
import type { NoteDraft } from '@/lib/notes/model';
import { ConceptCard } from '@/components/card/ConceptCard';
import { t } from '@/lib/i18n';

export interface TooltipView {
  conceptId: string;
  pinned: boolean;
  /** Concepts visited through related chips, for the way back. */
  history: string[];
  /** The hovered mention as written on the page. */
  term?: string;
}

export interface TooltipAppProps {
  view: TooltipView;
  dark: boolean;
  /** Bumped when notes change anywhere, to refetch. */
  notesVersion: number;
  loadConcept(conceptId: string): Promise<ConceptView>;
  /** The concept the card opens on, already loaded, so the first paint is complete. */
  initialConcept: ConceptView | null;
  loadNotes(conceptId: string): Promise<ConceptNotes>;
  saveNote(draft: NoteDraft): Promise<unknown>;
  glossaryUrl(conceptId: string): string;
  onNavigate(conceptId: string | null): void;
  onClose(): void;
  onPin(): void;
}

export const CARD_HEADING_ID = 'alliance-lens-card-title';

export function TooltipApp(props: TooltipAppProps) {
  const { view } = props;
  const [data, setData] = useState<ConceptView | null>(props.initialConcept);
  const [notes, setNotes] = useState<ConceptNotes | null>(null);
  const [notesError, setNotesError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    if (data?.concept.id === view.conceptId) return;
    props.loadConcept(view.conceptId).then((d) => live && setData(d), () => live && setData(null));
    return () => {
      live = false;
    };
  }, [view.conceptId]);

  useEffect(() => {
    let live = true;
    setNotesError(undefined);
    props.loadNotes(view.conceptId).then(
      (n) => live && setNotes(n),
      () => live && setNotesError(t('card_notesUnavailable')),
    );
    return () => {
      live = false;
    };
  }, [view.conceptId, props.notesVersion]);

  if (!data || data.concept.id !== view.conceptId) return null;
  const { concept } = data;
  return (
    <ConceptCard
      concept={concept}
      category={data.category}
      sources={data.sources}
      related={data.related}
      term={view.history.length === 0 ? view.term : undefined}
      notes={notes}
      notesError={notesError}
      pinned={view.pinned}
      dark={props.dark}
      glossaryUrl={props.glossaryUrl(concept.id)}
      headingId={CARD_HEADING_ID}
      canGoBack={view.history.length > 0}
      onBack={() => props.onNavigate(null)}
      onRelated={(id) => props.onNavigate(id)}
      onClose={props.onClose}
      onPin={props.onPin}
      onSaveNote={async (body, tags) => {
        await props.saveNote({ kind: 'concept', conceptId: concept.id, body, tags });
        setNotes(await props.loadNotes(concept.id));
      }}
    />
  );
}
