import { useEffect, useId } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCallStore, useCalls } from '../../calls/CallContext';
import type { Call } from '../../calls/types';
import { notificationPermission } from '../../chat/notifications';
import { describeError } from '../../realtime/describeError';
import { Avatar } from '../../ui/Avatar';
import { useToast } from '../../ui/Toast';
import { CallIcon } from './CallIcon';
import { useMemberNames, useRoomName } from './useCallNames';
import styles from './Calls.module.css';

function callerOf(call: Call): { userId: number; username: string } {
  return call.participants.find((p) => p.userId === call.startedBy) ?? call.participants[0] ?? { userId: call.startedBy, username: 'Someone' };
}

/** The ringing banner: who calls, from which room, "Accept" and "Decline"; a notification while the tab is hidden. */
export function IncomingCall() {
  const incoming = useCalls((s) => (s.incoming ? (Object.values(s.calls).find((c) => c.id === s.incoming) ?? null) : null));
  if (!incoming) return null;
  return <Ringing key={incoming.id} call={incoming} />;
}

function Ringing({ call }: { call: Call }) {
  const store = useCallStore();
  const toast = useToast();
  const navigate = useNavigate();
  const titleId = useId();
  const names = useMemberNames(call.roomId);
  const roomName = useRoomName(call.roomId);
  const caller = callerOf(call);
  const callerName = names(caller.userId, caller.username);
  const what = call.kind === 'video' ? 'Video call' : 'Voice call';

  useEffect(() => {
    if (document.visibilityState !== 'hidden' || notificationPermission() !== 'granted') return;
    try {
      const notification = new Notification(`${callerName} is calling`, {
        body: `${what} · ${roomName}`,
        tag: `call-${call.id}`,
        icon: '/icons/icon-192.png',
        requireInteraction: true,
      });
      notification.onclick = () => {
        window.focus();
        navigate(`/rooms/${call.roomId}`);
        notification.close();
      };
      return () => notification.close();
    } catch {
      return undefined; // notifications only from a service worker here: the banner is enough
    }
  }, [call.id, call.roomId, callerName, roomName, what, navigate]);

  const fail = (error: unknown) => toast(describeError(error), 'error');
  return (
    <div className={styles.incoming} role="alertdialog" aria-labelledby={titleId} data-testid="incoming-call">
      <Avatar name={callerName} size={44} />
      <div className={styles.incomingText}>
        <span id={titleId} className={styles.incomingTitle}>
          {callerName} is calling
        </span>
        <span className={styles.incomingSub}>
          {what} · {roomName}
        </span>
      </div>
      <div className={styles.incomingActions}>
        <button type="button" className={`${styles.roundButton} ${styles.decline}`} aria-label="Decline" title="Decline" onClick={() => store.decline(call.id).catch(fail)}>
          <CallIcon name="hangUp" />
        </button>
        <button
          type="button"
          className={`${styles.roundButton} ${styles.accept}`}
          aria-label="Accept"
          title="Accept"
          onClick={() => {
            navigate(`/rooms/${call.roomId}`);
            store.accept(call.id).catch(fail);
          }}
        >
          <CallIcon name={call.kind === 'video' ? 'video' : 'phone'} />
        </button>
      </div>
    </div>
  );
}
