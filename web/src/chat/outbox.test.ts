import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { AckFailure } from '../realtime/ack';
import type { ConnectInfo, Realtime } from '../realtime/RealtimeConnection';
import { ALICE, msg, room } from '../test/chatFixtures';
import type { ChatApi } from './chatApi';
import { timelineOf } from './chatState';
import { ChatStateStore } from './chatStateStore';
import { MessageSender } from './messageSender';
import { indexedDbOutbox, memoryOutbox, type OutboxStorage } from './outboxStorage';
import type { Message } from './types';

interface Sent {
  clientId: string;
  content: string;
  answer(result: Message | Error): void;
}

/** A connection the test drives: it goes up and down, and answers each send when told. */
function fakeConnection() {
  const connects = new Set<(info: ConnectInfo) => void>();
  const disconnects = new Set<() => void>();
  const sent: Sent[] = [];
  const connection = {
    connected: false,
    request: (_event: string, payload: { clientId: string; content: string }) =>
      new Promise<Message>((resolve, reject) => {
        sent.push({ clientId: payload.clientId, content: payload.content, answer: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      }),
    onConnect: (l: (info: ConnectInfo) => void) => (connects.add(l), () => connects.delete(l)),
    onDisconnect: (l: () => void) => (disconnects.add(l), () => disconnects.delete(l)),
  };
  return {
    connection: connection as unknown as Realtime,
    sent,
    up() {
      connection.connected = true;
      for (const l of [...connects]) l({ recovered: false });
    },
    down() {
      connection.connected = false;
      for (const l of [...disconnects]) l();
    },
  };
}

const unreachable = { send: () => Promise.reject(new ApiError({ status: 0, code: 'network_error', message: 'offline' })) } as unknown as ChatApi;

function stored(content: string, clientId: string, seq: number): Message {
  return msg(seq, { sender: ALICE, clientId, content });
}

function setup(storage: OutboxStorage = memoryOutbox(), api: ChatApi = unreachable) {
  const store = new ChatStateStore(ALICE.id);
  store.dispatch({ type: 'roomsLoaded', rooms: [room({ id: 10 })] });
  const net = fakeConnection();
  const sender = new MessageSender(store, net.connection, api, storage);
  const stop = sender.start();
  const pending = () => timelineOf(store.getState(), 10).pending.map((p) => `${p.content}:${p.status}`);
  const confirmed = () => timelineOf(store.getState(), 10).messages.map((m) => m.content);
  return { store, net, sender, stop, pending, confirmed, storage };
}

describe('the outbox', () => {
  it('keeps a message written offline pending, not failed, and sends it on the next connection', async () => {
    const t = setup();
    t.sender.send(10, 'written offline', null);
    await vi.waitFor(async () => expect(await t.storage.all()).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.pending()).toEqual(['written offline:sending']);
    t.net.up();
    await vi.waitFor(() => expect(t.net.sent).toHaveLength(1));
    t.net.sent[0]!.answer(stored('written offline', t.net.sent[0]!.clientId, 1));
    await vi.waitFor(() => expect(t.confirmed()).toEqual(['written offline']));
    expect(t.pending()).toEqual([]);
    await vi.waitFor(async () => expect(await t.storage.all()).toEqual([]));
  });

  it('sends what waits one at a time, oldest first', async () => {
    const t = setup();
    t.sender.send(10, 'one', null);
    t.sender.send(10, 'two', null);
    await vi.waitFor(async () => expect(await t.storage.all()).toHaveLength(2));
    t.net.up();
    await vi.waitFor(() => expect(t.net.sent).toHaveLength(1));
    expect(t.net.sent[0]!.content).toBe('one');
    t.net.sent[0]!.answer(stored('one', t.net.sent[0]!.clientId, 1));
    await vi.waitFor(() => expect(t.net.sent).toHaveLength(2));
    expect(t.net.sent[1]!.content).toBe('two');
  });

  it('waits again when the connection drops before the answer, and resends under the same clientId', async () => {
    const t = setup();
    t.net.up();
    t.sender.send(10, 'in flight', null);
    await vi.waitFor(() => expect(t.net.sent).toHaveLength(1));
    t.net.down();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.pending()).toEqual(['in flight:sending']);
    t.net.up();
    await vi.waitFor(() => expect(t.net.sent).toHaveLength(2));
    expect(t.net.sent[1]!.clientId).toBe(t.net.sent[0]!.clientId);
  });

  it('waits on a timeout or a server error, and fails only when the server refuses', async () => {
    const t = setup();
    t.net.up();
    t.sender.send(10, 'slow', null);
    await vi.waitFor(() => expect(t.net.sent).toHaveLength(1));
    t.net.sent[0]!.answer(new AckFailure({ code: 'timeout', message: 'The server did not answer in time.' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.pending()).toEqual(['slow:sending']);
    t.net.down();
    t.net.up();
    await vi.waitFor(() => expect(t.net.sent).toHaveLength(2));
    t.net.sent[1]!.answer(new AckFailure({ code: 'invalid_input', message: 'A message has at most 4000 characters.' }));
    await vi.waitFor(() => expect(t.pending()).toEqual(['slow:failed']));
    expect(timelineOf(t.store.getState(), 10).pending[0]?.error).toBe('A message has at most 4000 characters.');

    t.sender.retry(10, t.net.sent[1]!.clientId);
    expect(t.pending()).toEqual(['slow:sending']);
    await vi.waitFor(() => expect(t.net.sent).toHaveLength(3));
    t.net.sent[2]!.answer(stored('slow', t.net.sent[2]!.clientId, 1));
    await vi.waitFor(() => expect(t.confirmed()).toEqual(['slow']));
  });

  it('survives a reload in IndexedDB, failures included, and sends each waiting message once', async () => {
    const factory = new IDBFactory();
    const before = setup(indexedDbOutbox(ALICE.id, factory));
    before.sender.send(10, 'first', null);
    before.sender.send(10, 'second', null);
    await vi.waitFor(async () => expect(await before.storage.all()).toHaveLength(2));
    before.stop();

    const after = setup(indexedDbOutbox(ALICE.id, factory));
    await vi.waitFor(() => expect(after.pending()).toEqual(['first:sending', 'second:sending']));
    after.net.up();
    await vi.waitFor(() => expect(after.net.sent).toHaveLength(1));
    after.net.sent[0]!.answer(stored('first', after.net.sent[0]!.clientId, 1));
    await vi.waitFor(() => expect(after.net.sent).toHaveLength(2));
    after.net.sent[1]!.answer(new AckFailure({ code: 'forbidden', message: 'You can’t post here.' }));
    await vi.waitFor(() => expect(after.pending()).toEqual(['second:failed']));
    expect(after.confirmed()).toEqual(['first']);
    expect(after.net.sent.map((s) => s.content)).toEqual(['first', 'second']);

    const again = setup(indexedDbOutbox(ALICE.id, factory));
    await vi.waitFor(() => expect(again.pending()).toEqual(['second:failed']));
    again.net.up();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(again.net.sent).toEqual([]);
    again.sender.discard(10, again.store.getState().timelines[10]!.pending[0]!.clientId);
    expect(again.pending()).toEqual([]);
    await vi.waitFor(async () => expect(await again.storage.all()).toEqual([]));
  });

  it('keeps another user’s outbox apart', async () => {
    const factory = new IDBFactory();
    await indexedDbOutbox(ALICE.id, factory).put({ clientId: 'c1', roomId: 10, content: 'mine', replyTo: null, createdAt: 1, position: 1, status: 'sending', error: null });
    expect(await indexedDbOutbox(2, factory).all()).toEqual([]);
    expect(await indexedDbOutbox(ALICE.id, factory).all()).toHaveLength(1);
  });
});
