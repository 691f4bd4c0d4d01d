import type { PresenceStatus } from '../chat/types';
import styles from './Avatar.module.css';
import { initialsOf } from './initials';

const HUES = 8;

/** A stable colour slot for a name, so a person keeps their colour everywhere. */
export function hueOf(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % HUES;
}

const PRESENCE_LABEL: Record<PresenceStatus, string> = { online: 'Online', away: 'Away', offline: 'Offline' };

interface AvatarProps {
  name: string;
  size?: number;
  /** Shows a dot for direct rooms and member lists; announced as text. */
  presence?: PresenceStatus | undefined;
  /** A group room: a rounded square instead of a circle. */
  square?: boolean;
}

/** Initials on a colour badge; decorative, so the name must appear in text nearby. */
export function Avatar({ name, size = 32, presence, square = false }: AvatarProps) {
  const classes = [styles.avatar, styles[`h${hueOf(name)}`], square ? styles.square : ''].filter(Boolean).join(' ');
  return (
    <span className={styles.wrap} style={{ width: size, height: size }}>
      <span className={classes} style={{ fontSize: Math.round(size * 0.38) }} aria-hidden="true">
        {initialsOf(name)}
      </span>
      {presence && (
        <span className={`${styles.dot} ${styles[presence]}`} data-presence={presence}>
          <span className="visually-hidden">{PRESENCE_LABEL[presence]}</span>
        </span>
      )}
    </span>
  );
}
