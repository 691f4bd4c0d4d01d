import { describe, expect, it } from 'vitest';
import { ALICE, BOB, msg, room } from '../test/chatFixtures';
import { chatReducer, initialChatState, type ChatAction, type ChatState } from './chatState';
import { shouldNotify } from './notifications';
import { threadUnread, tookPart, unreadUpTo } from './threadReads';
import type { Message } from './types';

const ROOM = 10;
const rootWith = (lastReplySeq: number, lastReplierIds: number[], extra: { lastReadSeq?: number } = {}, seq = 5): Message =>
  msg(seq, { sender: ALICE, thread: { replyCount: 2, lastReplyAt: lastReplySeq * 1000, lastReplySeq, lastReplierIds, ...extra } });

function stateWith(...actions: ChatAction[]): ChatState {
  let state = chatReducer(initialChatState(ALICE.id), { type: 'roomsLoaded', rooms: [room({ id: ROOM, lastSeq: 40 })] });
  for (const action of actions) state = chatReducer(state, action);
  return state;
}

const rootIn = (state: ChatState, seq = 5): Message => state.timelines[ROOM]!.messages.find((m) => m.seq === seq)!;

describe('unread threads, by the read marks the server keeps', () => {
  it('is unread while someone else replied past my mark', () => {
    const state = stateWith({ type: 'latestLoaded', roomId: ROOM, messages: [rootWith(8, [BOB.id], { lastReadSeq: 0 })] });
    expect(threadUnread(state, rootIn(state))).toBe(true);
    expect(unreadUpTo(state, rootIn(state))).toBe(8);
    const read = chatReducer(state, { type: 'threadRead', roomId: ROOM, rootSeq: 5, seq: 8 });
    expect(threadUnread(read, rootIn(read)), 'my other device read it').toBe(false);
    expect(unreadUpTo(read, rootIn(read))).toBeNull();
  });

  it('takes the mark the root carries when loaded, and keeps it when the room announces the root again', () => {
    const loaded = stateWith({ type: 'latestLoaded', roomId: ROOM, messages: [rootWith(8, [BOB.id], { lastReadSeq: 8 })] });
    expect(threadUnread(loaded, rootIn(loaded))).toBe(false);
    const reacted = chatReducer(loaded, { type: 'messageUpdated', message: { ...rootWith(8, [BOB.id]), rev: 99 } });
    expect(threadUnread(reacted, rootIn(reacted)), 'a live event names no mark: the known one stays').toBe(false);
    const replied = chatReducer(reacted, { type: 'messageUpdated', message: { ...rootWith(9, [BOB.id]), rev: 100 } });
    expect(threadUnread(replied, rootIn(replied)), 'a newer reply').toBe(true);
    const mine = chatReducer(reacted, { type: 'messageUpdated', message: { ...rootWith(9, [ALICE.id, BOB.id]), rev: 100 } });
    expect(threadUnread(mine, rootIn(mine)), 'my own reply is the newest').toBe(false);
  });

  it('follows the marks a sync lists, and never moves a mark back', () => {
    const state = stateWith(
      { type: 'latestLoaded', roomId: ROOM, messages: [rootWith(8, [BOB.id]), rootWith(12, [BOB.id], {}, 6)] },
      {
        type: 'synced',
        result: { rooms: [{ roomId: ROOM, messages: [], changed: [], lastSeq: 40, lastRev: 1, truncated: false, threadReads: [{ rootSeq: 6, lastReadSeq: 12 }] }], gone: [] },
      },
      { type: 'threadRead', roomId: ROOM, rootSeq: 6, seq: 10 },
    );
    expect(threadUnread(state, rootIn(state, 6))).toBe(false);
    expect(state.threadReads['10:6']).toBe(12);
    expect(threadUnread(state, rootIn(state, 5)), 'another thread').toBe(true);
    expect(threadUnread(state, msg(7)), 'no thread').toBe(false);
  });

  it('forgets the marks of a room I left', () => {
    const state = stateWith({ type: 'threadRead', roomId: ROOM, rootSeq: 5, seq: 8 }, { type: 'roomRemoved', roomId: ROOM });
    expect(state.threadReads).toEqual({});
    const ignored = chatReducer(state, { type: 'threadRead', roomId: ROOM, rootSeq: 5, seq: 9 });
    expect(ignored.threadReads, 'a late event of a lost room').toEqual({});
  });
});

describe('threads I took part in', () => {
  const withTimeline = (messages: ReturnType<typeof msg>[]) => {
    let state = chatReducer(initialChatState(ALICE.id), { type: 'roomsLoaded', rooms: [room({ id: 10, lastSeq: 20 })] });
    state = chatReducer(state, { type: 'latestLoaded', roomId: 10, messages });
    return state;
  };
  const reply = msg(8, { sender: BOB, threadRootSeq: 5 });

  it('knows my root, my earlier reply, and my place among the last repliers', () => {
    expect(tookPart(withTimeline([msg(5, { sender: ALICE })]), reply, ALICE.id), 'I wrote the root').toBe(true);
    expect(tookPart(withTimeline([msg(5, { sender: BOB }), msg(6, { sender: ALICE, threadRootSeq: 5 })]), reply, ALICE.id)).toBe(true);
    const bobsRootIReplied = msg(5, { sender: BOB, thread: { replyCount: 1, lastReplyAt: 1, lastReplySeq: 6, lastReplierIds: [ALICE.id] } });
    expect(tookPart(withTimeline([bobsRootIReplied]), reply, ALICE.id), 'among the last repliers').toBe(true);
    expect(tookPart(withTimeline([msg(5, { sender: BOB })]), reply, ALICE.id), 'not mine').toBe(false);
    expect(tookPart(withTimeline([msg(5, { sender: ALICE })]), msg(9, { sender: BOB }), ALICE.id), 'not a reply').toBe(false);
  });

  it('a reply in my thread notifies like a mention in a room set to mentions', () => {
    const quiet = room({ kind: 'group', notifications: { level: 'mentions', mutedUntil: null } });
    const me = { id: ALICE.id, username: 'alice' };
    const plainReply = msg(8, { sender: BOB, threadRootSeq: 5, mentions: [] });
    expect(shouldNotify(plainReply, quiet, me, true, 0, false)).toBe(false);
    expect(shouldNotify(plainReply, quiet, me, true, 0, true)).toBe(true);
    const silent = room({ kind: 'group', notifications: { level: 'nothing', mutedUntil: null } });
    expect(shouldNotify(plainReply, silent, me, true, 0, true)).toBe(false);
  });
});
