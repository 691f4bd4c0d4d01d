/** The server's chat events, turned into reducer actions. */
import type { Socket } from 'socket.io-client';
import type { UserId } from '../api/types';
import type { ChatAction } from './chatState';
import type { Member, Message, Presence, RoomId, Seq } from './types';

export interface ChatEventSink {
  dispatch(action: ChatAction): void;
  /** A new message (also told to notification listeners). */
  received(message: Message): void;
  /** I was added to a room, or one was created with me: its summary must be fetched. */
  roomAdded(roomId: RoomId): void;
  me: UserId;
}

/**
 * Listens to every server-to-client chat event. (socket.io-client passes a recovery offset as an
 * extra last argument to broadcast events; the handlers ignore it.)
 */
export function listenToChat(socket: Socket, sink: ChatEventSink): void {
  const { dispatch } = sink;
  socket.on('receive_message', (message: Message) => sink.received(message));
  socket.on('message_updated', (message: Message) => dispatch({ type: 'messageUpdated', message }));
  socket.on('read_receipt', (e: { roomId: RoomId; userId: UserId; seq: Seq }) => {
    if (e.userId === sink.me) dispatch({ type: 'readMarked', roomId: e.roomId, seq: e.seq });
    else dispatch({ type: 'readReceipt', roomId: e.roomId, userId: e.userId, seq: e.seq });
  });
  socket.on('unread_count', (e: { roomId: RoomId; unreadCount: number; lastReadSeq: Seq }) =>
    dispatch({ type: 'readMarked', roomId: e.roomId, seq: e.lastReadSeq, unreadCount: e.unreadCount }),
  );
  socket.on('room_updated', (e: { roomId: RoomId; name: string; description: string | null }) =>
    dispatch({ type: 'roomRenamed', roomId: e.roomId, name: e.name, description: e.description ?? '' }),
  );
  socket.on('room_added', (e: { roomId: RoomId }) => sink.roomAdded(e.roomId));
  socket.on('member_added', (e: { roomId: RoomId; member: Member }) =>
    dispatch({ type: 'memberUpserted', roomId: e.roomId, member: e.member, added: true }),
  );
  socket.on('member_updated', (e: { roomId: RoomId; member: Member }) =>
    dispatch({ type: 'memberUpserted', roomId: e.roomId, member: e.member }),
  );
  socket.on('member_removed', (e: { roomId: RoomId; userId: UserId }) =>
    dispatch({ type: 'memberRemoved', roomId: e.roomId, userId: e.userId }),
  );
  socket.on('room_removed', (e: { roomId: RoomId }) => dispatch({ type: 'roomRemoved', roomId: e.roomId }));
  socket.on('room_deleted', (e: { roomId: RoomId }) => dispatch({ type: 'roomRemoved', roomId: e.roomId }));
  socket.on('user_typing', (e: { userId: UserId; username: string; roomId: RoomId }) =>
    dispatch({ type: 'typingStarted', roomId: e.roomId, userId: e.userId, username: e.username, now: Date.now() }),
  );
  socket.on('user_stop_typing', (userId: UserId, roomId: RoomId) => dispatch({ type: 'typingStopped', roomId, userId }));
  socket.on('presence', (presence: Presence) => dispatch({ type: 'presenceChanged', presence }));
  socket.on('presence_snapshot', (e: { users: Presence[] }) => dispatch({ type: 'presenceSnapshot', users: e.users }));
}
