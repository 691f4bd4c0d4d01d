/** Hands the chat store to the components under it, and slices of its state as hooks. */
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { UserId } from '../api/types';
import type { ChatState } from './chatState';
import type { ChatStore } from './ChatStore';

const StoreContext = createContext<ChatStore | null>(null);

export function ChatProvider({ store, children }: { store: ChatStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

export function useChatStore(): ChatStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('ChatProvider is missing above this component');
  return store;
}

/** A slice of the chat state; `select` must return parts of the state, not new objects. */
export function useChat<T>(select: (state: ChatState) => T): T {
  const store = useChatStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/**
 * Watches the presence of `userIds` while the calling component shows them (docs/protocol.md
 * §10.5); `key` names what shows them, so two parts of the screen do not replace each other's.
 */
export function useWatchPresence(key: string, userIds: readonly UserId[]): void {
  const store = useChatStore();
  const ids = userIds.join(',');
  useEffect(() => {
    if (!ids) return;
    return store.presence.watch(key, ids.split(',').map(Number));
  }, [store, key, ids]);
}
