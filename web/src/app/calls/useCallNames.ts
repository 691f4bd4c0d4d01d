import { nameOf } from '../../api/types';
import { useChat } from '../../chat/ChatContext';
import type { Member } from '../../chat/types';

const NO_MEMBERS: readonly Member[] = [];

/** A participant's display name from the room's member list, else their username. */
export function useMemberNames(roomId: number): (userId: number, username: string) => string {
  const members = useChat((s) => s.members[roomId] ?? NO_MEMBERS);
  return (userId, username) => {
    const member = members.find((m) => m.userId === userId);
    return member ? nameOf(member) : username;
  };
}

export function useRoomName(roomId: number): string {
  return useChat((s) => s.rooms[roomId]?.name) ?? 'a room';
}
