import { describe, expect, it } from 'vitest';
import { ClientEvents, ServerEvents } from '../realtime/events';
import { ALICE, msg, range, room, seqs } from '../test/chatFixtures';
import { FakeConnection } from '../test/fakeConnection';
import { manualClock, settle } from '../test/manualClock';
import type { ChatApi } from './chatApi';
import { chatReducer, heldThrough, initialChatState, syncCursor, timelineOf } from './chatState';
import { ChatStore } from './ChatStore';
import { GAP_SYNC_DELAY_MS } from './gapFiller';
import { memoryOutbox } from './outboxStorage';
import { contiguousEnd, emptyTimeline, holdsRun, runEnd, type Timeline } from './timeline';
import type { Message, RoomId, SyncResult } from './types';

const ME = { id: ALICE.id, username: 'alice', email: 'alice@example.com', displayName: 'Alice', createdAt: 0 };

const held = (messages: Message[]): Timeline => ({ ...emptyTimeline, state: 'ready', messages });

describe('the held run of a room', () => {
  it('ends before the first hole, not at the newest message', () => {
    expect(contiguousEnd(held([]))).toBeNull();
    expect(contiguousEnd(held(range(1, 10)))).toBe(10);
    expect(contiguousEnd(held([...range(1, 10), msg(12), msg(13)]))).toBe(10);
    expect(contiguousEnd(held([...range(31, 40), msg(45)]))).toBe(40);
  });

  it('is where the sync of a room starts: an open room from its held run, any other from its summary', () => {
    let state = chatReducer(initialChatState(ALICE.id), { type: 'roomsLoaded', rooms: [room({ id: 10, lastSeq: 10, lastRev: 10 })] });
    expect(syncCursor(state, 10)).toEqual({ seq: 10, rev: 10 });
    state = chatReducer(state, { type: 'latestLoaded', roomId: 10, messages: range(1, 10) });
    state = chatReducer(state, { type: 'messageReceived', message: msg(12) });
    expect(state.rooms[10]!.lastSeq).toBe(12);
    expect(syncCursor(state, 10)).toEqual({ seq: 10, rev: 12 });
    state = chatReducer(state, { type: 'messageReceived', message: msg(11) });
    expect(syncCursor(state, 10)).toEqual({ seq: 12, rev: 12 });
    expect(heldThrough(state, 99)).toBeNull();
  });

  it('tells whether the seqs after a point are all held', () => {
    const timeline = held([msg(13), ...range(15, 16)]);
    expect(runEnd(timeline, 11)).toBe(11);
    expect(runEnd(timeline, 12)).toBe(13);
    expect(holdsRun(timeline, 12, 13)).toBe(true);
    expect(holdsRun(timeline, 12, 16)).toBe(false);
    expect(holdsRun(timeline, 14, 16)).toBe(true);
    expect(holdsRun(timeline, 16, 16)).toBe(true);
  });
});

/** A signed-in tab's chat over a fake connection; the server stores `stored` for room 10. */
async function setup(options: { open?: boolean; lastSeq?: number } = {}) {
  const lastSeq = options.lastSeq ?? 10;
  const stored: Message[] = range(1, lastSeq);
  let rooms = [room({ id: 10, lastSeq, lastRev: lastSeq, lastReadSeq: lastSeq }), room({ id: 20, lastSeq: 3, lastRev: 3, lastReadSeq: 3 })];
  const calls: string[] = [];
  const api = {
    rooms: async () => {
      calls.push('rooms');
      return rooms;
    },
    messages: async (roomId: RoomId) => (roomId === 10 ? stored.slice(-50) : []),
    members: async () => [],
    room: async (roomId: RoomId) => rooms.find((r) => r.id === roomId)!,
  } as unknown as ChatApi;
  const connection = new FakeConnection();
  let failSync = false;
  connection.answer = (event, payload: { rooms: Record<string, { seq: number }> }) => {
    if (event !== ClientEvents.sync) return true;
    if (failSync) throw new Error('offline');
    const result: SyncResult = {
      rooms: Object.entries(payload.rooms).map(([id, cursor]) => {
        const messages = Number(id) === 10 ? stored.filter((m) => m.seq > cursor.seq) : [];
        const last = Number(id) === 10 ? (stored.at(-1)?.seq ?? 0) : 3;
        return { roomId: Number(id), messages, changed: [], lastSeq: last, lastRev: last, truncated: false };
      }),
      gone: [],
    };
    return result;
  };
  const clock = manualClock();
  const chat = new ChatStore({ connection, api, user: ME, outbox: memoryOutbox(), clock });
  chat.start();
  await settle();
  if (options.open !== false) await chat.loader.openRoom(10);
  connection.reconnect(false);
  await settle();
  connection.sent.length = 0;
  calls.length = 0;
  return {
    chat,
    connection,
    clock,
    calls,
    /** The server stores the next message and returns it (delivered live or not, as the test likes). */
    store: (seq: number): Message => {
      const message = msg(seq);
      stored.push(message);
      rooms = rooms.map((r) => (r.id === 10 ? { ...r, lastSeq: seq, lastRev: seq } : r));
      return message;
    },
    failSync: (fail: boolean) => void (failSync = fail),
    syncs: () => connection.sentOf(ClientEvents.sync) as { rooms: Record<string, { seq: number; rev: number }> }[],
    shown: () => seqs(timelineOf(chat.getState(), 10).messages),
  };
}

describe('live delivery with holes', () => {
  it('keeps a message that arrives past a hole and syncs the room from the end of the held run', async () => {
    const t = await setup();
    const eleven = t.store(11);
    const twelve = t.store(12);
    void eleven;
    t.connection.serverSends(ServerEvents.receiveMessage, twelve);
    expect(t.shown()).toEqual([...seqs(range(1, 10)), 12]);
    expect(t.syncs()).toEqual([]);

    await t.clock.advance(GAP_SYNC_DELAY_MS);
    expect(t.syncs()).toEqual([{ rooms: { 10: { seq: 10, rev: 12 } } }]);
    expect(t.shown()).toEqual(seqs(range(1, 12)));
    // the message heard live and again in the sync is shown once
    t.connection.serverSends(ServerEvents.receiveMessage, twelve);
    expect(t.shown()).toEqual(seqs(range(1, 12)));
    await t.clock.advance(GAP_SYNC_DELAY_MS * 3);
    expect(t.syncs()).toHaveLength(1);
  });

  it('does not sync when the message in flight lands before the wait is over', async () => {
    const t = await setup();
    const eleven = t.store(11);
    const twelve = t.store(12);
    t.connection.serverSends(ServerEvents.receiveMessage, twelve);
    await t.clock.advance(GAP_SYNC_DELAY_MS / 2);
    t.connection.serverSends(ServerEvents.receiveMessage, eleven);
    await t.clock.advance(GAP_SYNC_DELAY_MS * 3);
    expect(t.syncs()).toEqual([]);
    expect(t.shown()).toEqual(seqs(range(1, 12)));
  });

  it('runs one sync per room at a time, and looks again at a hole heard while it runs', async () => {
    const t = await setup();
    t.store(11);
    const twelve = t.store(12);
    let release: () => void = () => undefined;
    const answer = t.connection.answer;
    t.connection.answer = (event, payload) =>
      event === ClientEvents.sync ? new Promise((resolve) => (release = () => resolve(answer(event, payload)))) : true;
    t.connection.serverSends(ServerEvents.receiveMessage, twelve);
    await t.clock.advance(GAP_SYNC_DELAY_MS);
    expect(t.syncs()).toHaveLength(1);

    // while the first sync is out, 13 is stored, and 14 arrives without it
    t.store(13);
    const fourteen = t.store(14);
    t.connection.serverSends(ServerEvents.receiveMessage, fourteen);
    await t.clock.advance(GAP_SYNC_DELAY_MS * 3);
    expect(t.syncs()).toHaveLength(1);

    t.connection.answer = answer;
    release();
    await settle();
    await t.clock.advance(GAP_SYNC_DELAY_MS);
    expect(t.shown()).toEqual(seqs(range(1, 14)));
    expect(t.syncs().length).toBeLessThanOrEqual(2);
    expect(new Set(t.shown()).size).toBe(t.shown().length);
  });

  it('asks from the end of the held run after a reconnect, not from the newest message held', async () => {
    const t = await setup();
    t.store(11);
    const twelve = t.store(12);
    t.connection.serverSends(ServerEvents.receiveMessage, twelve);
    t.connection.drop();
    t.connection.reconnect(false);
    await settle();
    expect(t.syncs()[0]).toEqual({ rooms: { 10: { seq: 10, rev: 12 }, 20: { seq: 3, rev: 3 } } });
    expect(t.shown()).toEqual(seqs(range(1, 12)));
    // the catch-up filled the hole: the pending gap sync finds nothing to do
    await t.clock.advance(GAP_SYNC_DELAY_MS * 3);
    expect(t.syncs()).toHaveLength(1);
  });

  it('keeps the start of a hole in a room not open when its sync fails, for the next catch-up', async () => {
    const t = await setup({ open: false, lastSeq: 5 });
    expect(heldThrough(t.chat.getState(), 10)).toBe(5);
    t.store(6);
    const seven = t.store(7);
    t.failSync(true);
    t.connection.serverSends(ServerEvents.receiveMessage, seven);
    expect(t.chat.getState().rooms[10]!.lastSeq).toBe(7);
    // the summary now says 7, but the hole at 6 is remembered
    expect(syncCursor(t.chat.getState(), 10).seq).toBe(7);
    await t.clock.advance(GAP_SYNC_DELAY_MS);
    expect(t.syncs()).toHaveLength(1);

    t.failSync(false);
    t.connection.drop();
    t.connection.reconnect(false);
    await settle();
    expect(t.syncs()[1]!.rooms[10]!.seq).toBe(5);
    expect(seqs(timelineOf(t.chat.getState(), 10).messages)).toEqual([6, 7]);
  });
});

describe('resync_needed', () => {
  it('syncs the rooms named from their held run and reloads the room list', async () => {
    const t = await setup();
    t.store(11);
    t.connection.serverSends(ServerEvents.resyncNeeded, { rooms: [10] });
    await settle();
    expect(t.syncs()).toEqual([{ rooms: { 10: { seq: 10, rev: 10 } } }]);
    expect(t.calls).toContain('rooms');
    expect(t.shown()).toEqual(seqs(range(1, 11)));
    expect(t.chat.getState().rooms[10]!.lastSeq).toBe(11);
  });

  it('reloads the room list alone when no room is named, and ignores rooms it does not know', async () => {
    const t = await setup();
    t.connection.serverSends(ServerEvents.resyncNeeded, { rooms: [] });
    t.connection.serverSends(ServerEvents.resyncNeeded, { rooms: [99, 'x'] });
    await settle();
    expect(t.syncs()).toEqual([]);
    expect(t.calls.filter((c) => c === 'rooms')).toHaveLength(2);
  });
});

describe('a message heard twice live', () => {
  it('is shown once and notifies once (a retried send is announced again)', async () => {
    const t = await setup();
    const heard: number[] = [];
    t.chat.onIncoming((message) => heard.push(message.seq));
    const eleven = t.store(11);
    t.connection.serverSends(ServerEvents.receiveMessage, eleven);
    t.connection.serverSends(ServerEvents.receiveMessage, eleven);
    const twelve = t.store(12);
    t.connection.serverSends(ServerEvents.receiveMessage, twelve);
    expect(heard).toEqual([11, 12]);
    expect(t.shown()).toEqual(seqs(range(1, 12)));
  });
});
