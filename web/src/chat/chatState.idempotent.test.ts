import { describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, member, msg, range, room } from '../test/chatFixtures';
import { chatReducer, initialChatState, timelineOf, type ChatAction, type ChatState } from './chatState';

function run(...actions: ChatAction[]): ChatState {
  return actions.reduce(chatReducer, initialChatState(ALICE.id));
}

const group = (): ChatAction[] => [
  { type: 'roomsLoaded', rooms: [room({ id: 10, kind: 'group', name: 'Crew', memberCount: 3, peer: null, lastSeq: 3, lastRev: 3 })] },
  { type: 'membersLoaded', roomId: 10, members: [member(ALICE), member(BOB), member(CAROL)] },
  { type: 'latestLoaded', roomId: 10, messages: range(1, 3) },
];

/** Both orders of the same two actions (the REST answer and the socket event) end in one state. */
function bothOrders(first: ChatAction, second: ChatAction): [ChatState, ChatState] {
  return [run(...group(), first, second), run(...group(), second, first)];
}

describe('a change heard from the REST answer and from the socket event applies once', () => {
  it('a removal, from the list and the count', () => {
    const removal: ChatAction = { type: 'memberRemoved', roomId: 10, userId: CAROL.id };
    for (const state of bothOrders(removal, removal)) {
      expect(state.rooms[10]?.memberCount).toBe(2);
      expect(state.members[10]?.map((m) => m.userId)).toEqual([ALICE.id, BOB.id]);
    }
  });

  it('an addition, whether the event comes before or after the reloaded list', () => {
    const dave = { ...member(CAROL), userId: 4, username: 'dave', displayName: 'Dave' };
    const event: ChatAction = { type: 'memberUpserted', roomId: 10, member: dave, added: true };
    const reloaded: ChatAction = { type: 'membersLoaded', roomId: 10, members: [member(ALICE), member(BOB), member(CAROL), dave] };
    for (const state of bothOrders(event, reloaded)) {
      expect(state.rooms[10]?.memberCount).toBe(4);
      expect(state.members[10]).toHaveLength(4);
    }
    const twice = run(...group(), event, event);
    expect(twice.rooms[10]?.memberCount).toBe(4);
  });

  it('counts once from events alone when the member list was never loaded', () => {
    let state = run({ type: 'roomsLoaded', rooms: [room({ id: 10, kind: 'group', memberCount: 3, peer: null })] });
    state = chatReducer(state, { type: 'memberRemoved', roomId: 10, userId: CAROL.id });
    expect(state.rooms[10]?.memberCount).toBe(2);
    state = chatReducer(state, { type: 'membersLoaded', roomId: 10, members: [member(ALICE), member(BOB)] });
    state = chatReducer(state, { type: 'memberRemoved', roomId: 10, userId: CAROL.id });
    expect(state.rooms[10]?.memberCount).toBe(2);
  });

  it('a role change', () => {
    const admin: ChatAction = { type: 'memberUpserted', roomId: 10, member: { ...member(BOB), role: 'admin' } };
    for (const state of bothOrders(admin, admin)) {
      expect(state.members[10]?.find((m) => m.userId === BOB.id)?.role).toBe('admin');
      expect(state.members[10]).toHaveLength(3);
      expect(state.rooms[10]?.memberCount).toBe(3);
    }
  });

  it('a rename', () => {
    const renamed: ChatAction = { type: 'roomRenamed', roomId: 10, name: 'Crew 2', description: 'New' };
    for (const state of bothOrders(renamed, renamed)) expect(state.rooms[10]).toMatchObject({ name: 'Crew 2', description: 'New' });
  });

  it('an edit and a reaction, whichever revision arrives last', () => {
    const edited: ChatAction = { type: 'messageUpdated', message: msg(2, { rev: 4, content: 'edited', editedAt: 1 }) };
    const reacted: ChatAction = {
      type: 'messageUpdated',
      message: msg(2, { rev: 5, content: 'edited', editedAt: 1, reactions: [{ emoji: '👍', count: 1, userIds: [ALICE.id] }] }),
    };
    for (const state of [run(...group(), edited, reacted, reacted, edited), run(...group(), reacted, edited, edited)]) {
      const message = timelineOf(state, 10).messages[1];
      expect(message?.content).toBe('edited');
      expect(message?.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [ALICE.id] }]);
    }
  });

  it('my own message, confirmed by the ack and broadcast', () => {
    const mine = msg(4, { sender: ALICE, clientId: 'c1' });
    const sent: ChatAction = { type: 'sendStarted', roomId: 10, clientId: 'c1', content: 'message 4', replyTo: null, at: 0 };
    for (const state of bothOrders({ type: 'sendConfirmed', roomId: 10, message: mine }, { type: 'messageReceived', message: mine })) {
      const withSend = [sent, { type: 'sendConfirmed', roomId: 10, message: mine } as ChatAction].reduce(chatReducer, state);
      expect(timelineOf(withSend, 10).messages.filter((m) => m.seq === 4)).toHaveLength(1);
      expect(timelineOf(withSend, 10).pending).toHaveLength(0);
      expect(withSend.rooms[10]?.lastSeq).toBe(4);
    }
  });
});

describe('a room I lost', () => {
  it('takes no more events and nothing recreates it until it is back in the list', () => {
    let state = run(...group(), { type: 'memberRemoved', roomId: 10, userId: ALICE.id });
    expect(state.gone[10]).toBe(true);
    state = chatReducer(state, { type: 'messageReceived', message: msg(4, { kind: 'system', sender: null }) });
    state = chatReducer(state, { type: 'membersLoaded', roomId: 10, members: [member(BOB)] });
    state = chatReducer(state, { type: 'typingStarted', roomId: 10, userId: BOB.id, username: 'bob', now: 0 });
    expect(state.timelines[10]).toBeUndefined();
    expect(state.members[10]).toBeUndefined();
    expect(state.typing[10]).toBeUndefined();
    state = chatReducer(state, { type: 'roomUpserted', room: room({ id: 10, kind: 'group', memberCount: 3, peer: null }) });
    expect(state.gone[10]).toBeUndefined();
    expect(state.rooms[10]).toBeDefined();
  });
});
