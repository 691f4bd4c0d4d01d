/** The chat REST endpoints, over the authorized client (which renews the token on a 401). */
import type { ApiClient } from '../api/client';
import type { UserId } from '../api/types';
import type { Member, Message, NotificationLevel, NotificationSettings, RoomId, RoomSummary, SearchPage, Seq, ThreadPage } from './types';

export type HistoryQuery = { before: Seq } | { after: Seq } | { around: Seq } | Record<string, never>;

export interface ChatApi {
  rooms(): Promise<RoomSummary[]>;
  room(roomId: RoomId): Promise<RoomSummary>;
  createGroup(input: { name: string; description?: string; memberIds: UserId[] }): Promise<RoomSummary>;
  openDirect(userId: UserId): Promise<RoomSummary>;
  updateRoom(roomId: RoomId, changes: { name?: string; description?: string }): Promise<RoomSummary>;
  deleteRoom(roomId: RoomId): Promise<void>;
  setNotifications(roomId: RoomId, level: NotificationLevel, mutedUntil?: number): Promise<NotificationSettings>;
  members(roomId: RoomId): Promise<Member[]>;
  addMembers(roomId: RoomId, userIds: UserId[]): Promise<Member[]>;
  setRole(roomId: RoomId, userId: UserId, role: 'admin' | 'member'): Promise<Member>;
  removeMember(roomId: RoomId, userId: UserId): Promise<void>;
  messages(roomId: RoomId, query: HistoryQuery, limit?: number): Promise<Message[]>;
  send(
    roomId: RoomId,
    input: { content: string; clientId: string; replyTo: Seq | null; attachments?: readonly string[]; threadRootSeq?: Seq },
  ): Promise<Message>;
  thread(roomId: RoomId, rootSeq: Seq, after?: Seq): Promise<ThreadPage>;
  edit(roomId: RoomId, seq: Seq, content: string): Promise<Message>;
  remove(roomId: RoomId, seq: Seq): Promise<Message>;
  react(roomId: RoomId, seq: Seq, emoji: string): Promise<Message>;
  markRead(roomId: RoomId, seq: Seq): Promise<{ seq: Seq }>;
  markThreadRead(roomId: RoomId, rootSeq: Seq, seq: Seq): Promise<{ seq: Seq }>;
  search(q: string, cursor: string | null, limit?: number, signal?: AbortSignal): Promise<SearchPage>;
}

export function createChatApi(api: ApiClient): ChatApi {
  const r = api.request;
  return {
    rooms: async () => (await r<{ rooms: RoomSummary[] }>('/api/rooms')).rooms,
    room: (roomId) => r<RoomSummary>(`/api/rooms/${roomId}`),
    createGroup: (input) => r<RoomSummary>('/api/rooms', { method: 'POST', body: input }),
    openDirect: (userId) => r<RoomSummary>('/api/rooms/direct', { method: 'POST', body: { userId } }),
    updateRoom: (roomId, changes) => r<RoomSummary>(`/api/rooms/${roomId}`, { method: 'PATCH', body: changes }),
    deleteRoom: (roomId) => r<void>(`/api/rooms/${roomId}`, { method: 'DELETE' }),
    setNotifications: (roomId, level, mutedUntil) =>
      r<NotificationSettings>(`/api/rooms/${roomId}/notifications`, {
        method: 'PATCH',
        body: mutedUntil === undefined ? { level } : { level, mutedUntil },
      }),
    members: async (roomId) => (await r<{ members: Member[] }>(`/api/rooms/${roomId}/members`)).members,
    addMembers: async (roomId, userIds) => {
      const answer = await r<{ members: Member[] } | Member[] | undefined>(`/api/rooms/${roomId}/members`, {
        method: 'POST',
        body: { userIds },
      });
      if (Array.isArray(answer)) return answer;
      return answer?.members ?? [];
    },
    setRole: (roomId, userId, role) =>
      r<Member>(`/api/rooms/${roomId}/members/${userId}`, { method: 'PATCH', body: { role } }),
    removeMember: (roomId, userId) => r<void>(`/api/rooms/${roomId}/members/${userId}`, { method: 'DELETE' }),
    messages: async (roomId, query, limit = 50) => {
      const params = new URLSearchParams({ limit: String(limit) });
      for (const [key, value] of Object.entries(query)) params.set(key, String(value));
      return (await r<{ messages: Message[] }>(`/api/rooms/${roomId}/messages?${params}`)).messages;
    },
    send: (roomId, input) => {
      const body: Record<string, unknown> = { content: input.content, clientId: input.clientId };
      if (input.replyTo !== null) body.replyTo = input.replyTo;
      if (input.attachments?.length) body.attachments = input.attachments;
      if (input.threadRootSeq !== undefined) body.threadRootSeq = input.threadRootSeq;
      return r<Message>(`/api/rooms/${roomId}/messages`, { method: 'POST', body });
    },
    thread: (roomId, rootSeq, after) => {
      const params = new URLSearchParams({ limit: '100' });
      if (after !== undefined) params.set('after', String(after));
      return r<ThreadPage>(`/api/rooms/${roomId}/messages/${rootSeq}/thread?${params}`);
    },
    edit: (roomId, seq, content) =>
      r<Message>(`/api/rooms/${roomId}/messages/${seq}`, { method: 'PATCH', body: { content } }),
    remove: (roomId, seq) => r<Message>(`/api/rooms/${roomId}/messages/${seq}`, { method: 'DELETE' }),
    react: (roomId, seq, emoji) =>
      r<Message>(`/api/rooms/${roomId}/messages/${seq}/reactions`, { method: 'POST', body: { emoji } }),
    markRead: (roomId, seq) => r<{ seq: Seq }>(`/api/rooms/${roomId}/read`, { method: 'POST', body: { seq } }),
    markThreadRead: (roomId, rootSeq, seq) =>
      r<{ seq: Seq }>(`/api/rooms/${roomId}/messages/${rootSeq}/thread/read`, { method: 'POST', body: { seq } }),
    search: (q, cursor, limit = 20, signal) => {
      const params = new URLSearchParams({ q, limit: String(limit) });
      if (cursor) params.set('cursor', cursor);
      return r<SearchPage>(`/api/search?${params}`, signal ? { signal } : {});
    },
  };
}
