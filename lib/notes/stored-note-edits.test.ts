import { describe, expect, it } from 'vitest';
import { StoredNoteEdits } from './stored-note-edits';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

const stored = { body: 'Original', tags: ['a'] };

describe('StoredNoteEdits', () => {
  it('keeps a changed draft per note until it is cleared, across instances (a reopened dashboard)', () => {
    const storage = memoryStorage();
    new StoredNoteEdits(storage).set('note-1', { body: 'Changed', tags: 'a, b' }, stored);
    const reopened = new StoredNoteEdits(storage);
    expect(reopened.get('note-1')).toEqual({ body: 'Changed', tags: 'a, b' });
    expect(reopened.get('note-2')).toBeNull();
    reopened.clear('note-1');
    expect(reopened.get('note-1')).toBeNull();
  });

  it('drops a draft that is back to the stored note (the tags field may be typed differently)', () => {
    const storage = memoryStorage();
    const edits = new StoredNoteEdits(storage);
    edits.set('note-1', { body: 'Changed', tags: 'a' }, stored);
    edits.set('note-1', { body: 'Original ', tags: ' a, ' }, stored);
    expect(edits.get('note-1')).toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it('keeps a tags field typed with a trailing comma as typed', () => {
    const storage = memoryStorage();
    new StoredNoteEdits(storage).set('note-1', { body: 'Changed', tags: 'a, ' }, stored);
    expect(new StoredNoteEdits(storage).get('note-1')).toEqual({ body: 'Changed', tags: 'a, ' });
  });

  it('reads an edit an earlier version kept with its tags as a list', () => {
    const storage = memoryStorage();
    storage.setItem('alliance-lens:edit-draft:note-1', JSON.stringify({ body: 'Changed', tags: ['a', 'b'] }));
    expect(new StoredNoteEdits(storage).get('note-1')).toEqual({ body: 'Changed', tags: 'a, b' });
  });

  it('ignores a corrupt or foreign value instead of throwing', () => {
    const storage = memoryStorage();
    storage.setItem('alliance-lens:edit-draft:note-1', '{not json');
    storage.setItem('alliance-lens:edit-draft:note-2', JSON.stringify({ body: 1, tags: 'x' }));
    storage.setItem('alliance-lens:edit-draft:note-3', JSON.stringify({ body: 'x', tags: [1] }));
    const edits = new StoredNoteEdits(storage);
    expect(edits.get('note-1')).toBeNull();
    expect(edits.get('note-2')).toBeNull();
    expect(edits.get('note-3')).toBeNull();
  });
});
