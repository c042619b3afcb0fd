/**
 * Paints the card into the UI layer: a tooltip while hovered, a dialog once
 * pinned, with the notes frame in its slot.
 */
import { render } from 'preact';
import type { ConceptView } from '@/lib/corpus/concept-view';
import { CARD_HEADING_ID, CardApp, type CardView } from './CardApp';
import { FrameSlot, type NotesFrame } from '../notes-frame';

/** The card's element id (the term's aria-describedby while it is a tooltip). */
export const CARD_ID = 'alliance-lens-card';

/**
 * The notes frame's height: fixed for each state of the card (a hover card's
 * compact strip, a pinned card's list and editor), never from the notes, so
 * nothing about them shows in the card's size.
 */
const NOTES_HEIGHT = { hover: 64, pinned: 250 } as const;

export interface CardPaint {
  view: CardView;
  concept: ConceptView;
  dark: boolean;
  frame: NotesFrame;
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
        notes={<FrameSlot frame={p.frame} height={pinned ? NOTES_HEIGHT.pinned : NOTES_HEIGHT.hover} />}
        glossaryUrl={p.glossaryUrl}
        onNavigate={p.onNavigate}
        onClose={p.onClose}
        onPin={p.onPin}
      />
    </div>,
    root,
  );
}
