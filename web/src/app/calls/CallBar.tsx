import { useCallStore, useCalls } from '../../calls/CallContext';
import { sessionCall } from '../../calls/callState';
import { toMillis } from '../../calls/types';
import { CallIcon } from './CallIcon';
import { CallTimer } from './CallTimer';
import { useRoomName } from './useCallNames';
import styles from './Calls.module.css';

/**
 * While the person reads other rooms: the call goes on in this bar, with a way back and "Leave
 * call". Its slot is always there (empty without a call), so the frame's rows stay put.
 */
export function CallBar() {
  return (
    <div>
      <Bar />
    </div>
  );
}

function Bar() {
  const store = useCallStore();
  const session = useCalls((s) => (s.session?.view === 'bar' ? s.session : null));
  const call = useCalls(sessionCall);
  const roomName = useRoomName(session?.roomId ?? 0);
  if (!session) return null;
  return (
    <div className={styles.callBar} role="region" aria-label="Current call" data-testid="call-bar">
      <button type="button" className={styles.callBarMain} onClick={() => store.setView('full')} aria-label={`Return to call in ${roomName}`}>
        <CallIcon name={session.kind === 'video' ? 'video' : 'phone'} size={18} />
        <span className={styles.callBarText}>Call in {roomName}</span>
        <CallTimer since={toMillis(call?.answeredAt) ?? null} className={styles.callBarTimer} />
        {session.muted && <span className={styles.callBarMuted}>Muted</span>}
      </button>
      <button type="button" className={styles.callBarLeave} onClick={() => void store.leave()} aria-label="Leave call" title="Leave call">
        <CallIcon name="hangUp" size={18} />
      </button>
    </div>
  );
}
