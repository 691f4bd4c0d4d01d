import { describe, expect, it, vi } from 'vitest';
import { ALICE, msg, range, room } from '../test/chatFixtures';
import type { ChatApi } from './chatApi';
import { chatReducer, initialChatState, timelineOf, type ChatAction, type ChatState } from './chatState';
import { ChatStateStore } from './chatStateStore';
import { MessageSender } from './messageSender';
import { memoryOutbox } from './outboxStorage';
import type { Realtime } from '../realtime/RealtimeConnection';
import type { Attachment, Message } from './types';

const photo: Attachment = { id: 'aZ3kQ9xY2bC7dE1fG4hJ6w', name: 'cat.png', size: 2048, contentType: 'image/png', kind: 'image', width: 800, height: 600, url: '/api/files/aZ3kQ9xY2bC7dE1fG4hJ6w/content' };

function run(...actions: ChatAction[]): ChatState {
  return actions.reduce(chatReducer, initialChatState(ALICE.id));
}

const opened = (): ChatAction[] => [
  { type: 'roomsLoaded', rooms: [room({ id: 10, lastSeq: 5, lastRev: 5, lastReadSeq: 5 })] },
  { type: 'latestLoaded', roomId: 10, messages: range(1, 5) },
];

describe('messages with files', () => {
  it('show their files while pending, and the server’s copy replaces them', () => {
    let state = run(...opened(), { type: 'sendStarted', roomId: 10, clientId: 'c1', content: '', replyTo: null, at: 1, attachments: [photo] });
    expect(timelineOf(state, 10).pending[0]?.attachments).toEqual([photo]);
    const stored = msg(6, { sender: ALICE, clientId: 'c1', content: '', attachments: [photo] });
    state = chatReducer(state, { type: 'sendConfirmed', roomId: 10, message: stored });
    expect(timelineOf(state, 10).pending).toEqual([]);
    expect(timelineOf(state, 10).messages.at(-1)?.attachments).toEqual([photo]);
  });

  it('take the preview a later update brings', () => {
    const first = msg(6, { attachments: [photo] });
    const later = msg(6, { rev: 9, attachments: [{ ...photo, thumbnailUrl: `/api/files/${photo.id}/thumbnail` }] });
    const state = run(...opened(), { type: 'messageReceived', message: first }, { type: 'messageUpdated', message: later });
    expect(timelineOf(state, 10).messages.at(-1)?.attachments?.[0]?.thumbnailUrl).toBe(`/api/files/${photo.id}/thumbnail`);
    expect(state.rooms[10]?.lastMessage?.attachments?.[0]?.thumbnailUrl).toBeDefined();
  });
});

describe('MessageSender with files', () => {
  function setup(connected: boolean) {
    const requests: { event: string; payload: unknown }[] = [];
    const restSends: unknown[] = [];
    const store = new ChatStateStore(ALICE.id);
    const connection = {
      connected,
      request: (event: string, payload: unknown) => {
        requests.push({ event, payload });
        return Promise.resolve(msg(6, { sender: ALICE, clientId: (payload as { clientId: string }).clientId, attachments: [photo] }));
      },
      onConnect: () => () => undefined,
      onDisconnect: () => () => undefined,
    } as unknown as Realtime;
    const api = {
      send: (_roomId: number, input: unknown) => {
        restSends.push(input);
        return Promise.resolve(msg(6, { sender: ALICE, attachments: [photo] }) as Message);
      },
    } as unknown as ChatApi;
    const sender = new MessageSender(store, connection, api, memoryOutbox());
    sender.start();
    return { sender, requests, restSends };
  }

  it('sends the file ids over the socket', async () => {
    const { sender, requests } = setup(true);
    sender.send(10, 'caption', null, [photo]);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toMatchObject({ event: 'send_message', payload: { roomId: 10, content: 'caption', attachments: [photo.id] } });
  });

  it('sends them over REST while the socket is down, and leaves them out when there are none', async () => {
    const { sender, restSends, requests } = setup(false);
    sender.send(10, '', null, [photo]);
    await vi.waitFor(() => expect(restSends).toHaveLength(1));
    expect(restSends[0]).toMatchObject({ content: '', attachments: [photo.id] });
    const plain = setup(true);
    plain.sender.send(10, 'hi', null);
    await vi.waitFor(() => expect(plain.requests).toHaveLength(1));
    expect(plain.requests[0]!.payload).not.toHaveProperty('attachments');
    expect(requests).toEqual([]);
  });
});
