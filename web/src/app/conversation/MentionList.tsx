import type { MentionCandidate } from '../../chat/mentionSuggestions';
import styles from './Conversation.module.css';

/**
 * The people an `@` in the composer may name: a listbox the composer drives from the keyboard
 * (its textarea holds the focus and points at the active option); a click picks too.
 */
export function MentionList({
  id,
  candidates,
  active,
  onPick,
}: {
  id: string;
  candidates: readonly MentionCandidate[];
  active: number;
  onPick: (username: string) => void;
}) {
  return (
    <ul id={id} role="listbox" aria-label="Mention someone" className={styles.mentions}>
      {candidates.map((c, i) => (
        <li
          key={c.username}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className={`${styles.mentionOption} ${i === active ? styles.mentionActive : ''}`}
          // keep the textarea's focus and caret: pick on mousedown
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(c.username);
          }}
        >
          <span className={styles.mentionLabel}>{c.label}</span> <span className={styles.mentionName}>@{c.username}</span>
        </li>
      ))}
    </ul>
  );
}
