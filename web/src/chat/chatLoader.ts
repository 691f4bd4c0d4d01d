/**
 * Loads what the chat shows over REST: the room list, one room, pages of history, member lists
 * and quoted messages. At most one load per key runs at a time; its answer becomes one reducer
 * action, dispatched after the key is released so that whatever the new state prompts (another
 * page) can start at once.
 */
import { ApiError } from '../api/errors';
import type { ChatApi } from './chatApi';
import { quoteKey, timelineOf, type ChatAction } from './chatState';
import type { ChatStateStore } from './chatStateStore';
import { PAGE_SIZE, firstSeq, hasOlder, lastSeq } from './timeline';
import type { RoomId, RoomSummary, Seq, ThreadPage } from './types';

export class ChatLoader {
  private readonly loads = new Map<string, Promise<void>>();

  constructor(
    private readonly store: ChatStateStore,
    private readonly api: ChatApi,
  ) {}

  async refreshRooms(): Promise<void> {
    try {
      this.store.dispatch({ type: 'roomsLoaded', rooms: await this.api.rooms() });
    } catch {
      // Offline or signed out: the list stays as it is and the next reconnect tries again.
    }
  }

  async fetchRoom(roomId: RoomId): Promise<RoomSummary | null> {
    try {
      const room = await this.api.room(roomId);
      this.store.dispatch({ type: 'roomUpserted', room });
      return room;
    } catch (error) {
      this.lostIfRefused(roomId, error);
      return null;
    }
  }

  /** Makes sure a room's messages are on hand: the latest page, or a window around `around`. */
  openRoom(roomId: RoomId, around?: Seq): Promise<void> {
    const state = this.store.getState();
    if (state.gone[roomId]) return Promise.resolve();
    void this.loadMembers(roomId);
    if (!state.rooms[roomId] && state.roomsLoaded) void this.fetchRoom(roomId);
    if (around !== undefined) return this.loadAround(roomId, around);
    const timeline = timelineOf(state, roomId);
    if (timeline.state === 'ready' && !timeline.hasNewer) return Promise.resolve();
    return this.loadLatest(roomId);
  }

  loadLatest(roomId: RoomId): Promise<void> {
    return this.page(`latest:${roomId}`, roomId, async () => ({
      type: 'latestLoaded',
      roomId,
      messages: await this.api.messages(roomId, {}, PAGE_SIZE),
    }));
  }

  loadAround(roomId: RoomId, seq: Seq): Promise<void> {
    const timeline = timelineOf(this.store.getState(), roomId);
    const first = firstSeq(timeline);
    const last = lastSeq(timeline);
    if (timeline.state === 'ready' && first !== null && last !== null && seq >= first && seq <= last) {
      return Promise.resolve();
    }
    return this.page(`around:${roomId}:${seq}`, roomId, async () => ({
      type: 'aroundLoaded',
      roomId,
      messages: await this.api.messages(roomId, { around: seq }, PAGE_SIZE),
    }));
  }

  /**
   * The thread of top-level message `rootSeq`: its root and replies, read over REST (live ones
   * come through the room). My read mark on the thread, which the root carries, is kept.
   */
  async thread(roomId: RoomId, rootSeq: Seq): Promise<ThreadPage> {
    const page = await this.api.thread(roomId, rootSeq);
    const mark = page.root.thread?.lastReadSeq;
    if (mark !== undefined) this.store.dispatch({ type: 'threadRead', roomId, rootSeq, seq: mark });
    return page;
  }

  loadOlder(roomId: RoomId): Promise<void> {
    const timeline = timelineOf(this.store.getState(), roomId);
    const first = firstSeq(timeline);
    if (timeline.state !== 'ready' || first === null || !hasOlder(timeline) || this.store.getState().gone[roomId]) return Promise.resolve();
    return this.once(`older:${roomId}`, () =>
      this.unlessLost(roomId, async () => ({
        type: 'olderLoaded',
        roomId,
        before: first,
        messages: await this.api.messages(roomId, { before: first }, PAGE_SIZE),
      })),
    );
  }

  loadNewer(roomId: RoomId): Promise<void> {
    const timeline = timelineOf(this.store.getState(), roomId);
    const last = lastSeq(timeline);
    if (timeline.state !== 'ready' || last === null || !timeline.hasNewer || this.store.getState().gone[roomId]) return Promise.resolve();
    return this.once(`newer:${roomId}`, () =>
      this.unlessLost(roomId, async () => ({
        type: 'newerLoaded',
        roomId,
        messages: await this.api.messages(roomId, { after: last }, PAGE_SIZE),
      })),
    );
  }

  loadMembers(roomId: RoomId, force = false): Promise<void> {
    const state = this.store.getState();
    if ((state.members[roomId] && !force) || state.gone[roomId]) return Promise.resolve();
    return this.once(`members:${roomId}`, async () => {
      try {
        return { type: 'membersLoaded', roomId, members: await this.api.members(roomId) };
      } catch (error) {
        this.lostIfRefused(roomId, error);
        return null; // Shown without receipts or roles until the next try.
      }
    });
  }

  /** Fetches one message to quote it in a reply, when it is not among the loaded ones. */
  loadQuote(roomId: RoomId, seq: Seq): void {
    if (quoteKey(roomId, seq) in this.store.getState().quotes) return;
    void this.once(`quote:${roomId}:${seq}`, async () => {
      try {
        const page = await this.api.messages(roomId, { around: seq }, 1);
        return { type: 'quoteLoaded', roomId, seq, message: page.find((m) => m.seq === seq) ?? null };
      } catch {
        return { type: 'quoteLoaded', roomId, seq, message: null };
      }
    });
  }

  /** A page that replaces what the timeline shows: marked loading, and failed if it fails. */
  private page(key: string, roomId: RoomId, fetch: () => Promise<ChatAction>): Promise<void> {
    if (this.store.getState().gone[roomId]) return Promise.resolve();
    return this.once(key, async () => {
      this.store.dispatch({ type: 'historyLoading', roomId });
      try {
        return await fetch();
      } catch (error) {
        this.store.dispatch({ type: 'historyFailed', roomId });
        if (this.lostIfRefused(roomId, error)) return null;
        throw error;
      }
    });
  }

  private async unlessLost(roomId: RoomId, fetch: () => Promise<ChatAction>): Promise<ChatAction | null> {
    try {
      return await fetch();
    } catch (error) {
      if (this.lostIfRefused(roomId, error)) return null;
      throw error;
    }
  }

  /** The server says the room is not there for me (removed, deleted): it is gone, not failing. */
  private lostIfRefused(roomId: RoomId, error: unknown): boolean {
    if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 403)) return false;
    this.store.dispatch({ type: 'roomRemoved', roomId });
    return true;
  }

  private once(key: string, task: () => Promise<ChatAction | null>): Promise<void> {
    const running = this.loads.get(key);
    if (running) return running;
    const promise = task().then(
      (action) => {
        this.loads.delete(key);
        if (action) this.store.dispatch(action);
      },
      (error: unknown) => {
        this.loads.delete(key);
        throw error;
      },
    );
    this.loads.set(key, promise);
    return promise;
  }
}
