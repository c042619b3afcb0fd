/**
 * Paints the card into the UI layer: a tooltip while hovered, a dialog once
 * pinned, with the notes frame in its slot.
 */
import { render } from 'preact';
import type { ConceptView } from '@/lib/corpus/concept-view';
import { CARD_HEADING_ID, CardApp, type CardView } from '@/components/card/CardApp';
import { FrameSlot, type NotesFrame } from '../notes-frame';

/** The card's element id (the term's aria-describedby while it is a tooltip). */
export const CARD_ID = 'alliance-lens-card';

/**
 * The notes frame's height: fixed for each state of the card (a hover card's
 * compact strip, a pinned card's list — tall enough for a three-line note whole —
 * which scrolls inside, and its editor),
 * set by what the reader did and never by the notes, so nothing about them
 * shows in the card's size (a page can measure our host).
 */
export const NOTES_HEIGHT = { hover: 64, list: 168, editing: 240 } as const;

export interface CardPaint {
  view: CardView;
  concept: ConceptView;
  dark: boolean;
  frame: NotesFrame;
  /** The notes frame shows its editor (it says so when the reader opens or closes it). */
  editing: boolean;
  glossaryUrl(conceptId: string): string;
  onPointerEnter(): void;
  onPointerLeave(): void;
  onKeyDown(e: KeyboardEvent): void;
  onNavigate(conceptId: string | null): void;
  onClose(): void;
  onPin(): void;
}

export function renderCard(root: HTMLElement, p: CardPaint) {
  const { pinned } = p.view;
  render(
    <div
      id={CARD_ID}
      class="floating"
      role={pinned ? 'dialog' : 'tooltip'}
      aria-modal={pinned ? 'false' : undefined}
      aria-labelledby={CARD_HEADING_ID}
      onPointerEnter={p.onPointerEnter}
      onPointerLeave={p.onPointerLeave}
      onKeyDown={p.onKeyDown}
    >
      <CardApp
        view={p.view}
        concept={p.concept}
        dark={p.dark}
        notes={<FrameSlot frame={p.frame} height={NOTES_HEIGHT[!pinned ? 'hover' : p.editing ? 'editing' : 'list']} />}
        glossaryUrl={p.glossaryUrl}
        onNavigate={p.onNavigate}
        onClose={p.onClose}
        onPin={p.onPin}
      />
    </div>,
    root,
  );
}
