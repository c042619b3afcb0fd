/**
 * The term a card belongs to: a mention, and the place it was last seen, to
 * find it again when the page renders its text anew (the highlighter then
 * decides a new mention in its place). Also the floating-ui reference the
 * card is placed against: the term's own line boxes.
 */
import type { Mention } from '@/lib/highlight/highlighter';
import { mentionRect, refound } from './mention';

export class CardTerm {
  private rect: DOMRect;

  constructor(public mention: Mention) {
    this.rect = mentionRect(mention) ?? new DOMRect();
  }

  /** Where the term is now (measured while the card follows it). */
  seenAt(rect: DOMRect) {
    this.rect = rect;
  }

  lastRect(): DOMRect {
    return this.rect;
  }

  /** Whether the term's text is still on the page as it was. */
  present(): boolean {
    return this.mention.alive() && !!this.mention.range();
  }

  /** After the term's text changed: moves to the mention that shows the term now; false when there is none. */
  refind(mentions: Mention[]): boolean {
    const again = refound(mentions, this.mention.conceptId, this.rect);
    if (again) this.mention = again;
    return !!again;
  }

  /** The term as a floating-ui virtual element: its line boxes, measured anew at each call. */
  reference() {
    return {
      getBoundingClientRect: () => this.mention.range()?.getBoundingClientRect() ?? this.rect,
      getClientRects: () => [...(this.mention.range()?.getClientRects() ?? [this.rect])],
      contextElement: this.mention.range()?.startContainer.parentElement ?? undefined,
    };
  }
}
