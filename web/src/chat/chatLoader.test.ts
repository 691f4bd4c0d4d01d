import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { ALICE, member, range, room } from '../test/chatFixtures';
import type { ChatApi } from './chatApi';
import { timelineOf } from './chatState';
import { ChatStateStore } from './chatStateStore';
import { ChatLoader } from './chatLoader';

const notFound = () => new ApiError({ status: 404, code: 'not_found', message: 'That room does not exist.' });

/** A room of 80 messages whose latest page is loaded; the API counts what it is asked for. */
function setup(messages: ChatApi['messages']) {
  const store = new ChatStateStore(ALICE.id);
  store.dispatch({ type: 'roomsLoaded', rooms: [room({ id: 10, kind: 'group', peer: null, lastSeq: 80, lastRev: 80 })] });
  store.dispatch({ type: 'membersLoaded', roomId: 10, members: [member(ALICE)] });
  store.dispatch({ type: 'latestLoaded', roomId: 10, messages: range(31, 80) });
  const calls: string[] = [];
  const api = {
    messages: (roomId: number, query: Parameters<ChatApi['messages']>[1]) => {
      calls.push(`messages ${roomId} ${JSON.stringify(query)}`);
      return messages(roomId, query);
    },
    members: async () => {
      calls.push('members');
      throw notFound();
    },
    room: async () => {
      calls.push('room');
      throw notFound();
    },
  } as unknown as ChatApi;
  return { store, loader: new ChatLoader(store, api), calls };
}

describe('a room lost while it is open', () => {
  it('settles as gone on a 404 instead of failing, and is not asked for again', async () => {
    const { store, loader, calls } = setup(async () => {
      throw notFound();
    });
    await expect(loader.loadOlder(10)).resolves.toBeUndefined();
    expect(store.getState().gone[10]).toBe(true);
    expect(store.getState().rooms[10]).toBeUndefined();
    expect(calls).toHaveLength(1);

    await loader.loadOlder(10);
    await loader.openRoom(10);
    await loader.loadLatest(10);
    await loader.loadMembers(10, true);
    expect(calls).toHaveLength(1);
  });

  it('asks nothing for a room the server said I was removed from', async () => {
    const { store, loader, calls } = setup(async () => range(1, 30));
    store.dispatch({ type: 'memberRemoved', roomId: 10, userId: ALICE.id });
    await loader.loadOlder(10);
    await loader.openRoom(10);
    expect(calls).toEqual([]);
    expect(timelineOf(store.getState(), 10).messages).toEqual([]);
  });

  it('still reports other failures, for "Try again"', async () => {
    const { store, loader } = setup(async () => {
      throw new ApiError({ status: 0, code: 'network_error', message: 'offline' });
    });
    store.dispatch({ type: 'roomUpserted', room: room({ id: 11 }) });
    await expect(loader.loadLatest(11)).rejects.toBeInstanceOf(ApiError);
    expect(store.getState().gone[11]).toBeUndefined();
  });
});
