/**
 * `notes:changed` from the background, handed to every feature that cares
 * (the messenger takes one listener per message type).
 */
import { contentMessenger, type NotesChange } from '@/lib/messages';
import { listenersUntilAbort, onAbort } from '@/lib/abort';

/** Calls `listener` on each change until `signal` aborts. */
export type OnNotesChanged = (signal: AbortSignal, listener: (change: NotesChange) => void) => void;

export function initNotesChanges(signal: AbortSignal): OnNotesChanged {
  const listeners = listenersUntilAbort<[NotesChange]>();
  onAbort(
    signal,
    contentMessenger.onMessage('notes:changed', ({ data }) => listeners.emit(data)),
  );
  return listeners.add;
}
