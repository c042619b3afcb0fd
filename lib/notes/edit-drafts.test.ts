import { describe, expect, it } from 'vitest';
import { EditDrafts } from './edit-drafts';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

const stored = { body: 'Original', tags: ['a'] };

describe('EditDrafts', () => {
  it('keeps a changed draft per note until it is cleared, across instances (a reopened dashboard)', () => {
    const storage = memoryStorage();
    new EditDrafts(storage).set('note-1', { body: 'Changed', tags: ['a', 'b'] }, stored);
    const reopened = new EditDrafts(storage);
    expect(reopened.get('note-1')).toEqual({ body: 'Changed', tags: ['a', 'b'] });
    expect(reopened.get('note-2')).toBeNull();
    reopened.clear('note-1');
    expect(reopened.get('note-1')).toBeNull();
  });

  it('drops a draft that is back to the stored note', () => {
    const storage = memoryStorage();
    const drafts = new EditDrafts(storage);
    drafts.set('note-1', { body: 'Changed', tags: ['a'] }, stored);
    drafts.set('note-1', { body: 'Original ', tags: ['a'] }, stored);
    expect(drafts.get('note-1')).toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it('ignores a corrupt or foreign value instead of throwing', () => {
    const storage = memoryStorage();
    storage.setItem('alliance-lens:edit-draft:note-1', '{not json');
    storage.setItem('alliance-lens:edit-draft:note-2', JSON.stringify({ body: 1, tags: 'x' }));
    const drafts = new EditDrafts(storage);
    expect(drafts.get('note-1')).toBeNull();
    expect(drafts.get('note-2')).toBeNull();
  });
});
