/**
 * When the card opens and closes (WCAG 1.4.13: hoverable, dismissible,
 * persistent): opens after a short hover, stays while the pointer is on the
 * term or the card, closes after a grace period, never while pinned.
 * Dismissed (Escape), a card stays closed while the pointer stays on its term;
 * held (an editor is open), no hover card opens at all.
 * Its delays are the reader's too (lib/placement). Timers and no DOM, so hover-intent.test.ts drives it with fake timers.
 */
import { HOVER_CLOSE_MS, HOVER_OPEN_MS } from '@/lib/placement';

export interface HoverIntentActions<T> {
  open(target: T): void;
  close(): void;
  /** Whether two targets are the same term (a term the page made us wrap again is a new element); identity by default. */
  same?(a: T, b: T): boolean;
}

export class HoverIntent<T> {
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private current: T | null = null;
  /** The term whose card the reader dismissed: no hover opens it until the pointer leaves it. */
  private dismissed: T | null = null;
  pinned = false;
  /** While an editor is open elsewhere (a passage note), hovering a term opens nothing. */
  held = false;

  constructor(private readonly actions: HoverIntentActions<T>) {}

  /** The pointer entered a highlighted term. */
  enterTerm(target: T) {
    clearTimeout(this.closeTimer);
    if (this.current === target) return;
    clearTimeout(this.openTimer);
    if (this.pinned || this.held || this.isDismissed(target)) return;
    this.openTimer = setTimeout(() => this.show(target), HOVER_OPEN_MS);
  }

  /** The pointer left a term: a card dismissed there may open again when it comes back. */
  leaveTerm(target: T) {
    if (this.isDismissed(target)) this.dismissed = null;
  }

  private isDismissed(target: T): boolean {
    const d = this.dismissed;
    return d !== null && (d === target || !!this.actions.same?.(d, target));
  }

  /** The pointer left the term or the card (and did not move onto the other). */
  leave() {
    clearTimeout(this.openTimer);
    if (this.pinned || this.current === null) return;
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => this.hide(), HOVER_CLOSE_MS);
  }

  /** The pointer is on the card: keep it. */
  enterCard() {
    clearTimeout(this.closeTimer);
  }

  /** Opens at once (keyboard focus, click, shortcut). */
  show(target: T, pin = false) {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    this.current = target;
    this.pinned = pin || this.pinned;
    this.actions.open(target);
  }

  /** Escape: closes the card and keeps a hover card closed while the pointer stays on its term (WCAG 1.4.13). */
  dismiss() {
    if (this.current !== null && !this.pinned) this.dismissed = this.current;
    this.hide();
  }

  hide() {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    if (this.current === null) return;
    this.current = null;
    this.pinned = false;
    this.actions.close();
  }

  get target(): T | null {
    return this.current;
  }
}
