/**
 * The page's answers to the popup and side panel: what is on it
 * (`page:summary`), where a concept is (`page:reveal`) and where a note was
 * written (`page:revealNote`, Open in context). Only the top frame
 * answers: a message to a tab reaches every frame.
 */
import { contentMessenger, type NoteReveal } from '@/lib/messages';
import { onAbort } from '@/lib/abort';
import { pageUrlOf } from '@/lib/page-url';
import type { Highlighting } from './highlighting';
import type { Reveal } from './reveal-mention';

export function initPageAnswers(
  signal: AbortSignal,
  deps: { highlighting: Highlighting; notesNotFound(): string[]; reveal: Reveal; revealNote(reveal: NoteReveal): boolean },
) {
  if (window !== window.top) return;
  const { highlighting } = deps;
  onAbort(
    signal,
    contentMessenger.onMessage('page:summary', () => ({
      url: location.href,
      notesUrl: pageUrlOf(document),
      title: document.title,
      enabled: highlighting.active(),
      counts: highlighting.active() ? highlighting.highlighter.counts() : {},
      notesNotFound: deps.notesNotFound(),
      // Chrome's PDF viewer is a document we run in but cannot read: the popup offers the reader instead.
      isPdf: document.contentType === 'application/pdf',
    })),
  );
  onAbort(
    signal,
    contentMessenger.onMessage('page:reveal', ({ data }) => deps.reveal(data.conceptId, 1, 'pin')),
  );
  onAbort(
    signal,
    contentMessenger.onMessage('page:revealNote', ({ data }) => deps.revealNote(data)),
  );
  // The page answers now: a tab opened for Open in context is asked to reveal its note at this report.
  highlighting.report();
}
