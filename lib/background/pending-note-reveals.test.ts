import { describe, expect, it, vi } from 'vitest';
import { PDF_REVEAL_TTL_MS, PendingReveals, REVEAL_TTL_MS } from './pending-note-reveals';
import type { NoteReveal } from '../messages';

const reveal: NoteReveal = {
  noteId: 'note-0001-abcd',
  conceptId: 'sma',
  quote: { type: 'TextQuoteSelector', exact: 'SMA', prefix: 'the ', suffix: '.' },
};

describe('PendingReveals', () => {
  it('asks the opened tab at its reports until it has revealed, then never again', async () => {
    const answers = [false, true];
    const send = vi.fn(async () => answers.shift() ?? true);
    const reveals = new PendingReveals(send);
    await reveals.onReport(5);
    expect(send).not.toHaveBeenCalled();
    reveals.add(5, reveal);
    await reveals.onReport(9);
    await reveals.onReport(5);
    await reveals.onReport(5);
    await reveals.onReport(5);
    expect(send.mock.calls).toEqual([
      [5, reveal],
      [5, reveal],
    ]);
  });

  it('asks once at a time while reports pile up, and counts a failed send as not revealed', async () => {
    let answer!: (ok: boolean) => void;
    const send = vi
      .fn()
      .mockImplementationOnce(() => new Promise<boolean>((r) => (answer = r)))
      .mockRejectedValueOnce(new Error('no listener'))
      .mockResolvedValue(true);
    const reveals = new PendingReveals(send);
    reveals.add(5, reveal);
    const first = reveals.onReport(5);
    await reveals.onReport(5);
    expect(send).toHaveBeenCalledTimes(1);
    answer(false);
    await first;
    await reveals.onReport(5);
    await reveals.onReport(5);
    await reveals.onReport(5);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('gives up after its time, and forgets a closed tab', async () => {
    const clock = { now: 0 };
    const send = vi.fn(async () => false);
    const reveals = new PendingReveals(send, () => clock.now);
    reveals.add(5, reveal);
    reveals.add(6, reveal);
    reveals.forget(6);
    clock.now = REVEAL_TTL_MS + 1;
    await reveals.onReport(5);
    await reveals.onReport(6);
    expect(send).not.toHaveBeenCalled();
  });

  it('waits longer for a PDF note, whose reader may first have to pick the local file', async () => {
    const clock = { now: 0 };
    const send = vi.fn(async () => false);
    const reveals = new PendingReveals(send, () => clock.now);
    const pdfReveal = { ...reveal, pdf: { fingerprint: 'a1b2c3d4e5f6', pageIndex: 3 } };
    reveals.add(5, pdfReveal);
    clock.now = REVEAL_TTL_MS + 1;
    await reveals.onReport(5);
    expect(send).toHaveBeenCalledWith(5, pdfReveal);
    clock.now = PDF_REVEAL_TTL_MS + 1;
    await reveals.onReport(5);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
