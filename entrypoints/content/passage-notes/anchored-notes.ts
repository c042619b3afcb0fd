/**
 * The reader's passage notes on this page: asks the background where they are
 * (never what they say), marks each passage it finds, and remembers which
 * marker shows which note, in this script only, never in the page's DOM.
 */
import { askBackground } from '@/lib/ask-background';
import type { BackgroundReplies } from '@/lib/messages';
import { anchor } from '@/lib/anchoring/anchor';
import { markPassage, unmarkPassages } from '@/lib/anchoring/passage-marks';

export interface AnchoredNotes {
  /** Marks the page's notes again (a failed question to the background leaves the marks as they are). */
  refresh(): Promise<void>;
  /** The note a marker shows. */
  noteAt(marker: Element): string | undefined;
  /** The first marker of a note, if its passage was found. */
  markerOf(noteId: string): HTMLElement | undefined;
  /** Ids of this page's notes whose passage could not be found with confidence. */
  notFound(): string[];
  /** Removes every marker. */
  clear(): void;
}

export function anchoredNotes(pageUrl: () => string): AnchoredNotes {
  let noteOf = new WeakMap<Element, string>();
  let firstMarker = new Map<string, HTMLElement>();
  let missing: string[] = [];

  function clear() {
    unmarkPassages(document);
    noteOf = new WeakMap();
    firstMarker = new Map();
  }

  return {
    async refresh() {
      let anchors: BackgroundReplies['notes:anchorsForPage'];
      try {
        anchors = await askBackground('notes:anchorsForPage', { url: pageUrl() });
      } catch {
        return;
      }
      clear();
      missing = [];
      // The page's text is read again for each note: marking the last one split its text nodes.
      for (const note of anchors) {
        const found = anchor(document.body, note);
        const markers = found ? markPassage(found) : [];
        for (const marker of markers) noteOf.set(marker, note.id);
        if (markers[0]) firstMarker.set(note.id, markers[0]);
        if (!found) missing.push(note.id);
      }
    },
    noteAt: (marker) => noteOf.get(marker),
    markerOf: (noteId) => firstMarker.get(noteId),
    notFound: () => [...missing],
    clear,
  };
}
