/**
 * The passage-note panel: the extension's notes frame (which alone sees note
 * text) in a dialog beside the passage, open until the reader closes it or
 * the note is saved.
 */
import { render } from 'preact';
import { followReference, type VirtualReference } from '@/lib/placement';
import type { ToFrame } from '@/lib/to-frame';
import { t } from '@/lib/i18n';
import type { UiLayer } from '../ui-layer';
import { createNotesFrame, FrameSlot, type NotesFrame } from '../notes-frame';

/** The frame's height for a new note and for a shown one: fixed, so the panel's size says nothing of the note. */
const PANEL_HEIGHT = { 'passage-new': 300, 'passage-show': 220 } as const;

export type PanelContent = Extract<ToFrame, { type: 'passage-new' | 'passage-show' }>;

export interface NotePanel {
  /** Opens beside `beside` (a Range's clone or the marker), never over its lines nor the next one. */
  show(beside: VirtualReference, content: PanelContent): Promise<void>;
  /** Closes the panel and clears the layer (the selection button too). */
  close(): void;
  isOpen(): boolean;
  /** Whether the panel holds text the reader has not saved. */
  holdsDraft(): boolean;
}

/** `onOpen` hears each opening and closing. */
export function notePanel(layer: UiLayer, onOpen?: (open: boolean) => void): NotePanel {
  let frame: NotesFrame | null = null;
  let open = false;
  let stopFollowing: (() => void) | null = null;
  const setOpen = (next: boolean) => {
    if (next !== open) onOpen?.(next);
    open = next;
  };

  function close() {
    setOpen(false);
    stopFollowing?.();
    stopFollowing = null;
    frame = null;
    layer.remove();
  }

  return {
    async show(beside, content) {
      // Open until the reader closes it: the click that opened it also collapses the selection.
      setOpen(true);
      const root = layer.open();
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
      stopFollowing?.();
      stopFollowing = followReference(beside, floating);
    },
    close,
    isOpen: () => open,
    holdsDraft: () => !!frame?.holdsDraft(),
  };
}
