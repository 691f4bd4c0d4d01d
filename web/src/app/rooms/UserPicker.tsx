import { useEffect, useId, useState } from 'react';
import { nameOf, type UserSummary } from '../../api/types';
import { useApi } from '../../auth/AuthContext';
import { Avatar } from '../../ui/Avatar';
import { TextField } from '../../ui/TextField';
import styles from './UserPicker.module.css';

interface UserPickerProps {
  label: string;
  onPick: (user: UserSummary) => void;
  /** People not to offer (yourself, those already chosen or already members). */
  exclude: ReadonlySet<number>;
  autoFocus?: boolean;
  disabled?: boolean;
}

/** A search field over users by name, listing matches to pick from. */
export function UserPicker({ label, onPick, exclude, autoFocus = false, disabled = false }: UserPickerProps) {
  const api = useApi();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<UserSummary[]>([]);
  const [state, setState] = useState<'idle' | 'loading' | 'done' | 'error'>('idle');

  useEffect(() => {
    const prefix = query.trim().replace(/^@/, '');
    if (!prefix) {
      setResults([]);
      setState('idle');
      return undefined;
    }
    const controller = new AbortController();
    setState('loading');
    const timer = setTimeout(() => {
      api.searchUsers(prefix, controller.signal).then(
        (users) => {
          setResults(users);
          setState('done');
        },
        (error: unknown) => {
          if (!(error instanceof DOMException && error.name === 'AbortError')) setState('error');
        },
      );
    }, 180);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, query]);

  const shown = results.filter((u) => !exclude.has(u.id));
  return (
    <div className={styles.picker}>
      <TextField
        label={label}
        name="people"
        type="search"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="Type a name or username"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-controls={listId}
        autoFocus={autoFocus}
        disabled={disabled}
      />
      <div id={listId} className={styles.results} aria-live="polite">
        {state === 'loading' && shown.length === 0 && <p className={styles.note}>Searching…</p>}
        {state === 'error' && <p className={styles.note}>Couldn’t search right now. Try again.</p>}
        {state === 'done' && shown.length === 0 && <p className={styles.note}>Nobody found for “{query.trim()}”.</p>}
        {shown.length > 0 && (
          <ul className={styles.list}>
            {shown.map((user) => (
              <li key={user.id}>
                <button type="button" className={styles.option} onClick={() => onPick(user)} disabled={disabled}>
                  <Avatar name={nameOf(user)} size={36} />
                  <span className={styles.who}>
                    <span className={styles.display}>{nameOf(user)}</span>
                    <span className={styles.username}>@{user.username}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
