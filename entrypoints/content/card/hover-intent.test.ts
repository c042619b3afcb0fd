import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOVER_CLOSE_MS as CLOSE_GRACE_MS, HOVER_OPEN_MS as OPEN_DELAY_MS } from '@/lib/placement';
import { HoverIntent } from './hover-intent';

describe('HoverIntent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const make = () => {
    const open = vi.fn();
    const close = vi.fn();
    return { intent: new HoverIntent<string>({ open, close }), open, close };
  };

  it('opens after the hover delay and closes after the grace period', () => {
    const { intent, open, close } = make();
    intent.enterTerm('sma');
    vi.advanceTimersByTime(OPEN_DELAY_MS - 1);
    expect(open).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(open).toHaveBeenCalledWith('sma');
    intent.leave();
    vi.advanceTimersByTime(CLOSE_GRACE_MS);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('keeps the card while the pointer moves from the term onto it', () => {
    const { intent, close } = make();
    intent.enterTerm('sma');
    vi.advanceTimersByTime(OPEN_DELAY_MS);
    intent.leave();
    vi.advanceTimersByTime(CLOSE_GRACE_MS - 1);
    intent.enterCard();
    vi.advanceTimersByTime(5000);
    expect(close).not.toHaveBeenCalled();
    intent.leave();
    vi.advanceTimersByTime(CLOSE_GRACE_MS);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('keeps a dismissed card closed while the pointer stays on its term, until it leaves and comes back', () => {
    const { intent, open } = make();
    intent.enterTerm('sma');
    vi.advanceTimersByTime(OPEN_DELAY_MS);
    intent.dismiss();
    // The browser re-sends pointerover when the card's layer goes from under (or near) the pointer.
    intent.enterTerm('sma');
    vi.advanceTimersByTime(5000);
    expect(open).toHaveBeenCalledTimes(1);
    // Another term still opens.
    intent.enterTerm('ncg');
    vi.advanceTimersByTime(OPEN_DELAY_MS);
    expect(open).toHaveBeenLastCalledWith('ncg');
    intent.hide();
    intent.leaveTerm('sma');
    intent.enterTerm('sma');
    vi.advanceTimersByTime(OPEN_DELAY_MS);
    expect(open).toHaveBeenLastCalledWith('sma');
    expect(open).toHaveBeenCalledTimes(3);
  });

  it('opens no hover card while held (an editor is open), but a click still opens one', () => {
    const { intent, open } = make();
    intent.held = true;
    intent.enterTerm('sma');
    vi.advanceTimersByTime(5000);
    expect(open).not.toHaveBeenCalled();
    intent.show('sma', true);
    expect(open).toHaveBeenCalledWith('sma');
  });

  it('never closes a pinned card on leave', () => {
    const { intent, close } = make();
    intent.show('sma', true);
    intent.leave();
    vi.advanceTimersByTime(5000);
    expect(close).not.toHaveBeenCalled();
  });
});
