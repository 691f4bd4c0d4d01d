import { useState } from 'react';
import { nameOf } from '../../api/types';
import { useChat, useChatStore } from '../../chat/ChatContext';
import { describeError } from '../../realtime/describeError';
import { formatLastSeen } from '../../chat/format';
import type { Member, PresenceStatus, Role, RoomSummary } from '../../chat/types';
import { Avatar } from '../../ui/Avatar';
import { IconButton } from '../../ui/IconButton';
import { Popover } from '../../ui/Popover';
import { useToast } from '../../ui/Toast';
import { Menu, MenuItem } from '../../ui/Menu';
import styles from './RoomDetails.module.css';

const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

export function presenceText(status: PresenceStatus | undefined, lastSeenAt: number | null | undefined): string {
  if (status === 'online') return 'Online';
  if (status === 'away') return 'Away';
  return formatLastSeen(lastSeenAt ?? null);
}

function MemberMenu({ room, member, anchor, onClose }: { room: RoomSummary; member: Member; anchor: HTMLElement; onClose: () => void }) {
  const store = useChatStore();
  const toast = useToast();
  const run = (task: () => Promise<void>, done: string) => {
    onClose();
    task().then(
      () => toast(done),
      (e: unknown) => toast(describeError(e), 'error'),
    );
  };
  const name = nameOf(member);
  return (
    <Popover anchor={anchor} onClose={onClose} label={`Manage ${name}`} role="menu">
      <Menu>
        {member.role === 'member' ? (
          <MenuItem icon="shield" onClick={() => run(() => store.rooms.setRole(room.id, member.userId, 'admin'), `${name} is now an admin`)}>
            Make admin
          </MenuItem>
        ) : (
          <MenuItem icon="shield" onClick={() => run(() => store.rooms.setRole(room.id, member.userId, 'member'), `${name} is no longer an admin`)}>
            Remove as admin
          </MenuItem>
        )}
        <MenuItem icon="leave" danger onClick={() => run(() => store.rooms.removeMember(room.id, member.userId), `${name} was removed`)}>
          Remove from group
        </MenuItem>
      </Menu>
    </Popover>
  );
}

/** One member: presence, role, and for managers a menu to promote, demote or remove. */
export function MemberRow({ room, member, canManage }: { room: RoomSummary; member: Member; canManage: boolean }) {
  const store = useChatStore();
  const presence = useChat((s) => s.presence[member.userId]);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const me = member.userId === store.user.id;
  const name = nameOf(member);
  const status = me ? 'online' : (presence?.status ?? 'offline');
  const manageable = canManage && !me && member.role !== 'owner';
  return (
    <li className={styles.member} data-testid="member" data-user-id={member.userId}>
      <Avatar name={name} size={40} presence={status} />
      <span className={styles.memberText}>
        <span className={styles.memberName}>
          {name}
          {me && <span className={styles.you}> (you)</span>}
        </span>
        <span className={styles.memberSub}>{me ? `@${member.username}` : presenceText(presence?.status, presence?.lastSeenAt)}</span>
      </span>
      {member.role !== 'member' && (
        <span className={`${styles.role} ${member.role === 'owner' ? styles.owner : ''}`} data-testid="member-role">
          {ROLE_LABEL[member.role]}
        </span>
      )}
      {manageable && (
        <IconButton
          icon="more"
          label={`Manage ${name}`}
          size="small"
          aria-haspopup="menu"
          aria-expanded={anchor !== null}
          onClick={(e) => setAnchor(anchor ? null : e.currentTarget)}
        />
      )}
      {anchor && <MemberMenu room={room} member={member} anchor={anchor} onClose={() => setAnchor(null)} />}
    </li>
  );
}

