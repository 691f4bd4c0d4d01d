import { describe, expect, it } from 'vitest';
import { ALICE, BOB, msg, room } from '../test/chatFixtures';
import { chatReducer, initialChatState } from './chatState';
import { shouldNotify } from './notifications';
import { markThreadSeen, threadUnread, tookPart } from './threadReads';

const rootWith = (lastReplyAt: number, lastReplierIds: number[], seq = 5) =>
  msg(seq, { sender: ALICE, thread: { replyCount: 2, lastReplyAt, lastReplierIds } });

describe('unread threads', () => {
  it('is unread while someone else replied after what this device showed', () => {
    const me = 9001;
    expect(threadUnread(me, rootWith(1_000, [BOB.id]))).toBe(true);
    markThreadSeen(me, 10, 5, 1_000);
    expect(threadUnread(me, rootWith(1_000, [BOB.id]))).toBe(false);
    expect(threadUnread(me, rootWith(2_000, [BOB.id])), 'a newer reply').toBe(true);
    expect(threadUnread(me, rootWith(2_000, [me, BOB.id])), 'my own reply is the newest').toBe(false);
    expect(threadUnread(me, msg(6)), 'no thread').toBe(false);
    expect(threadUnread(me, rootWith(2_000, [BOB.id], 7)), 'another thread').toBe(true);
  });

  it('never moves the mark back', () => {
    const me = 9002;
    markThreadSeen(me, 10, 5, 3_000);
    markThreadSeen(me, 10, 5, 1_000);
    expect(threadUnread(me, rootWith(2_000, [BOB.id]))).toBe(false);
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
    const bobsRootIReplied = msg(5, { sender: BOB, thread: { replyCount: 1, lastReplyAt: 1, lastReplierIds: [ALICE.id] } });
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
