import { useEffect, useState } from 'preact/hooks';
import type { Corpus } from '@/lib/corpus/schema';
import type { ConceptNotes } from '@/lib/messages';
import type { NoteDraft } from '@/lib/notes/model';
import { ConceptCard } from '@/components/card/ConceptCard';
import { t } from '@/lib/i18n';

export interface TooltipView {
  conceptId: string;
  pinned: boolean;
  /** Concepts visited through related chips, for the way back. */
  history: string[];
}

export interface TooltipAppProps {
  corpus: Corpus;
  view: TooltipView;
  dark: boolean;
  /** Bumped when notes change anywhere, to refetch. */
  notesVersion: number;
  loadNotes(conceptId: string): Promise<ConceptNotes>;
  saveNote(draft: NoteDraft): Promise<unknown>;
  glossaryUrl(conceptId: string): string;
  onNavigate(conceptId: string | null): void;
  onClose(): void;
  onPin(): void;
}

export const CARD_HEADING_ID = 'alliance-lens-card-title';

export function TooltipApp(props: TooltipAppProps) {
  const { corpus, view } = props;
  const concept = corpus.concepts.find((c) => c.id === view.conceptId);
  const [notes, setNotes] = useState<ConceptNotes | null>(null);
  const [notesError, setNotesError] = useState<string | undefined>();

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

  if (!concept) return null;
  const category = corpus.categories.find((c) => c.id === concept.category)!;
  const related = concept.related.flatMap((id) => corpus.concepts.filter((c) => c.id === id));
  return (
    <ConceptCard
      concept={concept}
      category={category}
      sources={corpus.sources}
      related={related}
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
