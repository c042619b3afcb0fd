/**
 * The reader's passage notes on this page: asks the background where they are
 * (never what they say), finds each passage in the page's text and has it
 * drawn (passage-boxes.tsx). Which box shows which note stays in this script:
 * nothing of it is in the page.
 */
import { askBackground } from '@/lib/ask-background';
import { anchor } from '@/lib/anchoring/anchor';
import { passageRanges } from '@/lib/anchoring/passage-ranges';
import type { PassageAnchor } from '@/lib/notes/queries';
import type { PassageBoxes } from './passage-boxes';

export interface AnchoredNotes {
  /** Asks for the page's notes and draws them again (a failed question to the background leaves them as they are). */
  refresh(): Promise<void>;
  /** Finds the passages again when the page re-rendered their text (no question to the background). */
  recheck(): void;
  /** Ids of this page's notes whose passage could not be found with confidence. */
  notFound(): string[];
  /** Draws nothing. */
  clear(): void;
}

export function anchoredNotes(pageUrl: () => string, boxes: PassageBoxes): AnchoredNotes {
  let anchors: PassageAnchor[] = [];
  let missing: string[] = [];

  function draw() {
    missing = [];
    const passages = anchors.map((note) => {
      const found = anchor(document.body, note);
      if (!found) missing.push(note.id);
      return { noteId: note.id, ranges: found ? passageRanges(found) : [] };
    });
    boxes.set(passages);
  }

  return {
    async refresh() {
      try {
        anchors = await askBackground('notes:anchorsForPage', { url: pageUrl() });
      } catch {
        return;
      }
      draw();
    },
    recheck() {
      if (anchors.length && !boxes.intact()) draw();
    },
    notFound: () => [...missing],
    clear() {
      anchors = [];
      missing = [];
      boxes.set([]);
    },
  };
}
