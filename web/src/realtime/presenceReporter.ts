/**
 * Tells the server whether this tab is looked at: `online` while visible, `away` while hidden,
 * sent on every connection (presence is per connection) and on every visibility change.
 */
import { ClientEvents } from './events';
import type { Realtime } from './RealtimeConnection';

/** Starts reporting; the returned function stops it. */
export function reportPresence(connection: Realtime): () => void {
  const report = () => {
    if (!connection.connected) return;
    const status = document.visibilityState === 'hidden' ? 'away' : 'online';
    connection.notify(ClientEvents.setPresence, { status });
  };
  const stopOnConnect = connection.onConnect(report);
  document.addEventListener('visibilitychange', report);
  return () => {
    stopOnConnect();
    document.removeEventListener('visibilitychange', report);
  };
}
