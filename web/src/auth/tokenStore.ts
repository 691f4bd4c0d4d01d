import { asSession, type Session } from './session';

/**
 * Where the session lives between page loads. `subscribe` reports changes made elsewhere
 * (another tab), not the store's own writes.
 */
export interface TokenStore {
  load(): Session | null;
  save(session: Session | null): void;
  subscribe(listener: (session: Session | null) => void): () => void;
}

export const STORAGE_KEY = 'parley.session';

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    return asSession(JSON.parse(raw));
  } catch {
    return null;
  }
}

/**
 * localStorage-backed store shared by every tab of the app; tabs hear each other through
 * `storage` events. Where storage is blocked or full, it keeps the session in memory instead.
 */
export function localTokenStore(storage: Storage | null, events: Window = window): TokenStore {
  let usable = storage !== null;
  let inMemory: Session | null = null;
  return {
    load: () => {
      if (!usable || !storage) return inMemory;
      try {
        return parse(storage.getItem(STORAGE_KEY));
      } catch {
        usable = false;
        return inMemory;
      }
    },
    save: (session) => {
      inMemory = session;
      if (!usable || !storage) return;
      try {
        if (session) storage.setItem(STORAGE_KEY, JSON.stringify(session));
        else storage.removeItem(STORAGE_KEY);
      } catch {
        usable = false;
      }
    },
    subscribe: (listener) => {
      const onStorage = (event: StorageEvent) => {
        if (!storage || event.storageArea !== storage) return;
        if (event.key === STORAGE_KEY || event.key === null) listener(parse(event.newValue));
      };
      events.addEventListener('storage', onStorage);
      return () => events.removeEventListener('storage', onStorage);
    },
  };
}

/** The page's localStorage, or null where the browser refuses access to it. */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A store that forgets everything on reload; for tests. */
export function memoryTokenStore(initial: Session | null = null): TokenStore & {
  /** Simulates another tab writing the store. */
  writeFromElsewhere(session: Session | null): void;
} {
  let current = initial;
  const listeners = new Set<(session: Session | null) => void>();
  return {
    load: () => current,
    save: (session) => {
      current = session;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    writeFromElsewhere: (session) => {
      current = session;
      for (const listener of listeners) listener(session);
    },
  };
}
