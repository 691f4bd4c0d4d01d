/**
 * Every Socket.IO event of the protocol (docs/protocol.md §10), by direction. Code names events
 * only through these constants, never as string literals, and a test keeps both lists equal to
 * the protocol's tables, so a rename cannot leave one side behind. The call events go both ways
 * and so stand in both.
 */

/** Events a client sends; each takes an ack answered `{ok}` or `{error}`. */
export const ClientEvents = {
  joinRoom: 'join_room',
  sendMessage: 'send_message',
  editMessage: 'edit_message',
  deleteMessage: 'delete_message',
  react: 'react',
  markRead: 'mark_read',
  markThreadRead: 'mark_thread_read',
  typing: 'typing',
  stopTyping: 'stop_typing',
  setPresence: 'set_presence',
  watchPresence: 'watch_presence',
  sync: 'sync',
  videoCallOffer: 'video_call_offer',
  videoCallAnswer: 'video_call_answer',
  iceCandidate: 'ice_candidate',
  endCall: 'end_call',
  callStart: 'call_start',
  callAccept: 'call_accept',
  callDecline: 'call_decline',
  callLeave: 'call_leave',
  callMedia: 'call_media',
} as const;

/** Events the server sends. */
export const ServerEvents = {
  receiveMessage: 'receive_message',
  messageUpdated: 'message_updated',
  readReceipt: 'read_receipt',
  unreadCount: 'unread_count',
  threadRead: 'thread_read',
  notificationSettings: 'notification_settings',
  userTyping: 'user_typing',
  userStopTyping: 'user_stop_typing',
  presenceBatch: 'presence_batch',
  presenceSnapshot: 'presence_snapshot',
  roomAdded: 'room_added',
  roomUpdated: 'room_updated',
  memberAdded: 'member_added',
  memberUpdated: 'member_updated',
  memberRemoved: 'member_removed',
  roomRemoved: 'room_removed',
  roomDeleted: 'room_deleted',
  joinedRoom: 'joined_room',
  sessionEnded: 'session_ended',
  resyncNeeded: 'resync_needed',
  videoCallOffer: 'video_call_offer',
  videoCallAnswer: 'video_call_answer',
  iceCandidate: 'ice_candidate',
  endCall: 'end_call',
  callRinging: 'call_ringing',
  callUpdated: 'call_updated',
  callEnded: 'call_ended',
} as const;

export type ClientEvent = (typeof ClientEvents)[keyof typeof ClientEvents];
export type ServerEvent = (typeof ServerEvents)[keyof typeof ServerEvents];

export const CLIENT_EVENTS: readonly ClientEvent[] = Object.values(ClientEvents);
export const SERVER_EVENTS: readonly ServerEvent[] = Object.values(ServerEvents);

const serverEvents: ReadonlySet<string> = new Set(SERVER_EVENTS);

export function isServerEvent(name: string): name is ServerEvent {
  return serverEvents.has(name);
}
