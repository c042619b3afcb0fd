/**
 * Keyboard focus in the pinned card, a dialog: Tab cycles through its controls
 * and the notes frame, which hands Tab back at its ends ('tab-out').
 */
import type { NotesFrame } from '../notes-frame';

const FOCUSABLE = 'button, [href], input, textarea, select, summary, iframe, [tabindex]:not([tabindex="-1"])';

export interface FocusTrap {
  /** Focuses the card's first control, once it is painted. */
  focusFirst(): void;
  /** The card's keydown handler: Tab at either end wraps round to the other. */
  onKeyDown(e: KeyboardEvent): void;
  /** The notes frame handed Tab back: focus the control after (or before) it. */
  leaveFrame(backwards: boolean): void;
}

export function focusTrap(card: {
  element(): HTMLElement | null;
  frame(): NotesFrame | null;
  /** The focused element inside the card's layer. */
  active(): Element | null;
  pinned(): boolean;
}): FocusTrap {
  // Controls under a closed More (details) cannot take focus: they are not in the cycle until it opens.
  const reachable = (el: HTMLElement) =>
    !(el as HTMLButtonElement).disabled && (el.localName === 'summary' || !el.closest('details:not([open])'));
  const items = () => [...(card.element()?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter(reachable);
  return {
    focusFirst() {
      requestAnimationFrame(() => card.element()?.querySelector<HTMLElement>(FOCUSABLE)?.focus());
    },
    onKeyDown(e) {
      if (e.key !== 'Tab' || !card.pinned()) return;
      const all = items();
      if (!all.length) return;
      const index = all.indexOf(card.active() as HTMLElement);
      const frame = card.frame();
      const into = (el: HTMLElement, at: 'first' | 'last') => (el === frame?.element ? frame.focus(at) : el.focus());
      if (e.shiftKey && index <= 0) {
        e.preventDefault();
        into(all.at(-1)!, 'last');
      } else if (!e.shiftKey && index === all.length - 1) {
        e.preventDefault();
        into(all[0]!, 'first');
      }
    },
    leaveFrame(backwards) {
      // The frame sits amid the card's controls: Tab goes on to the one after it, Shift+Tab to the one before.
      const all = items();
      const at = all.indexOf(card.frame()?.element as HTMLElement);
      const next = backwards ? (all[at - 1] ?? all.at(-1)) : (all[at + 1] ?? all[0]);
      if (next && at >= 0 && next !== all[at]) next.focus();
    },
  };
}
