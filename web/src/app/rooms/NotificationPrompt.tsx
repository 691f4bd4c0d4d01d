import { useState } from 'react';
import { notificationPermission } from '../../chat/notifications';
import { Icon } from '../../ui/Icon';
import styles from './NotificationPrompt.module.css';

const DISMISSED_KEY = 'parley.notifications.dismissed';

function dismissed(): boolean {
  try {
    return window.localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Offers notifications once, quietly, under the room list. Permission is asked only when the
 * person presses "Turn on", never on page load.
 */
export function NotificationPrompt() {
  const [hidden, setHidden] = useState(() => dismissed() || notificationPermission() !== 'default');
  if (hidden) return null;

  const close = () => {
    try {
      window.localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Shown again next time.
    }
    setHidden(true);
  };
  const enable = async () => {
    try {
      await Notification.requestPermission();
    } finally {
      setHidden(true);
    }
  };

  return (
    <section className={styles.prompt} aria-label="Notifications">
      <Icon name="bell" size={20} className={styles.icon} />
      <p className={styles.text}>Get notified about direct messages and mentions while Parley is in the background.</p>
      <div className={styles.buttons}>
        <button type="button" className={styles.primary} onClick={enable}>
          Turn on
        </button>
        <button type="button" className={styles.secondary} onClick={close}>
          Not now
        </button>
      </div>
    </section>
  );
}
