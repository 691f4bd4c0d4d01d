import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { nameOf } from '../../api/types';
import { useChat, useChatStore, useWatchPresence } from '../../chat/ChatContext';
import { describeError } from '../../realtime/describeError';
import { formatFull } from '../../chat/format';
import { withFilter } from '../../chat/searchQuery';
import type { Member, Role } from '../../chat/types';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { IconButton } from '../../ui/IconButton';
import { useToast } from '../../ui/Toast';
import { RoomFiles } from '../files/RoomFiles';
import { MemberRow, presenceText } from './MemberList';
import { NotificationSetting } from './NotificationSetting';
import { AddMembers, EditRoom } from './RoomDialogs';
import { FormButtons } from '../rooms/FormButtons';
import styles from './RoomDetails.module.css';

const NO_MEMBERS: readonly Member[] = [];
const NO_IDS: readonly number[] = [];
const ROLE_ORDER: Record<Role, number> = { owner: 0, admin: 1, member: 2 };

/**
 * Who is in the room and what can be done with it. Controls appear only for those allowed:
 * owners and admins manage members, name and description; only the owner deletes the room.
 */
export function RoomDetails({ roomId, onClose }: { roomId: number; onClose: () => void }) {
  const store = useChatStore();
  const navigate = useNavigate();
  const toast = useToast();
  const room = useChat((s) => s.rooms[roomId]);
  const members = useChat((s) => s.members[roomId] ?? NO_MEMBERS);
  const peerPresence = useChat((s) => (room?.peer ? s.presence[room.peer.id] : undefined));
  const [dialog, setDialog] = useState<'edit' | 'add' | 'leave' | 'delete' | null>(null);
  // the member list shows everyone's presence: in a large room the server tells only what is watched
  useWatchPresence(`members:${roomId}`, room?.kind === 'group' ? members.map((m) => m.userId) : NO_IDS);
  const [busy, setBusy] = useState(false);
  const sorted = useMemo(
    () => [...members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || nameOf(a).localeCompare(nameOf(b))),
    [members],
  );

  if (!room) return null;
  const group = room.kind === 'group';
  const canManage = group && room.role !== 'member';
  const isOwner = group && room.role === 'owner';

  const leave = async () => {
    setBusy(true);
    try {
      if (dialog === 'delete') await store.rooms.deleteRoom(room.id);
      else await store.rooms.leave(room.id);
      toast(dialog === 'delete' ? `${room.name} was deleted` : `You left ${room.name}`);
      setDialog(null);
      navigate('/');
    } catch (e) {
      toast(describeError(e), 'error');
      setBusy(false);
      setDialog(null);
    }
  };

  return (
    <div className={styles.pane}>
      <div className={styles.top}>
        <IconButton icon="back" label="Back to the conversation" className={styles.back} onClick={onClose} />
        <h2 className={styles.heading}>{group ? 'Group info' : 'Contact info'}</h2>
        <IconButton icon="close" label="Close details" className={styles.close} onClick={onClose} />
      </div>
      <div className={styles.scroll}>
        <section className={styles.identity}>
          <Avatar
            name={room.name}
            size={88}
            square={group}
            presence={group ? undefined : (peerPresence?.status ?? 'offline')}
          />
          <h3 className={styles.name} data-testid="details-name">
            {room.name}
          </h3>
          {group ? (
            <p className={styles.sub}>
              Group · {room.memberCount} member{room.memberCount === 1 ? '' : 's'}
            </p>
          ) : (
            room.peer && (
              <p className={styles.sub}>
                @{room.peer.username} · {presenceText(peerPresence?.status, peerPresence?.lastSeenAt)}
              </p>
            )
          )}
          {room.description && (
            <p className={styles.description} data-testid="details-description">
              {room.description}
            </p>
          )}
          <div className={styles.identityActions}>
            <Button
              variant="secondary"
              size="small"
              onClick={() => {
                const scope = group ? room.name : (room.peer?.username ?? room.name);
                navigate(`/search?q=${encodeURIComponent(withFilter('', 'in', scope))}`);
              }}
            >
              <Icon name="search" size={16} /> Search
            </Button>
            {canManage && (
              <Button variant="secondary" size="small" onClick={() => setDialog('edit')} aria-label="Edit name and description">
                <Icon name="edit" size={16} /> Edit
              </Button>
            )}
          </div>
        </section>

        {!group && room.peer && (
          <section className={styles.section} aria-label="About">
            <dl className={styles.facts}>
              <div>
                <dt>Username</dt>
                <dd>@{room.peer.username}</dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>{presenceText(peerPresence?.status, peerPresence?.lastSeenAt)}</dd>
              </div>
              <div>
                <dt>Conversation started</dt>
                <dd>{formatFull(room.createdAt)}</dd>
              </div>
            </dl>
          </section>
        )}

        {group && (
          <section className={styles.section} aria-labelledby={`members-${room.id}`}>
            <div className={styles.sectionHead}>
              <h3 id={`members-${room.id}`} className={styles.sectionTitle}>
                Members
              </h3>
              {canManage && (
                <Button variant="secondary" size="small" onClick={() => setDialog('add')}>
                  <Icon name="userPlus" size={16} /> Add people
                </Button>
              )}
            </div>
            <ul className={styles.members}>
              {sorted.map((member) => (
                <MemberRow key={member.userId} room={room} member={member} canManage={canManage} />
              ))}
            </ul>
          </section>
        )}

        <section className={styles.section} aria-label="Notifications">
          <NotificationSetting room={room} />
        </section>

        <RoomFiles roomId={room.id} />

        {group && (
          <section className={styles.section}>
            <button type="button" className={`${styles.action} ${styles.danger}`} onClick={() => setDialog('leave')}>
              <Icon name="leave" size={20} /> Leave group
            </button>
            {isOwner && (
              <button type="button" className={`${styles.action} ${styles.danger}`} onClick={() => setDialog('delete')}>
                <Icon name="trash" size={20} /> Delete group
              </button>
            )}
          </section>
        )}
      </div>

      {dialog === 'edit' && <EditRoom room={room} onDone={() => setDialog(null)} />}
      {dialog === 'add' && <AddMembers room={room} members={members} onDone={() => setDialog(null)} />}
      {(dialog === 'leave' || dialog === 'delete') && (
        <Dialog title={dialog === 'leave' ? `Leave ${room.name}?` : `Delete ${room.name}?`} onClose={() => setDialog(null)}>
          <p className={styles.confirm}>
            {dialog === 'leave'
              ? isOwner
                ? 'You own this group. Ownership passes to the longest-standing admin, or member.'
                : 'You won’t get its messages any more unless someone adds you again.'
              : 'The group and all its messages are deleted for everyone. This can’t be undone.'}
          </p>
          <FormButtons onCancel={() => setDialog(null)} onConfirm={() => void leave()} busy={busy} danger>
            {dialog === 'leave' ? 'Leave' : 'Delete'}
          </FormButtons>
        </Dialog>
      )}
    </div>
  );
}
