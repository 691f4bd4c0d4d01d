import { useMemo, useState } from 'react';
import { useChat } from '../../chat/ChatContext';
import { matchesFilter, sortRooms } from '../../chat/rooms';
import { Icon } from '../../ui/Icon';
import { IconButton } from '../../ui/IconButton';
import { NewDirectDialog } from './NewDirectDialog';
import { NewGroupDialog } from './NewGroupDialog';
import { NotificationPrompt } from './NotificationPrompt';
import { RoomListItem } from './RoomListItem';
import { SearchField } from '../../ui/SearchField';
import styles from './RoomList.module.css';

/** Direct and group rooms, newest activity first, with a filter and the two ways to start one. */
export function RoomList({ activeRoomId }: { activeRoomId: number | null }) {
  const rooms = useChat((s) => s.rooms);
  const loaded = useChat((s) => s.roomsLoaded);
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<'direct' | 'group' | null>(null);
  const sorted = useMemo(() => sortRooms(rooms), [rooms]);
  const shown = useMemo(() => sorted.filter((room) => matchesFilter(room, filter)), [sorted, filter]);

  return (
    <div className={styles.pane}>
      <div className={styles.top}>
        <div className={styles.titleRow}>
          <h1 className={styles.title}>Chats</h1>
          <div className={styles.actions}>
            <IconButton icon="compose" label="New message" onClick={() => setDialog('direct')} />
            <IconButton icon="group" label="New group" onClick={() => setDialog('group')} />
          </div>
        </div>
        <div className={styles.filter}>
          <SearchField
            variant="filter"
            placeholder="Filter conversations"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      </div>
      <nav className={styles.scroll} aria-label="Conversation list">
        {!loaded && sorted.length === 0 ? (
          <ul className={styles.list} aria-hidden="true">
            {[0, 1, 2, 3].map((i) => (
              <li key={i} className={styles.skeleton} />
            ))}
          </ul>
        ) : shown.length === 0 ? (
          <div className={styles.empty}>
            {filter ? (
              <p>No conversations match “{filter.trim()}”.</p>
            ) : (
              <>
                <p className={styles.emptyTitle}>No conversations yet</p>
                <p>Start one with a person or a group.</p>
                <div className={styles.emptyActions}>
                  <button type="button" className={styles.linkButton} onClick={() => setDialog('direct')}>
                    <Icon name="compose" size={18} /> New message
                  </button>
                  <button type="button" className={styles.linkButton} onClick={() => setDialog('group')}>
                    <Icon name="group" size={18} /> New group
                  </button>
                </div>
              </>
            )}
          </div>
        ) : (
          <ul className={styles.list}>
            {shown.map((room) => (
              <RoomListItem key={room.id} room={room} active={room.id === activeRoomId} />
            ))}
          </ul>
        )}
      </nav>
      {loaded && sorted.length > 0 && <NotificationPrompt />}
      {dialog === 'direct' && <NewDirectDialog onClose={() => setDialog(null)} />}
      {dialog === 'group' && <NewGroupDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
