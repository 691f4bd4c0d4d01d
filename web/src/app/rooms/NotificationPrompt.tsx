import { useState } from 'react';
import { useApi } from '../../auth/AuthContext';
import { notificationPermission } from '../../chat/notifications';
import { turnOnPush } from '../../chat/pushSubscription';
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
 * person presses "Turn on", never on page load; once given, this browser subscribes to Web Push
 * so that direct messages and mentions arrive while the app is closed too.
 */
export function NotificationPrompt() {
  const api = useApi();
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
      // granted: the server pushes direct messages and mentions to this browser while the app is closed
      if ((await Notification.requestPermission()) === 'granted') void turnOnPush(api).catch(() => undefined);
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
