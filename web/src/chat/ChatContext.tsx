import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import type { User } from '../api/types';
import type { AuthSession } from '../auth/authSession';
import { createChatApi } from './chatApi';
import type { ChatState } from './chatState';
import { ChatStore } from './ChatStore';

const StoreContext = createContext<ChatStore | null>(null);

/** Runs one chat store (and its socket) for the signed-in user; a new user gets a new store. */
export function ChatProvider({
  session,
  api,
  user,
  children,
}: {
  session: AuthSession;
  api: ApiClient;
  user: User;
  children: ReactNode;
}) {
  const [store, setStore] = useState<ChatStore | null>(null);
  const userId = user.id;

  useEffect(() => {
    const created = new ChatStore({ session, api: createChatApi(api), user });
    created.start();
    setStore(created);
    return () => created.stop();
    // The store follows the user's identity (userId), not profile edits (user).
  }, [session, api, userId]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!store || store.user.id !== userId) return null;
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
