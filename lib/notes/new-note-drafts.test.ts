import { describe, expect, it } from 'vitest';
import { conceptDraftKey, memoryArea, newNoteDrafts, passageDraftKey } from './new-note-drafts';

describe('draft store', () => {
  it('keeps a draft per concept and per passage until discarded', async () => {
    const store = newNoteDrafts(memoryArea());
    await store.set(conceptDraftKey('sma'), { body: 'Check the 2026 figure', tags: 'cost' });
    await store.set(passageDraftKey('https://a.example/x', 'the quoted words'), { body: 'why?', tags: '' });
    expect(await store.get(conceptDraftKey('sma'))).toEqual({ body: 'Check the 2026 figure', tags: 'cost' });
    expect(await store.get(conceptDraftKey('ncg'))).toBeNull();
    expect(await store.get(passageDraftKey('https://a.example/x', 'the quoted words'))).toEqual({ body: 'why?', tags: '' });
    expect(await store.get(passageDraftKey('https://a.example/x', 'other words'))).toBeNull();
    await store.discard(conceptDraftKey('sma'));
    expect(await store.get(conceptDraftKey('sma'))).toBeNull();
  });

  it('removes a draft emptied by the reader, and ignores malformed stored values', async () => {
    const area = memoryArea();
    const store = newNoteDrafts(area);
    await store.set(conceptDraftKey('sma'), { body: 'x', tags: '' });
    await store.set(conceptDraftKey('sma'), { body: '  ', tags: '' });
    expect(await area.get(conceptDraftKey('sma'))).toEqual({});
    await area.set({ [conceptDraftKey('ncg')]: { body: 3 } });
    expect(await store.get(conceptDraftKey('ncg'))).toBeNull();
  });
});
