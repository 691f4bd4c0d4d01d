import type { UserSummary } from '../api/types';
import type { Member, Message, RoomSummary } from '../chat/types';

export const ALICE: UserSummary = { id: 1, username: 'alice', displayName: 'Alice' };
export const BOB: UserSummary = { id: 2, username: 'bob', displayName: 'Bob' };
export const CAROL: UserSummary = { id: 3, username: 'carol', displayName: 'Carol' };

export const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);

/** A text message in room 10; `seq` decides the time unless given. */
export function msg(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: 1000 + seq,
    roomId: 10,
    seq,
    rev: seq,
    kind: 'text',
    content: `message ${seq}`,
    sender: BOB,
    clientId: null,
    replyTo: null,
    createdAt: T0 + seq * 1000,
    editedAt: null,
    deleted: false,
    reactions: [],
    ...overrides,
  };
}

export function range(from: number, to: number, overrides: Partial<Message> = {}): Message[] {
  const list: Message[] = [];
  for (let seq = from; seq <= to; seq += 1) list.push(msg(seq, overrides));
  return list;
}

export function room(overrides: Partial<RoomSummary> = {}): RoomSummary {
  return {
    id: 10,
    kind: 'direct',
    name: 'Bob',
    description: '',
    createdAt: T0,
    lastSeq: 0,
    lastRev: 0,
    lastMessageAt: null,
    role: 'member',
    lastReadSeq: 0,
    unreadCount: 0,
    memberCount: 2,
    lastMessage: null,
    peer: BOB,
    ...overrides,
  };
}

export const seqs = (messages: readonly Message[]) => messages.map((m) => m.seq);

/** A plain member of a room, having read up to `lastReadSeq`. */
export const member = (user: UserSummary, lastReadSeq = 0): Member => ({
  userId: user.id,
  username: user.username,
  displayName: user.displayName,
  role: 'member',
  joinedAt: 0,
  lastReadSeq,
});
