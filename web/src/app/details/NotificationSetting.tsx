import { useId, useState } from 'react';
import { useChatStore } from '../../chat/ChatContext';
import { formatFull } from '../../chat/format';
import type { NotificationLevel, RoomSummary } from '../../chat/types';
import { describeError } from '../../realtime/describeError';
import choice from '../../ui/ChoiceGroup.module.css';
import own from './NotificationSetting.module.css';

const styles = { ...choice, ...own };

const LEVELS: readonly { level: NotificationLevel; label: string }[] = [
  { level: 'all', label: 'All messages' },
  { level: 'mentions', label: 'Mentions' },
  { level: 'nothing', label: 'Nothing' },
];
const MUTE_HOURS = 8;

/**
 * "Notifications" for one room: all messages, only mentions of me (or the room), or nothing,
 * and a mute for a few hours. Kept on the server, so my other devices follow.
 */
export function NotificationSetting({ room }: { room: RoomSummary }) {
  const store = useChatStore();
  const labelId = useId();
  const [error, setError] = useState<string | null>(null);
  const settings = room.notifications ?? { level: 'all', mutedUntil: null };
  const muted = settings.mutedUntil !== null && settings.mutedUntil > Date.now();

  const save = async (level: NotificationLevel, mutedUntil?: number) => {
    setError(null);
    try {
      await store.rooms.setNotifications(room.id, level, mutedUntil);
    } catch (e) {
      setError(`The setting could not be saved. ${describeError(e)}`);
    }
  };

  return (
    <div className={styles.setting}>
      <span id={labelId} className={styles.label}>
        Notifications
      </span>
      <div role="radiogroup" aria-labelledby={labelId} className={styles.options}>
        {LEVELS.map(({ level, label }) => (
          <label key={level} className={styles.option}>
            <input
              type="radio"
              name={`${labelId}-level`}
              value={level}
              checked={settings.level === level}
              onChange={() => void save(level, muted ? (settings.mutedUntil ?? undefined) : undefined)}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
      <p className={styles.hint}>
        {muted ? `Muted until ${formatFull(settings.mutedUntil!)}; mentions still notify. ` : ''}
        <button
          type="button"
          className={styles.link}
          onClick={() => void save(settings.level, muted ? undefined : Date.now() + MUTE_HOURS * 3_600_000)}
        >
          {muted ? 'Unmute' : `Mute for ${MUTE_HOURS} hours`}
        </button>
      </p>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
    </div>
  );
}
