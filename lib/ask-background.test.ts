import { describe, expect, it, vi } from 'vitest';
import { requestOnce, withClientId } from './ask-background';
import type { Reply } from './messages';

/** A fake transport: answers in turn with each outcome (an Error is thrown, anything else is the reply). */
function transport(...outcomes: (Reply<string> | Error | undefined)[]) {
  return vi.fn(async () => {
    const next = outcomes.shift();
    if (next instanceof Error) throw next;
    return next;
  });
}

const CHROME_LOST = [
  'Could not establish connection. Receiving end does not exist.',
  'The message port closed before a response was received.',
  'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
  'No response',
];

describe('requestOnce', () => {
  it("unwraps a reply, and throws the background's own message on an error reply", async () => {
    await expect(requestOnce(transport({ ok: true, value: 'note' }))).resolves.toBe('note');
    await expect(requestOnce(transport({ ok: false, error: 'Storage is full' }))).rejects.toThrow('Storage is full');
  });

  it.each(CHROME_LOST)('sends the same request once more after "%s"', async (message) => {
    const send = transport(new Error(message), { ok: true, value: 'stored' });
    await expect(requestOnce(send)).resolves.toBe('stored');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('sends again when the background gave no answer', async () => {
    const send = transport(undefined, { ok: true, value: 'stored' });
    await expect(requestOnce(send)).resolves.toBe('stored');
  });

  it('gives up after the second lost channel with a message for the reader, never the raw browser error', async () => {
    const send = transport(new Error(CHROME_LOST[0]), new Error(CHROME_LOST[1]), { ok: true, value: 'never' });
    const attempt = requestOnce(send);
    await expect(attempt).rejects.toThrow(/did not answer.*Nothing was lost/);
    await expect(requestOnce(transport(new Error(CHROME_LOST[1]), undefined))).rejects.not.toThrow(/message port/);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does not repeat a request the background refused, nor one that failed for another reason', async () => {
    const refused = transport({ ok: false, error: 'Too many notes' }, { ok: true, value: 'x' });
    await expect(requestOnce(refused)).rejects.toThrow('Too many notes');
    expect(refused).toHaveBeenCalledTimes(1);
    const other = transport(new TypeError('bad data'), { ok: true, value: 'x' });
    await expect(requestOnce(other)).rejects.toThrow('bad data');
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('tells an orphaned script to reload instead of retrying', async () => {
    const send = transport(new Error('Extension context invalidated.'));
    await expect(requestOnce(send)).rejects.toThrow(/updated or restarted/);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('withClientId', () => {
  const draft = { kind: 'concept' as const, conceptId: 'sma', body: 'x', tags: [] };
  it('gives a new note an id once, before sending, so both attempts carry the same one', () => {
    const withId = withClientId('notes:save', draft, () => 'client-id-0001');
    expect(withId).toEqual({ ...draft, clientId: 'client-id-0001' });
    expect(withClientId('notes:save', withId, () => 'another-id-0002')).toBe(withId);
  });
  it('leaves edits and other requests alone', () => {
    expect(withClientId('notes:save', { ...draft, id: 'note-0001-abcd' })).toEqual({ ...draft, id: 'note-0001-abcd' });
    expect(withClientId('notes:delete', { id: 'note-0001-abcd' })).toEqual({ id: 'note-0001-abcd' });
  });
});
