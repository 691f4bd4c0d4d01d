import { describe, expect, it, vi } from 'vitest';
import { sessionFrom } from './session';
import { localTokenStore, STORAGE_KEY } from './tokenStore';
import { alice } from '../test/fakeAuthServer';

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  broken = false;
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    if (this.broken) throw new DOMException('blocked', 'SecurityError');
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.broken) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const session = sessionFrom({ user: alice, accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 }, 1_000_000);

function storageEvent(storageArea: Storage, key: string | null, newValue: string | null): Event {
  return Object.assign(new Event('storage'), { storageArea, key, newValue });
}

describe('localTokenStore', () => {
  it('saves, loads and clears the session', () => {
    const storage = new MemoryStorage();
    const store = localTokenStore(storage, new EventTarget() as Window);
    expect(store.load()).toBeNull();
    store.save(session);
    expect(store.load()).toEqual(session);
    store.save(null);
    expect(store.load()).toBeNull();
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('treats malformed stored data as signed out', () => {
    const storage = new MemoryStorage();
    const store = localTokenStore(storage, new EventTarget() as Window);
    storage.setItem(STORAGE_KEY, '{not json');
    expect(store.load()).toBeNull();
    storage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: 'a1' }));
    expect(store.load()).toBeNull();
  });

  it('keeps working in memory when storage is unusable', () => {
    const storage = new MemoryStorage();
    storage.broken = true;
    const store = localTokenStore(storage, new EventTarget() as Window);
    store.save(session);
    expect(store.load()).toEqual(session);
  });

  it('keeps the session in memory where the browser refuses storage altogether', () => {
    const store = localTokenStore(null, new EventTarget() as Window);
    expect(store.load()).toBeNull();
    store.save(session);
    expect(store.load()).toEqual(session);
  });

  it('reports changes another tab makes to the session key only', () => {
    const storage = new MemoryStorage();
    const events = new EventTarget();
    const store = localTokenStore(storage, events as Window);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);

    events.dispatchEvent(storageEvent(storage, 'something.else', 'x'));
    events.dispatchEvent(storageEvent(new MemoryStorage(), STORAGE_KEY, null));
    expect(listener).not.toHaveBeenCalled();

    events.dispatchEvent(storageEvent(storage, STORAGE_KEY, JSON.stringify(session)));
    expect(listener).toHaveBeenLastCalledWith(session);
    events.dispatchEvent(storageEvent(storage, null, null));
    expect(listener).toHaveBeenLastCalledWith(null);

    unsubscribe();
    events.dispatchEvent(storageEvent(storage, STORAGE_KEY, null));
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('sessionFrom', () => {
  it('renews a minute before expiry, or after four fifths of a short lifetime', () => {
    expect(session.accessExpiresAt).toBe(1_000_000 + 900_000);
    expect(session.refreshAt).toBe(1_000_000 + 840_000);
    const short = sessionFrom({ user: alice, accessToken: 'a', refreshToken: 'r', expiresIn: 10 }, 0);
    expect(short.refreshAt).toBe(8_000);
  });
});
