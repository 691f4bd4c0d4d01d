/** Browser notifications for direct messages and mentions while the tab is hidden. */
import type { User } from '../api/types';
import { nameOf } from '../api/types';
import { mentions } from './mentions';
import type { Message, RoomSummary } from './types';

export type Permission = 'unsupported' | NotificationPermission;

export function notificationPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Pure: whether this message deserves a notification. */
export function shouldNotify(message: Message, room: RoomSummary | undefined, me: Pick<User, 'id' | 'username'>, hidden: boolean): boolean {
  if (!hidden || message.kind !== 'text' || message.deleted || !message.sender || message.sender.id === me.id) return false;
  return room?.kind === 'direct' || mentions(message.content, me.username);
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
