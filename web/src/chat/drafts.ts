/**
 * Unsent text per room, kept in localStorage so it survives switching rooms and reloading.
 * Writes are cheap enough to do on each change; storage errors only lose the draft.
 */
import type { UserId } from '../api/types';
import type { RoomId } from './types';

export interface DraftStore {
  get(roomId: RoomId): string;
  set(roomId: RoomId, text: string): void;
  /** Forgets every draft (on signing out). */
  clear(): void;
}

export function draftStore(userId: UserId, storage: Storage | null = safeStorage()): DraftStore {
  const key = `parley.drafts.${userId}`;
  let cache: Record<string, string> | null = null;
  const read = (): Record<string, string> => {
    if (cache) return cache;
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '{}');
      cache = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
    } catch {
      cache = {};
    }
    return cache;
  };
  return {
    get: (roomId) => read()[String(roomId)] ?? '',
    set: (roomId, text) => {
      const drafts = { ...read() };
      if (text.trim()) drafts[String(roomId)] = text;
      else delete drafts[String(roomId)];
      cache = drafts;
      try {
        if (Object.keys(drafts).length) storage?.setItem(key, JSON.stringify(drafts));
        else storage?.removeItem(key);
      } catch {
        // Storage full or blocked: the draft lives in memory for this page.
      }
    },
    clear: () => {
      cache = {};
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing stored, then.
      }
    },
  };
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
