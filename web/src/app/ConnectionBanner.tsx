import { useEffect, useState } from 'react';
import { useConnectionState } from '../realtime/RealtimeContext';
import type { ConnectionState } from '../realtime/RealtimeConnection';
import { Icon } from '../ui/Icon';
import { Spinner } from '../ui/Spinner';
import styles from './ConnectionBanner.module.css';

const TEXT = {
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting… New messages will appear when the connection is back.',
  offline: 'You’re offline. Messages you send will wait until you’re back online.',
} as const;

/** A thin bar while the live connection is not up; "connecting" only after a moment, to avoid a flash. */
export function ConnectionBanner() {
  const connection = useConnectionState();
  // Starts as "online" so that the first connection, usually quick, shows nothing.
  const [shown, setShown] = useState<ConnectionState>('online');

  useEffect(() => {
    if (connection === 'connecting' || connection === 'reconnecting') {
      const timer = setTimeout(() => setShown(connection), 700);
      return () => clearTimeout(timer);
    }
    setShown(connection);
    return undefined;
  }, [connection]);

  const visible = shown !== 'online' && connection !== 'online';
  return (
    <div className={styles.region} role="status" aria-live="polite">
      {visible && (
        <div className={`${styles.banner} ${shown === 'offline' ? styles.offline : ''}`} data-connection={shown}>
          {shown === 'offline' ? <Icon name="wifiOff" size={16} /> : <Spinner size="small" />}
          <span>{TEXT[shown as keyof typeof TEXT]}</span>
        </div>
      )}
    </div>
  );
}
