import styles from './Avatar.module.css';
import { initialsOf } from './initials';

/** A round badge with a person's initials; decorative, so the name must appear in text nearby. */
export function Avatar({ name, size = 32 }: { name: string; size?: number }) {
  return (
    <span
      className={styles.avatar}
      style={{ width: size, height: size, fontSize: Math.round(size * 0.4) }}
      aria-hidden="true"
    >
      {initialsOf(name)}
    </span>
  );
}
