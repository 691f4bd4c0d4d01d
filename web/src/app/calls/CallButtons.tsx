import { useEffect } from 'react';
import { useCallStore, useCalls } from '../../calls/CallContext';
import { joinableCall } from '../../calls/callState';
import type { CallKind } from '../../calls/types';
import { describeError } from '../../realtime/describeError';
import { useToast } from '../../ui/Toast';
import { CallIcon } from './CallIcon';
import styles from './Calls.module.css';

/**
 * A room header's call controls: "Start voice call" and "Start video call", or "Join call"
 * while the room has a call in progress that this tab is not in.
 */
export function CallButtons({ roomId }: { roomId: number }) {
  const store = useCallStore();
  const toast = useToast();
  const joinable = useCalls((s) => joinableCall(s, roomId));
  const inCall = useCalls((s) => s.session !== null);
  const mine = useCalls((s) => s.session?.roomId === roomId);

  useEffect(() => {
    store.refreshRoomCall(roomId).catch(() => undefined);
  }, [store, roomId]);

  const fail = (error: unknown) => toast(describeError(error), 'error');
  const start = (kind: CallKind) => store.startCall(roomId, kind).catch(fail);

  if (mine) {
    return (
      <button type="button" className={styles.joinButton} onClick={() => store.setView('full')}>
        <CallIcon name="phone" size={18} />
        Show call
      </button>
    );
  }
  if (joinable) {
    return (
      <button type="button" className={styles.joinButton} disabled={inCall} onClick={() => store.accept(joinable.id).catch(fail)}>
        <CallIcon name={joinable.kind === 'video' ? 'video' : 'phone'} size={18} />
        Join call
      </button>
    );
  }
  return (
    <span className={styles.headerButtons}>
      <button type="button" className={styles.headerButton} aria-label="Start voice call" title="Start voice call" disabled={inCall} onClick={() => start('audio')}>
        <CallIcon name="phone" />
      </button>
      <button type="button" className={styles.headerButton} aria-label="Start video call" title="Start video call" disabled={inCall} onClick={() => start('video')}>
        <CallIcon name="video" />
      </button>
    </span>
  );
}
