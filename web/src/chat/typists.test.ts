import { describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, member, msg, room } from '../test/chatFixtures';
import { chatReducer, initialChatState, type ChatAction } from './chatState';
import { typingLine } from './typists';

const base: ChatAction[] = [
  { type: 'roomsLoaded', rooms: [room({ id: 10, kind: 'group', name: 'Crew', peer: null, lastSeq: 1 })] },
];
const typing = (userId: number, username: string): ChatAction => ({ type: 'typingStarted', roomId: 10, userId, username, now: 0 });

describe('who is typing, by the names the conversation shows', () => {
  it('takes display names from the member list, then from messages on hand, the username last', () => {
    const bobTyping = [...base, { type: 'latestLoaded', roomId: 10, messages: [msg(1, { sender: { ...BOB, displayName: 'Bob Chen' } })] } as ChatAction, typing(BOB.id, 'bob')];
    expect(typingLine(bobTyping.reduce(chatReducer, initialChatState(ALICE.id)), 10)).toBe('Bob Chen is typing…');

    const withMembers = [...base, { type: 'membersLoaded', roomId: 10, members: [member(ALICE), { ...member(CAROL), displayName: 'Carol Diaz' }] } as ChatAction, typing(CAROL.id, 'carol')];
    expect(typingLine(withMembers.reduce(chatReducer, initialChatState(ALICE.id)), 10)).toBe('Carol Diaz is typing…');

    const unknown = [...base, typing(7, 'dave')];
    expect(typingLine(unknown.reduce(chatReducer, initialChatState(ALICE.id)), 10)).toBe('dave is typing…');
    expect(typingLine(base.reduce(chatReducer, initialChatState(ALICE.id)), 10)).toBe('');
  });
});
