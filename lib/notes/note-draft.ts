/**
 * A note as the reader is writing it: the body, and the tags field as typed
 * ("a, b"), kept as typed until the note is saved, so a draft brought back
 * shows exactly what was left. Both kinds of draft use it: new notes
 * (new-note-drafts.ts) and edits of stored ones (stored-note-edits.ts).
 */
export interface NoteDraft {
  body: string;
  /** The tags field as typed ("a, b"). */
  tags: string;
}

export function isNoteDraft(value: unknown): value is NoteDraft {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as NoteDraft).body === 'string' &&
    typeof (value as NoteDraft).tags === 'string'
  );
}

/** The tags a tags field names: comma-separated, trimmed, each once, at most 32. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, 32);
}

/** A stored note's tags as the tags field shows them. */
export const tagsText = (tags: readonly string[]) => tags.join(', ');
