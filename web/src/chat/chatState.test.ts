import { describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, member, msg, range, room, seqs } from '../test/chatFixtures';
import { chatReducer, initialChatState, timelineOf, TYPING_TTL_MS, type ChatAction, type ChatState } from './chatState';

function run(...actions: ChatAction[]): ChatState {
  return actions.reduce(chatReducer, initialChatState(ALICE.id));
}

const opened = (): ChatAction[] => [
  { type: 'roomsLoaded', rooms: [room({ id: 10, lastSeq: 5, lastRev: 5, lastReadSeq: 5 })] },
  { type: 'latestLoaded', roomId: 10, messages: range(1, 5) },
];

describe('chatReducer', () => {
  it('merges live messages, a reconnect sync and history into one ordered list, each message once', () => {
    const state = run(
      ...opened(),
      { type: 'messageReceived', message: msg(6) },
      { type: 'messageReceived', message: msg(8) },
      {
        type: 'synced',
        result: {
          rooms: [{ roomId: 10, messages: range(6, 9), changed: [msg(2, { rev: 12, content: 'edited' })], lastSeq: 9, lastRev: 12, truncated: false }],
          gone: [],
        },
      },
      { type: 'messageReceived', message: msg(9) },
    );
    const t = timelineOf(state, 10);
    expect(seqs(t.messages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(t.messages[1]?.content).toBe('edited');
    expect(state.rooms[10]).toMatchObject({ lastSeq: 9, lastRev: 12, unreadCount: 4 });
  });

  it('removes rooms the sync reports gone', () => {
    const state = run(...opened(), { type: 'synced', result: { rooms: [], gone: [10] } });
    expect(state.rooms[10]).toBeUndefined();
    expect(state.timelines[10]).toBeUndefined();
  });

  it('confirms a send exactly once through ack and broadcast', () => {
    const mine = msg(6, { sender: ALICE, clientId: 'c1' });
    const state = run(
      ...opened(),
      { type: 'sendStarted', roomId: 10, clientId: 'c1', content: 'hello', replyTo: null, at: 1 },
      { type: 'messageReceived', message: mine },
      { type: 'sendConfirmed', roomId: 10, message: mine },
    );
    const t = timelineOf(state, 10);
    expect(t.pending).toEqual([]);
    expect(seqs(t.messages)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(state.rooms[10]).toMatchObject({ unreadCount: 0, lastReadSeq: 6 });
  });

  it('keeps a failed send until it is retried and confirmed', () => {
    let state = run(
      ...opened(),
      { type: 'sendStarted', roomId: 10, clientId: 'c1', content: 'hello', replyTo: 3, at: 1 },
      { type: 'sendFailed', roomId: 10, clientId: 'c1', error: 'Offline.' },
    );
    expect(timelineOf(state, 10).pending[0]).toMatchObject({ status: 'failed', replyTo: 3 });
    state = chatReducer(state, { type: 'sendRetried', roomId: 10, clientId: 'c1' });
    state = chatReducer(state, { type: 'sendConfirmed', roomId: 10, message: msg(6, { sender: ALICE, clientId: 'c1' }) });
    expect(timelineOf(state, 10).pending).toEqual([]);
  });

  it('tracks unread counts from messages, my read marks and my other devices', () => {
    let state = run(...opened(), { type: 'messageReceived', message: msg(6) }, { type: 'messageReceived', message: msg(7) });
    expect(state.rooms[10]?.unreadCount).toBe(2);
    state = chatReducer(state, { type: 'readMarked', roomId: 10, seq: 6 });
    expect(state.rooms[10]).toMatchObject({ unreadCount: 1, lastReadSeq: 6 });
    state = chatReducer(state, { type: 'readMarked', roomId: 10, seq: 7, unreadCount: 0 });
    expect(state.rooms[10]).toMatchObject({ unreadCount: 0, lastReadSeq: 7 });
  });

  it('moves members read marks from receipts and from their own messages', () => {
    let state = run(...opened(), { type: 'membersLoaded', roomId: 10, members: [member(ALICE, 5), member(BOB, 2), member(CAROL, 1)] });
    state = chatReducer(state, { type: 'readReceipt', roomId: 10, userId: CAROL.id, seq: 5 });
    state = chatReducer(state, { type: 'messageReceived', message: msg(6, { sender: BOB }) });
    state = chatReducer(state, { type: 'readReceipt', roomId: 10, userId: CAROL.id, seq: 3 });
    expect(state.members[10]?.map((m) => m.lastReadSeq)).toEqual([5, 6, 5]);
  });

  it('counts members in and out, and forgets a room I was removed from', () => {
    let state = run(
      { type: 'roomsLoaded', rooms: [room({ id: 10, kind: 'group', memberCount: 2 })] },
      { type: 'membersLoaded', roomId: 10, members: [member(ALICE), member(BOB)] },
      { type: 'memberUpserted', roomId: 10, member: member(CAROL), added: true },
    );
    expect(state.rooms[10]?.memberCount).toBe(3);
    state = chatReducer(state, { type: 'memberUpserted', roomId: 10, member: { ...member(ALICE), role: 'admin' } });
    expect(state.rooms[10]?.role).toBe('admin');
    state = chatReducer(state, { type: 'memberRemoved', roomId: 10, userId: BOB.id });
    expect(state.rooms[10]?.memberCount).toBe(2);
    expect(state.members[10]?.map((m) => m.userId)).toEqual([ALICE.id, CAROL.id]);
    state = chatReducer(state, { type: 'memberRemoved', roomId: 10, userId: ALICE.id });
    expect(state.rooms[10]).toBeUndefined();
  });

  it('shows typing until stopped, until the typist sends, or until it goes stale', () => {
    let state = run(...opened(), { type: 'typingStarted', roomId: 10, userId: BOB.id, username: 'bob', now: 1000 });
    state = chatReducer(state, { type: 'typingStarted', roomId: 10, userId: CAROL.id, username: 'carol', now: 1000 });
    expect(state.typing[10]?.map((t) => t.userId)).toEqual([BOB.id, CAROL.id]);
    state = chatReducer(state, { type: 'messageReceived', message: msg(6, { sender: BOB }) });
    expect(state.typing[10]?.map((t) => t.userId)).toEqual([CAROL.id]);
    state = chatReducer(state, { type: 'typingExpired', now: 1000 + TYPING_TTL_MS + 1 });
    expect(state.typing[10]).toBeUndefined();
  });

  it('takes presence only from the server: activity of an offline person leaves them offline', () => {
    let state = run(...opened(), { type: 'presenceSnapshot', users: [{ userId: BOB.id, status: 'offline', lastSeenAt: 5 }] });
    state = chatReducer(state, { type: 'typingStarted', roomId: 10, userId: BOB.id, username: 'bob', now: 0 });
    state = chatReducer(state, { type: 'messageReceived', message: msg(6, { sender: BOB }) });
    state = chatReducer(state, { type: 'readReceipt', roomId: 10, userId: BOB.id, seq: 6 });
    expect(state.presence[BOB.id]).toEqual({ userId: BOB.id, status: 'offline', lastSeenAt: 5 });
  });

  it('applies snapshots and batches in order, the last word on each person winning', () => {
    let state = run({ type: 'presenceSnapshot', users: [{ userId: CAROL.id, status: 'away', lastSeenAt: null }] });
    state = chatReducer(state, {
      type: 'presenceBatch',
      users: [
        { userId: BOB.id, status: 'online', lastSeenAt: null },
        { userId: CAROL.id, status: 'offline', lastSeenAt: 9 },
      ],
    });
    expect(state.presence[BOB.id]?.status).toBe('online');
    expect(state.presence[CAROL.id]).toMatchObject({ status: 'offline', lastSeenAt: 9 });
    expect(chatReducer(state, { type: 'presenceBatch', users: [] })).toBe(state);
    state = chatReducer(state, { type: 'presenceSnapshot', users: [{ userId: CAROL.id, status: 'online', lastSeenAt: null }] });
    expect(state.presence[BOB.id]?.status).toBe('online');
    expect(state.presence[CAROL.id]?.status).toBe('online');
  });

  it('ignores my own typing echoed back', () => {
    const state = run({ type: 'typingStarted', roomId: 10, userId: ALICE.id, username: 'alice', now: 0 });
    expect(state.typing[10]).toBeUndefined();
  });

  it('returns the same state for actions that change nothing', () => {
    const state = run(...opened(), { type: 'presenceSnapshot', users: [{ userId: BOB.id, status: 'online', lastSeenAt: null }] });
    expect(chatReducer(state, { type: 'messageReceived', message: msg(3) })).toBe(state);
    expect(chatReducer(state, { type: 'typingExpired', now: 5 })).toBe(state);
  });
});

describe('mentions and notification settings', () => {
  it('counts a live mention of me, keeps my notification setting, and a read mark from another device clears the count', () => {
    let state = run(
      { type: 'roomsLoaded', rooms: [room({ id: 10, kind: 'group', lastSeq: 5, lastRev: 5, lastReadSeq: 5, mentionCount: 0 })] },
      { type: 'messageReceived', message: msg(6, { mentions: [ALICE.id] }) },
      { type: 'notificationsSet', roomId: 10, settings: { level: 'mentions', mutedUntil: null } },
    );
    expect(state.rooms[10]?.mentionCount).toBe(1);
    expect(state.rooms[10]?.notifications).toEqual({ level: 'mentions', mutedUntil: null });
    state = chatReducer(state, { type: 'roomsLoaded', rooms: [room({ id: 10, kind: 'group', lastSeq: 6, lastRev: 6, lastReadSeq: 5, mentionCount: 1, notifications: { level: 'mentions', mutedUntil: null } })] });
    state = chatReducer(state, { type: 'readMarked', roomId: 10, seq: 6, unreadCount: 0, mentionCount: 0 });
    expect(state.rooms[10]?.mentionCount).toBe(0);
    expect(state.rooms[10]?.unreadCount).toBe(0);
  });
});
