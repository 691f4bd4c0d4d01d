import { describe, expect, it } from 'vitest';
import { ClientEvents, ServerEvents } from '../realtime/events';
import { ALICE, BOB, msg, room } from '../test/chatFixtures';
import { FakeConnection } from '../test/fakeConnection';
import { settle } from '../test/manualClock';
import type { ChatApi } from './chatApi';
import { ChatStore } from './ChatStore';
import { memoryOutbox } from './outboxStorage';
import { threadUnread } from './threadReads';

const ME = { id: ALICE.id, username: 'alice', email: 'alice@example.com', displayName: 'Alice', createdAt: 0 };
const root = msg(5, { roomId: 10, sender: BOB, thread: { replyCount: 2, lastReplyAt: 1, lastReplySeq: 8, lastReplierIds: [BOB.id] } });

async function started() {
  const restMarks: unknown[] = [];
  const api = {
    rooms: async () => [room({ id: 10, lastSeq: 8 })],
    messages: async () => [root],
    members: async () => [],
    room: async () => room({ id: 10, lastSeq: 8 }),
    markThreadRead: async (roomId: number, rootSeq: number, seq: number) => {
      restMarks.push({ roomId, rootSeq, seq });
      return { seq };
    },
  } as unknown as ChatApi;
  const connection = new FakeConnection();
  connection.answer = (event, payload: { seq?: number }) => (event === ClientEvents.markThreadRead ? { seq: payload.seq } : true);
  const chat = new ChatStore({ connection, api, user: ME, outbox: memoryOutbox() });
  chat.start();
  await settle();
  await chat.loader.openRoom(10);
  await settle();
  const unread = () => threadUnread(chat.getState(), chat.getState().timelines[10]!.messages.find((m) => m.seq === 5)!);
  return { chat, connection, restMarks, unread };
}

describe('thread read marks between this tab and the server', () => {
  it('marks a thread read over the socket once, and over REST while offline', async () => {
    const { chat, connection, restMarks, unread } = await started();
    expect(unread()).toBe(true);
    chat.messages.markThreadRead(10, 5, 8);
    chat.messages.markThreadRead(10, 5, 8);
    expect(unread(), 'at once, before the answer').toBe(false);
    await settle();
    expect(connection.sentOf(ClientEvents.markThreadRead)).toEqual([{ roomId: 10, rootSeq: 5, seq: 8 }]);

    connection.drop();
    chat.messages.markThreadRead(10, 6, 9);
    await settle();
    expect(restMarks).toEqual([{ roomId: 10, rootSeq: 6, seq: 9 }]);
    chat.stop();
  });

  it('follows a thread read on another device', async () => {
    const { chat, connection, unread } = await started();
    connection.serverSends(ServerEvents.threadRead, { roomId: 10, rootSeq: 5, lastReadSeq: 8 });
    expect(unread()).toBe(false);
    expect(connection.sentOf(ClientEvents.markThreadRead), 'nothing to send back').toEqual([]);
    chat.stop();
  });
});
