/**
 * Catching up after a connection the server could not recover (docs/protocol.md §10.3): `sync`
 * with the last seq and rev held per room, then the room list and the open member lists. A
 * truncated room, or a sync that fails, reloads the latest page of what is on screen.
 */
import { ClientEvents } from '../realtime/events';
import type { Realtime } from '../realtime/RealtimeConnection';
import type { ChatLoader } from './chatLoader';
import { timelineOf } from './chatState';
import type { ChatStateStore } from './chatStateStore';
import { lastSeq } from './timeline';
import type { RoomId, Seq, SyncResult } from './types';

export async function resync(store: ChatStateStore, connection: Realtime, loader: ChatLoader): Promise<void> {
  const state = store.getState();
  const cursors: Record<RoomId, { seq: Seq; rev: number }> = {};
  for (const room of Object.values(state.rooms)) {
    const timeline = timelineOf(state, room.id);
    const live = timeline.state === 'ready' && !timeline.hasNewer;
    cursors[room.id] = live ? { seq: lastSeq(timeline) ?? 0, rev: timeline.maxRev } : { seq: room.lastSeq, rev: room.lastRev };
  }
  try {
    if (Object.keys(cursors).length > 0) {
      const result = await connection.request<SyncResult>(ClientEvents.sync, { rooms: cursors });
      store.dispatch({ type: 'synced', result });
      for (const room of result.rooms) {
        if (room.truncated && timelineOf(store.getState(), room.roomId).state === 'ready') reload(loader, room.roomId);
      }
    }
  } catch {
    // Fall back to reloading what is on screen.
    for (const [id, timeline] of Object.entries(store.getState().timelines)) {
      if (timeline.state === 'ready' && !timeline.hasNewer) reload(loader, Number(id));
    }
  }
  await loader.refreshRooms();
  for (const roomId of Object.keys(store.getState().members)) void loader.loadMembers(Number(roomId), true);
}

/** Reloads a room's latest page; a failure (offline again) leaves what is shown for the next reconnect. */
function reload(loader: ChatLoader, roomId: RoomId): void {
  loader.loadLatest(roomId).catch(() => undefined);
}
