import { memo } from 'react';
import { Link } from 'react-router-dom';
import { nameOf } from '../../api/types';
import { useChat, useChatStore } from '../../chat/ChatContext';
import { formatListTime } from '../../chat/format';
import { typingLine } from '../../chat/typists';
import type { RoomSummary } from '../../chat/types';
import { Avatar } from '../../ui/Avatar';
import { previewText } from '../preview';
import styles from './RoomList.module.css';

export const RoomListItem = memo(function RoomListItem({ room, active }: { room: RoomSummary; active: boolean }) {
  const store = useChatStore();
  const presence = useChat((s) => (room.peer ? s.presence[room.peer.id]?.status : undefined));
  const typing = useChat((s) => typingLine(s, room.id));
  const last = room.lastMessage;
  const unread = room.unreadCount;
  const mentioned = room.mentionCount ?? 0;
  const level = room.notifications?.level ?? 'all';
  const time = room.lastMessageAt ?? room.createdAt;

  let preview = 'No messages yet';
  if (typing) {
    preview = room.kind === 'direct' ? 'typing…' : typing;
  } else if (last) {
    const text = previewText(last);
    if (last.kind === 'system' || !last.sender) preview = text;
    else if (last.sender.id === store.user.id) preview = `You: ${text}`;
    else preview = room.kind === 'group' ? `${nameOf(last.sender)}: ${text}` : text;
  }

  const label = `${room.name}${unread ? `, ${unread} unread` : ''}${
    mentioned ? `, ${mentioned} ${mentioned === 1 ? 'mention' : 'mentions'}` : ''
  }`;
  return (
    <li>
      <Link
        to={`/rooms/${room.id}`}
        className={`${styles.item} ${active ? styles.active : ''} ${unread ? styles.unread : ''}`}
        aria-current={active ? 'page' : undefined}
        aria-label={label}
        data-room-id={room.id}
      >
        <Avatar name={room.name} size={44} presence={room.kind === 'direct' ? (presence ?? 'offline') : undefined} square={room.kind === 'group'} />
        <span className={styles.text}>
          <span className={styles.line}>
            <span className={styles.name}>{room.name}</span>
            <time className={styles.time} dateTime={new Date(time).toISOString()}>
              {formatListTime(time)}
            </time>
          </span>
          <span className={styles.line}>
            <span className={`${styles.preview} ${typing ? styles.typing : ''}`}>{preview}</span>
            {mentioned > 0 && (
              <span className={`${styles.badge} ${styles.mentionBadge}`} data-testid="mention-badge" aria-hidden="true" title="Mentions you">
                @
              </span>
            )}
            {unread > 0 && (
              <span className={`${styles.badge} ${level === 'all' ? '' : styles.quietBadge}`} data-testid="unread-badge" aria-hidden="true">
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </span>
        </span>
      </Link>
    </li>
  );
});
