import { Avatar } from '../../ui/Avatar';
import { Icon } from '../../ui/Icon';
import styles from './Forms.module.css';

/** People chosen so far, each removable. */
export function MemberChips({ members, onRemove }: { members: { id: number; name: string }[]; onRemove: (id: number) => void }) {
  if (members.length === 0) return null;
  return (
    <ul className={styles.chips} aria-label="Chosen people">
      {members.map((m) => (
        <li key={m.id} className={styles.chip}>
          <Avatar name={m.name} size={24} />
          <span>{m.name}</span>
          <button type="button" className={styles.chipRemove} onClick={() => onRemove(m.id)} aria-label={`Remove ${m.name}`}>
            <Icon name="close" size={14} />
          </button>
        </li>
      ))}
    </ul>
  );
}
