/**
 * The term a card belongs to: the first mark of its mention, and the root and
 * place it was last seen in, to find it again after the highlighter wraps it
 * anew. While the card is a tooltip, the term is described by it.
 */
import { rewrapped } from './mention';

export class CardTerm {
  private readonly root: Document | ShadowRoot;
  private rect: DOMRect;

  constructor(
    public mark: HTMLElement,
    private readonly cardId: string,
  ) {
    this.root = mark.getRootNode() as Document | ShadowRoot;
    this.rect = mark.getBoundingClientRect();
  }

  /** Where the term is now (measured while the card follows it). */
  seenAt(rect: DOMRect) {
    this.rect = rect;
  }

  describedByCard(on: boolean) {
    if (on) this.mark.setAttribute('aria-describedby', this.cardId);
    else this.mark.removeAttribute('aria-describedby');
  }

  /** After the term's mark left the page: moves to the mark that shows the term now; false when there is none. */
  refind(): boolean {
    const again = rewrapped(this.mark, this.root, this.rect);
    if (again) this.mark = again;
    return !!again;
  }
}
