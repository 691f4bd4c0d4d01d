/**
 * Fills the holes live delivery leaves. With several nodes the server may deliver a room's
 * messages out of seq order, or miss one: a live message more than one past the end of the run
 * this client holds is kept, and a moment later (time for the one in flight to arrive) the room
 * is synced from the run's end. One sync per room at a time; a hole noticed meanwhile is looked
 * at again when it answers. A sync that fails leaves the hole's start on record, so the next
 * catch-up after a reconnect still asks from there.
 */
import { systemClock, type Clock } from '../auth/authSession';
import { ClientEvents } from '../realtime/events';
import type { Realtime } from '../realtime/RealtimeConnection';
import type { ChatLoader } from './chatLoader';
import { heldThrough, newestSeq, syncCursor, timelineOf, type ChatState, type SyncCursor } from './chatState';
import type { ChatStateStore } from './chatStateStore';
import { holdsRun, runEnd } from './timeline';
import type { Message, RoomId, Seq, SyncResult } from './types';

/** How long a hole may stay open before the room is synced: a message in flight usually lands sooner. */
export const GAP_SYNC_DELAY_MS = 400;

export class GapFiller {
  /** Per room with an open hole: the end of the run held when it was seen. */
  private readonly floors = new Map<RoomId, Seq>();
  private readonly timers = new Map<RoomId, unknown>();
  private readonly running = new Set<RoomId>();
  private readonly again = new Set<RoomId>();
  private stopped = false;

  constructor(
    private readonly store: ChatStateStore,
    private readonly connection: Realtime,
    private readonly loader: ChatLoader,
    private readonly clock: Clock = systemClock,
    private readonly delayMs = GAP_SYNC_DELAY_MS,
  ) {}

  /**
   * A message heard live, told before it is applied (`before` is the state it arrives in): one
   * that lands past the held run's end opens a hole to fill.
   */
  heard(message: Message, before: ChatState): void {
    const end = this.through(before, message.roomId);
    if (end === null || message.seq <= end + 1 || before.gone[message.roomId]) return;
    this.floors.set(message.roomId, end);
    if (this.running.has(message.roomId)) this.again.add(message.roomId);
    else this.schedule(message.roomId);
  }

  /** Where a sync of the room must start: the held run's end, or an older hole not yet filled. */
  cursor(state: ChatState, roomId: RoomId): SyncCursor {
    const cursor = syncCursor(state, roomId);
    const floor = this.floors.get(roomId);
    return floor === undefined || floor >= cursor.seq ? cursor : { ...cursor, seq: floor };
  }

  /** A catch-up synced these rooms from their cursors: their holes are filled. */
  filled(roomIds: Iterable<RoomId>): void {
    for (const roomId of roomIds) this.forget(roomId);
  }

  /** Rooms with a hole still open (for tests and catch-ups). */
  openRooms(): RoomId[] {
    return [...this.floors.keys()];
  }

  start(): void {
    this.stopped = false;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
    this.floors.clear();
    this.again.clear();
  }

  private through(state: ChatState, roomId: RoomId): Seq | null {
    const end = heldThrough(state, roomId);
    const floor = this.floors.get(roomId);
    return end === null || floor === undefined ? end : Math.min(end, floor);
  }

  private schedule(roomId: RoomId): void {
    if (this.timers.has(roomId) || this.stopped) return;
    this.timers.set(
      roomId,
      this.clock.setTimeout(() => {
        this.timers.delete(roomId);
        void this.fill(roomId);
      }, this.delayMs),
    );
  }

  /** Whether the messages that were missing have all arrived since. */
  private closed(state: ChatState, roomId: RoomId, floor: Seq): boolean {
    return holdsRun(timelineOf(state, roomId), floor, newestSeq(state, roomId));
  }

  private async fill(roomId: RoomId): Promise<void> {
    const floor = this.floors.get(roomId);
    const state = this.store.getState();
    if (floor === undefined || this.stopped) return;
    if (state.gone[roomId] || this.closed(state, roomId, floor)) {
      this.forget(roomId);
      return;
    }
    if (!this.connection.connected) return; // the catch-up after the reconnect asks from the floor
    this.running.add(roomId);
    try {
      const result = await this.connection.request<SyncResult>(ClientEvents.sync, { rooms: { [roomId]: this.cursor(state, roomId) } });
      if (this.stopped) return;
      this.store.dispatch({ type: 'synced', result });
      const after = this.store.getState();
      const timeline = timelineOf(after, roomId);
      const truncated = result.rooms.some((room) => room.roomId === roomId && room.truncated);
      if (truncated && timeline.state === 'ready') this.loader.loadLatest(roomId).catch(() => undefined);
      // The sync brought everything stored when it ran; a hole left now is one heard since.
      const next = runEnd(timeline, this.floors.get(roomId) ?? floor);
      if (truncated || timeline.hasNewer || !this.again.has(roomId) || next >= newestSeq(after, roomId)) this.forget(roomId);
      else this.floors.set(roomId, next);
    } catch {
      // Offline or refused: the hole stays on record for the next catch-up.
    } finally {
      this.running.delete(roomId);
      if (this.again.delete(roomId) && this.floors.has(roomId)) this.schedule(roomId);
    }
  }

  private forget(roomId: RoomId): void {
    this.floors.delete(roomId);
    this.again.delete(roomId);
    const timer = this.timers.get(roomId);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.timers.delete(roomId);
  }
}
