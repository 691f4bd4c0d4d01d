/** Hands the calls store to the components under it, and slices of its state as hooks. */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { CallsState } from './callState';
import type { CallStore } from './CallStore';

const StoreContext = createContext<CallStore | null>(null);

export function CallProvider({ store, children }: { store: CallStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

export function useCallStore(): CallStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('CallProvider is missing above this component');
  return store;
}

/** A slice of the calls state; `select` must return parts of the state, not new objects. */
export function useCalls<T>(select: (state: CallsState) => T): T {
  const store = useCallStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/** Re-renders when streams or tracks change (they live outside the state); returns the count of changes. */
export function useCallMediaVersion(): number {
  const store = useCallStore();
  return useSyncExternalStore(store.subscribeMedia, store.getMediaVersion);
}
