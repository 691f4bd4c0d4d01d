import { useId, useState } from 'react';
import { THEME_PREFERENCES, type ThemePreference, type User } from '../../api/types';
import { useApi, useSession } from '../../auth/AuthContext';
import styles from '../../ui/ChoiceGroup.module.css';

const LABELS: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/**
 * "Theme": System, Light or Dark. A choice shows at once and is saved to the account, so the
 * person's other devices show it too when they next load; if saving fails it is undone and
 * the person is told.
 */
export function ThemeSetting({ user }: { user: User }) {
  const api = useApi();
  const session = useSession();
  const labelId = useId();
  const [error, setError] = useState<string | null>(null);
  const chosen = user.theme ?? 'system';

  const choose = async (theme: ThemePreference) => {
    if (theme === chosen) return;
    const before = chosen;
    setError(null);
    session.updateUser({ ...user, theme });
    try {
      session.updateUser(await api.updateMe({ theme }));
    } catch {
      const now = session.current()?.user;
      if (now && now.id === user.id && now.theme === theme) session.updateUser({ ...now, theme: before });
      setError('The theme could not be saved. Check the connection and try again.');
    }
  };

  return (
    <div className={styles.setting}>
      <span id={labelId} className={styles.label}>
        Theme
      </span>
      <div role="radiogroup" aria-labelledby={labelId} className={styles.options}>
        {THEME_PREFERENCES.map((theme) => (
          <label key={theme} className={styles.option}>
            <input type="radio" name={`${labelId}-theme`} value={theme} checked={chosen === theme} onChange={() => void choose(theme)} />
            <span>{LABELS[theme]}</span>
          </label>
        ))}
      </div>
      <p className={styles.hint}>System follows this device’s setting. Your choice applies on every device you sign in on.</p>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
    </div>
  );
}
