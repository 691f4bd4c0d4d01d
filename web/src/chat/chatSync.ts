/**
 * Catching up (docs/protocol.md §10.3): `sync` from where each room's held messages stop being
 * gap-free, then the room list and the open member lists. It runs after a connection the server
 * could not recover (every room), and when the server says it may have missed events for some
 * rooms (`resync_needed`: those rooms). A truncated room, or a sync that fails, reloads the
 * latest page of what is on screen.
 */
import { ClientEvents } from '../realtime/events';
import type { Realtime } from '../realtime/RealtimeConnection';
import type { ChatLoader } from './chatLoader';
import { syncCursor, timelineOf, type ChatState, type SyncCursor } from './chatState';
import type { ChatStateStore } from './chatStateStore';
import type { RoomId, SyncResult } from './types';

export interface ResyncOptions {
  /** Only these rooms (those the client knows); every room when absent. */
  rooms?: readonly RoomId[];
  /** Where each room's sync starts; from the end of the held run by default. */
  cursor?: (state: ChatState, roomId: RoomId) => SyncCursor;
  /** Told the rooms a sync answered for, after it was applied. */
  synced?: (roomIds: readonly RoomId[]) => void;
}

export async function resync(store: ChatStateStore, connection: Realtime, loader: ChatLoader, options: ResyncOptions = {}): Promise<void> {
  const state = store.getState();
  const cursorOf = options.cursor ?? syncCursor;
  const wanted = options.rooms ? options.rooms.filter((id) => id in state.rooms) : Object.values(state.rooms).map((room) => room.id);
  const cursors: Record<RoomId, SyncCursor> = {};
  for (const roomId of wanted) cursors[roomId] = cursorOf(state, roomId);
  try {
    if (wanted.length > 0) {
      const result = await connection.request<SyncResult>(ClientEvents.sync, { rooms: cursors });
      store.dispatch({ type: 'synced', result });
      options.synced?.(wanted);
      for (const room of result.rooms) {
        if (room.truncated && timelineOf(store.getState(), room.roomId).state === 'ready') reload(loader, room.roomId);
      }
    }
  } catch {
    // Fall back to reloading what is on screen.
    for (const [id, timeline] of Object.entries(store.getState().timelines)) {
      if (!wanted.includes(Number(id))) continue;
      if (timeline.state === 'ready' && !timeline.hasNewer) reload(loader, Number(id));
    }
  }
  await loader.refreshRooms();
  for (const roomId of Object.keys(store.getState().members).map(Number)) {
    if (!options.rooms || options.rooms.includes(roomId)) void loader.loadMembers(roomId, true);
  }
}

/** Reloads a room's latest page; a failure (offline again) leaves what is shown for the next reconnect. */
function reload(loader: ChatLoader, roomId: RoomId): void {
  loader.loadLatest(roomId).catch(() => undefined);
}
