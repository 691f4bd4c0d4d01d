/** Hands the tab's realtime connection to the components under it, and its state to the banner. */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionState, Realtime } from './RealtimeConnection';

const ConnectionContext = createContext<Realtime | null>(null);

export function RealtimeProvider({ connection, children }: { connection: Realtime; children: ReactNode }) {
  return <ConnectionContext value={connection}>{children}</ConnectionContext>;
}

export function useRealtime(): Realtime {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('RealtimeProvider is missing above this component');
  return connection;
}

/** The connection's state, re-rendering on each change. */
export function useConnectionState(): ConnectionState {
  const connection = useRealtime();
  return useSyncExternalStore(connection.subscribeState, connection.getState);
}
