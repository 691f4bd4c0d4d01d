import { describe, expect, it } from 'vitest';
import { ALICE, BOB, msg, room, T0 } from '../test/chatFixtures';
import * as R from './rooms';

const ME = ALICE.id;

describe('unread counts', () => {
  it('counts a new message from someone else once, however often it is heard', () => {
    let r = room({ lastSeq: 5, lastReadSeq: 5 });
    r = R.roomWithMessage(r, msg(6), ME);
    r = R.roomWithMessage(r, msg(6), ME);
    r = R.roomWithMessages(r, [msg(6), msg(7)], ME);
    expect(r).toMatchObject({ unreadCount: 2, lastSeq: 7, lastReadSeq: 5 });
    expect(r.lastMessage?.seq).toBe(7);
  });

  it('counts a message that arrives ahead of one it follows, and the late one once', () => {
    let r = room({ lastSeq: 5, lastReadSeq: 5 });
    r = R.roomWithMessage(r, msg(7), ME);
    expect(r.unreadCount).toBe(2);
    r = R.roomWithMessage(r, msg(6), ME);
    expect(r).toMatchObject({ unreadCount: 2, lastSeq: 7 });
    expect(r.lastMessage?.seq).toBe(7);
  });

  it('does not count my own messages, which mark everything before them read', () => {
    let r = room({ lastSeq: 5, lastReadSeq: 2, unreadCount: 3 });
    r = R.roomWithMessage(r, msg(6, { sender: ALICE }), ME);
    expect(r).toMatchObject({ unreadCount: 0, lastReadSeq: 6, lastSeq: 6 });
  });

  it('counts system messages, as the server does', () => {
    const r = R.roomWithMessage(room({ lastSeq: 1, lastReadSeq: 1 }), msg(2, { kind: 'system', sender: null }), ME);
    expect(r.unreadCount).toBe(1);
  });

  it('applies a batch in seq order whatever order it came in', () => {
    const r = R.roomWithMessages(room({ lastSeq: 1, lastReadSeq: 1 }), [msg(4), msg(2), msg(3)], ME);
    expect(r).toMatchObject({ lastSeq: 4, unreadCount: 3 });
    expect(r.lastMessage?.seq).toBe(4);
  });

  it('moves the read mark forward only, recomputing what is left', () => {
    let r = room({ lastSeq: 10, lastReadSeq: 4, unreadCount: 6 });
    r = R.roomWithReadMark(r, 8);
    expect(r).toMatchObject({ lastReadSeq: 8, unreadCount: 2 });
    expect(R.roomWithReadMark(r, 6)).toBe(r);
    expect(R.roomWithReadMark(r, 10, 0)).toMatchObject({ lastReadSeq: 10, unreadCount: 0 });
  });

  it('sums unread counts for the tab title', () => {
    const rooms = R.replaceRooms({}, [room({ id: 1, unreadCount: 2 }), room({ id: 2, unreadCount: 0 }), room({ id: 3, unreadCount: 5 })]);
    expect(R.totalUnread(rooms)).toBe(7);
  });
});

describe('room summaries', () => {
  it('keeps what live events added when an older fetch of the list comes back', () => {
    const live = R.roomWithMessage(room({ lastSeq: 5, lastReadSeq: 5 }), msg(6), ME);
    const merged = R.mergeSummary(live, room({ lastSeq: 5, lastReadSeq: 5, unreadCount: 0, name: 'Bobby' }));
    expect(merged).toMatchObject({ name: 'Bobby', lastSeq: 6, unreadCount: 1 });
  });

  it('keeps an optimistic read mark over an older fetch', () => {
    const read = R.roomWithReadMark(room({ lastSeq: 6, lastReadSeq: 2, unreadCount: 4 }), 6);
    expect(R.mergeSummary(read, room({ lastSeq: 6, lastReadSeq: 2, unreadCount: 4 }))).toMatchObject({ lastReadSeq: 6, unreadCount: 0 });
  });

  it('takes a newer fetch as it is', () => {
    const fetched = room({ lastSeq: 9, lastReadSeq: 3, unreadCount: 6 });
    expect(R.mergeSummary(room({ lastSeq: 5 }), fetched)).toBe(fetched);
  });

  it('orders by latest activity, rooms without messages by creation', () => {
    const rooms = R.replaceRooms({}, [
      room({ id: 1, lastMessageAt: T0 + 10 }),
      room({ id: 2, lastMessageAt: null, createdAt: T0 + 20 }),
      room({ id: 3, lastMessageAt: T0 + 30 }),
    ]);
    expect(R.sortRooms(rooms).map((r) => r.id)).toEqual([3, 2, 1]);
  });

  it('refreshes the preview when the last message is edited', () => {
    const r = room({ lastSeq: 3, lastMessage: msg(3) });
    const edited = msg(3, { rev: 8, content: 'edited' });
    expect(R.roomWithUpdate(r, edited).lastMessage).toBe(edited);
    expect(R.roomWithUpdate(r, msg(2, { rev: 9 })).lastMessage?.seq).toBe(3);
  });

  it('filters by name and username, ignoring case and accents', () => {
    const r = room({ name: 'Zoë Martín', peer: { ...BOB, username: 'zoe.m', displayName: 'Zoë Martín' } });
    expect(R.matchesFilter(r, 'zoe')).toBe(true);
    expect(R.matchesFilter(r, 'MARTIN')).toBe(true);
    expect(R.matchesFilter(r, 'zoe.m')).toBe(true);
    expect(R.matchesFilter(r, 'bob')).toBe(false);
    expect(R.matchesFilter(r, '  ')).toBe(true);
  });
});

describe('mention counts', () => {
  const toMe = (seq: number) => msg(seq, { sender: BOB, mentions: [ALICE.id] });

  it('counts new messages that mention me or the room, once each, never my own', () => {
    let r = room({ kind: 'group', lastSeq: 1, lastReadSeq: 1, mentionCount: 0 });
    r = R.roomWithMessage(r, msg(2, { sender: BOB, mentions: [] }), ALICE.id);
    r = R.roomWithMessage(r, toMe(3), ALICE.id);
    r = R.roomWithMessage(r, toMe(3), ALICE.id);
    r = R.roomWithMessage(r, msg(4, { sender: BOB, mentions: [], mentionsRoom: true }), ALICE.id);
    expect(r.mentionCount).toBe(2);
    r = R.roomWithMessage(r, msg(5, { sender: ALICE, mentions: [ALICE.id] }), ALICE.id);
    expect(r.mentionCount, 'my own message marks everything read').toBe(0);
  });

  it('takes the count a read mark brings, and clears it once all is read', () => {
    const r = room({ kind: 'group', lastSeq: 9, lastReadSeq: 2, unreadCount: 7, mentionCount: 3 });
    expect(R.roomWithReadMark(r, 5, 4, 1).mentionCount).toBe(1);
    expect(R.roomWithReadMark(r, 9).mentionCount).toBe(0);
    expect(R.roomWithReadMark(r, 5).mentionCount).toBe(3);
  });
});
