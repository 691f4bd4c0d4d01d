/** Browser notifications while the tab is hidden, as each room's notification level says. */
import type { User } from '../api/types';
import { nameOf } from '../api/types';
import { mentions } from './mentions';
import { mentionsMe } from './rooms';
import type { Message, NotificationLevel, RoomSummary } from './types';

export type Permission = 'unsupported' | NotificationPermission;

export function notificationPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * The level that holds now: a room muted until later notifies only mentions (a mention gets
 * through a mute); only the level `nothing` silences mentions too.
 */
export function effectiveLevel(room: RoomSummary | undefined, now: number): NotificationLevel {
  const settings = room?.notifications;
  if (!settings) return 'all';
  if (settings.level !== 'nothing' && settings.mutedUntil !== null && settings.mutedUntil > now) return 'mentions';
  return settings.level;
}

/** The message names me or calls on the room (by the server's reading; by its text from older servers). */
export function mentionsUser(message: Message, me: Pick<User, 'id' | 'username'>): boolean {
  if (message.mentions === undefined) return mentions(message.content, me.username);
  return mentionsMe(message, me.id);
}

/**
 * Pure: whether this message deserves a notification (shown while the tab is hidden). The room's
 * level decides: `all` everything, `mentions` only messages that mention me or the room,
 * `nothing` nothing; while muted, only mentions. A reply in a thread I took part in
 * ({@code inMyThread}) counts as a mention. My own messages and system messages never notify.
 */
export function shouldNotify(
  message: Message,
  room: RoomSummary | undefined,
  me: Pick<User, 'id' | 'username'>,
  hidden: boolean,
  now: number = Date.now(),
  inMyThread = false,
): boolean {
  if (!hidden || message.kind !== 'text' || message.deleted || !message.sender || message.sender.id === me.id) return false;
  switch (effectiveLevel(room, now)) {
    case 'all':
      return true;
    case 'mentions':
      // a reply in a thread I took part in counts as a mention
      return mentionsUser(message, me) || inMyThread;
    case 'nothing':
      return false;
  }
}

/** The text of a notification: plain, short, without markdown marks. */
export function notificationBody(content: string): string {
  const plain = content.replace(/```[\s\S]*?```/g, '[code]').replace(/[*_~`>#]/g, '').replace(/\s+/g, ' ').trim();
  return plain.length > 140 ? `${plain.slice(0, 139)}…` : plain;
}

export function showNotification(message: Message, room: RoomSummary | undefined, open: () => void): void {
  if (notificationPermission() !== 'granted' || !message.sender) return;
  const sender = nameOf(message.sender);
  const title = room?.kind === 'group' ? `${sender} in ${room.name}` : sender;
  try {
    const notification = new Notification(title, {
      body: notificationBody(message.content) || (message.attachments?.length ? 'Sent a file' : ''),
      tag: `room-${message.roomId}`,
      icon: '/icons/icon-192.png',
    });
    notification.onclick = () => {
      window.focus();
      open();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; skip quietly.
  }
}
