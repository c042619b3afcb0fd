/**
 * The passage-note panel: the extension's notes frame (which alone sees note
 * text) in a dialog beside the passage, open until the reader closes it or
 * the note is saved.
 */
import { render } from 'preact';
import { computePosition, flip, offset, shift } from '@floating-ui/dom';
import type { ToFrame } from '@/lib/to-frame';
import { t } from '@/lib/i18n';
import type { UiLayer } from '../ui-layer';
import { createNotesFrame, FrameSlot, type NotesFrame } from '../notes-frame';

/** The frame's height for a new note and for a shown one: fixed, so the panel's size says nothing of the note. */
const PANEL_HEIGHT = { 'passage-new': 300, 'passage-show': 220 } as const;

export type PanelContent = Extract<ToFrame, { type: 'passage-new' | 'passage-show' }>;

export interface NotePanel {
  show(beside: { getBoundingClientRect(): DOMRect }, content: PanelContent): Promise<void>;
  /** Closes the panel (and the selection button, which shares its slot). */
  close(): void;
  isOpen(): boolean;
  /** Whether the panel holds text the reader has not saved. */
  holdsDraft(): boolean;
}

/** `onOpen` hears each opening and closing. */
export function notePanel(layer: UiLayer, onOpen?: (open: boolean) => void): NotePanel {
  let frame: NotesFrame | null = null;
  let open = false;
  const setOpen = (next: boolean) => {
    if (next !== open) onOpen?.(next);
    open = next;
  };

  function close() {
    setOpen(false);
    frame = null;
    layer.clear('selection');
  }

  return {
    async show(beside, content) {
      // Open until the reader closes it: the click that opened it also collapses the selection.
      setOpen(true);
      layer.raise();
      const root = layer.slot('selection');
      frame = createNotesFrame(t('note_dialogLabel'), (message) => {
        // After a save, the background's notes:changed for this page re-anchors: refreshing here too would anchor twice.
        if (message.type === 'close' || message.type === 'saved') close();
      });
      frame.show(content);
      render(
        <div class="floating panel" role="dialog" aria-modal="false" aria-label={t('note_dialogLabel')}>
          <FrameSlot frame={frame} height={PANEL_HEIGHT[content.type]} />
        </div>,
        root,
      );
      const floating = root.querySelector<HTMLElement>('.floating')!;
      frame.element.focus();
      const { x, y } = await computePosition(beside, floating, { strategy: 'fixed', placement: 'bottom-start', middleware: [offset(8), flip(), shift({ padding: 8 })] });
      floating.style.setProperty('left', `${x}px`);
      floating.style.setProperty('top', `${y}px`);
    },
    close,
    isOpen: () => open,
    holdsDraft: () => !!frame?.holdsDraft(),
  };
}
