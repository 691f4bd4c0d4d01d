/** The server's chat events (docs/protocol.md §10.2), turned into reducer actions. */
import type { UserId } from '../api/types';
import { ServerEvents } from '../realtime/events';
import type { Realtime } from '../realtime/RealtimeConnection';
import type { ChatAction } from './chatState';
import type { Member, Message, NotificationSettings, Presence, RoomId, Seq } from './types';

export interface ChatEventSink {
  dispatch(action: ChatAction): void;
  /** A new message (also told to notification listeners). */
  received(message: Message): void;
  /** I was added to a room, or one was created with me: its summary must be fetched. */
  roomAdded(roomId: RoomId): void;
  /** The server may have missed events of these rooms and of my own: catch up on them. */
  resyncNeeded(roomIds: readonly RoomId[]): void;
  me: UserId;
}

/** Listens to every server-to-client chat event; the returned function stops listening. */
export function listenToChat(connection: Realtime, sink: ChatEventSink): () => void {
  const { dispatch } = sink;
  const stops = [
    connection.on(ServerEvents.receiveMessage, (message: Message) => sink.received(message)),
    connection.on(ServerEvents.messageUpdated, (message: Message) => dispatch({ type: 'messageUpdated', message })),
    connection.on(ServerEvents.readReceipt, (e: { roomId: RoomId; userId: UserId; seq: Seq }) => {
      if (e.userId === sink.me) dispatch({ type: 'readMarked', roomId: e.roomId, seq: e.seq });
      else dispatch({ type: 'readReceipt', roomId: e.roomId, userId: e.userId, seq: e.seq });
    }),
    connection.on(ServerEvents.unreadCount, (e: { roomId: RoomId; unreadCount: number; lastReadSeq: Seq; mentionCount?: number }) =>
      dispatch({ type: 'readMarked', roomId: e.roomId, seq: e.lastReadSeq, unreadCount: e.unreadCount, mentionCount: e.mentionCount }),
    ),
    connection.on(ServerEvents.threadRead, (e: { roomId: RoomId; rootSeq: Seq; lastReadSeq: Seq }) =>
      dispatch({ type: 'threadRead', roomId: e.roomId, rootSeq: e.rootSeq, seq: e.lastReadSeq }),
    ),
    connection.on(ServerEvents.notificationSettings, (e: { roomId: RoomId } & NotificationSettings) =>
      dispatch({ type: 'notificationsSet', roomId: e.roomId, settings: { level: e.level, mutedUntil: e.mutedUntil ?? null } }),
    ),
    connection.on(ServerEvents.roomUpdated, (e: { roomId: RoomId; name: string; description: string | null }) =>
      dispatch({ type: 'roomRenamed', roomId: e.roomId, name: e.name, description: e.description ?? '' }),
    ),
    connection.on(ServerEvents.roomAdded, (e: { roomId: RoomId }) => sink.roomAdded(e.roomId)),
    connection.on(ServerEvents.resyncNeeded, (e: { rooms?: unknown }) =>
      sink.resyncNeeded(Array.isArray(e?.rooms) ? e.rooms.map(Number).filter(Number.isSafeInteger) : []),
    ),
    connection.on(ServerEvents.memberAdded, (e: { roomId: RoomId; member: Member }) =>
      dispatch({ type: 'memberUpserted', roomId: e.roomId, member: e.member, added: true }),
    ),
    connection.on(ServerEvents.memberUpdated, (e: { roomId: RoomId; member: Member }) =>
      dispatch({ type: 'memberUpserted', roomId: e.roomId, member: e.member }),
    ),
    connection.on(ServerEvents.memberRemoved, (e: { roomId: RoomId; userId: UserId }) =>
      dispatch({ type: 'memberRemoved', roomId: e.roomId, userId: e.userId }),
    ),
    connection.on(ServerEvents.roomRemoved, (e: { roomId: RoomId }) => dispatch({ type: 'roomRemoved', roomId: e.roomId })),
    connection.on(ServerEvents.roomDeleted, (e: { roomId: RoomId }) => dispatch({ type: 'roomRemoved', roomId: e.roomId })),
    connection.on(ServerEvents.userTyping, (e: { userId: UserId; username: string; roomId: RoomId }) =>
      dispatch({ type: 'typingStarted', roomId: e.roomId, userId: e.userId, username: e.username, now: Date.now() }),
    ),
    connection.on(ServerEvents.userStopTyping, (userId: UserId, roomId: RoomId) => dispatch({ type: 'typingStopped', roomId, userId })),
    connection.on(ServerEvents.presenceBatch, (e: { users: Presence[] }) => dispatch({ type: 'presenceBatch', users: e.users })),
    connection.on(ServerEvents.presenceSnapshot, (e: { users: Presence[] }) => dispatch({ type: 'presenceSnapshot', users: e.users })),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
