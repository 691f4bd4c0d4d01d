/**
 * Who is typing in a room, by the names the conversation shows: a member's display name from
 * the member list, else from a message of theirs on hand, else the peer of a direct room; the
 * username only when none of those is known. The room list and the conversation both use it.
 */
import { nameOf, type UserId } from '../api/types';
import type { ChatState } from './chatState';
import { typingText } from './typingText';
import type { RoomId } from './types';

function shownName(state: ChatState, roomId: RoomId, userId: UserId, username: string): string {
  const member = state.members[roomId]?.find((m) => m.userId === userId);
  if (member) return nameOf(member);
  const room = state.rooms[roomId];
  if (room?.peer?.id === userId) return nameOf(room.peer);
  const messages = state.timelines[roomId]?.messages ?? [];
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const sender = messages[i]!.sender;
    if (sender?.id === userId) return nameOf(sender);
  }
  if (room?.lastMessage?.sender?.id === userId) return nameOf(room.lastMessage.sender);
  return username;
}

export function typistNames(state: ChatState, roomId: RoomId): string[] {
  return (state.typing[roomId] ?? []).map((t) => shownName(state, roomId, t.userId, t.username));
}

/** "Alice Martin is typing…", or '' when nobody is. A string, so it is safe as a store selector. */
export function typingLine(state: ChatState, roomId: RoomId): string {
  return typingText(typistNames(state, roomId));
}
