import { describe, expect, it } from 'vitest';
import { draftStore } from './drafts';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('drafts', () => {
  it('keeps a draft per room and user, across page loads', () => {
    const storage = memoryStorage();
    draftStore(1, storage).set(10, 'half a thought');
    draftStore(1, storage).set(11, 'another');
    expect(draftStore(1, storage).get(10)).toBe('half a thought');
    expect(draftStore(1, storage).get(11)).toBe('another');
    expect(draftStore(2, storage).get(10)).toBe('');
  });

  it('drops empty drafts and forgets them all on sign-out', () => {
    const storage = memoryStorage();
    const drafts = draftStore(1, storage);
    drafts.set(10, 'x');
    drafts.set(10, '   ');
    expect(storage.length).toBe(0);
    drafts.set(11, 'y');
    drafts.clear();
    expect(draftStore(1, storage).get(11)).toBe('');
  });
});
