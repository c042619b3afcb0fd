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
  /**
   * Loads the next panel's notes frame out of sight, settling once it has loaded: "Add note" is offered then,
   * so the panel opens ready for the reader's keys (a frame clicked while it loads may drop focus to the page).
   */
  prepare(): Promise<void>;
  /** Opens beside `beside` (a Range's clone or a passage), never over its lines nor the next one. */
  show(beside: VirtualReference, content: PanelContent): Promise<void>;
  /** Closes the panel (and the selection button, which shares its slot). */
  close(): void;
  isOpen(): boolean;
  /** Whether the panel holds text the reader has not saved. */
  holdsDraft(): boolean;
}

/** A frame's element in a wrapper that keeps it loading out of sight and out of reach of the pointer. */
function parkedFrame(frame: NotesFrame): HTMLElement {
  const parking = document.createElement('div');
  for (const [prop, value] of [
    ['position', 'fixed'],
    ['width', '0'],
    ['height', '0'],
    ['overflow', 'hidden'],
    ['visibility', 'hidden'],
  ] as const)
    parking.style.setProperty(prop, value);
  parking.append(frame.element);
  return parking;
}

/** `onOpen` hears each opening and closing. */
export function notePanel(layer: UiLayer, onOpen?: (open: boolean) => void): NotePanel {
  let frame: NotesFrame | null = null;
  /** A frame loading out of sight for the next panel, and the wrapper that parks it. */
  let spare: { frame: NotesFrame; parking: HTMLElement } | null = null;
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
    layer.clear('selection');
  }

  // After a save, the background's notes:changed for this page re-anchors: refreshing here too would anchor twice.
  const newFrame = () =>
    createNotesFrame(t('note_dialogLabel'), layer, (message) => {
      if (message.type === 'close' || message.type === 'saved') close();
    });

  return {
    prepare() {
      if (!spare?.parking.isConnected) {
        const next = newFrame();
        spare = { frame: next, parking: parkedFrame(next) };
        layer.slot('parking').append(spare.parking);
      }
      return spare.frame.loaded;
    },
    async show(beside, content) {
      // Open until the reader closes it: the click that opened it also collapses the selection.
      setOpen(true);
      layer.raise();
      const root = layer.slot('selection');
      const parked = spare?.parking.isConnected ? spare : null;
      spare = null;
      frame = parked?.frame ?? newFrame();
      frame.show(content);
      render(
        <div class="floating panel" role="dialog" aria-modal="false" aria-label={t('note_dialogLabel')}>
          <FrameSlot frame={frame} height={PANEL_HEIGHT[content.type]} />
        </div>,
        root,
      );
      parked?.parking.remove();
      const floating = root.querySelector<HTMLElement>('.floating')!;
      frame.focus('first');
      stopFollowing?.();
      stopFollowing = followReference(beside, floating);
    },
    close,
    isOpen: () => open,
    holdsDraft: () => !!frame?.holdsDraft(),
  };
}
