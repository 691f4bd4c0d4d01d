import { useMemo } from 'react';
import { useCallMediaVersion, useCallStore, useCalls } from '../../calls/CallContext';
import { sessionCall, type CallSession } from '../../calls/callState';
import { toMillis, type Call } from '../../calls/types';
import { CallControls } from './CallControls';
import { CallIcon } from './CallIcon';
import { CallTile } from './CallTile';
import { CallTimer } from './CallTimer';
import { useMemberNames, useRoomName } from './useCallNames';
import styles from './Calls.module.css';

function statusText(session: CallSession, call: Call | null, others: number): string | null {
  if (session.status === 'starting') return 'Starting the call…';
  if (session.status === 'joining') return 'Joining…';
  if (session.status === 'rejoining') return 'Reconnecting…';
  if (call?.state === 'ringing' && others === 0) return 'Ringing…';
  if (others === 0) return 'Waiting for others to join…';
  return null;
}

/** The call screen: everyone's tiles (the active speaker highlighted), the timer and the controls. */
export function CallView({ session }: { session: CallSession }) {
  const store = useCallStore();
  const call = useCalls(sessionCall);
  const peers = useCalls((s) => s.peers);
  const speaker = useCalls((s) => s.activeSpeaker);
  const remote = useMemo(
    () => (call?.participants ?? []).filter((p) => (session.deviceId ? p.deviceId !== session.deviceId : p.userId !== store.user.id)),
    [call, session.deviceId, store.user.id],
  );
  useCallMediaVersion();
  const names = useMemberNames(session.roomId);
  const roomName = useRoomName(session.roomId);
  const media = store.currentMedia;
  const streams = new Map((media?.connections() ?? []).map((c) => [c.deviceId, c.remoteStream]));
  const status = statusText(session, call, remote.length);
  const since = toMillis(call?.answeredAt) ?? null;
  const localVideo = session.sharing || (!session.cameraOff && !session.videoPaused && media?.hasCamera === true);

  return (
    <section className={styles.callView} aria-label={`Call in ${roomName}`} data-testid="call-view">
      <header className={styles.callHeader}>
        <div className={styles.callTitle}>
          <span className={styles.callRoom}>{roomName}</span>
          <span className={styles.callStatus}>
            {status ?? <CallTimer since={since} />}
          </span>
        </div>
        <button type="button" className={styles.barButton} onClick={() => store.setView('bar')} aria-label="Back to chat" title="Back to chat">
          <CallIcon name="minimize" size={18} />
          <span className={styles.barButtonText}>Back to chat</span>
        </button>
      </header>
      {(session.notice || session.videoPaused) && (
        <div className={styles.notice} role="status" data-testid="call-notice">
          <span>{session.notice ?? 'Video is off: your connection can’t carry it right now.'}</span>
          {session.videoPaused && (
            <button type="button" className={styles.noticeButton} onClick={() => void store.controls.resumeVideo()}>
              Turn video back on
            </button>
          )}
          {session.notice && !session.videoPaused && (
            <button type="button" className={styles.noticeButton} onClick={() => store.dismissNotice()}>
              OK
            </button>
          )}
        </div>
      )}
      <div className={styles.grid} data-count={remote.length + 1}>
        {remote.map((p) => (
          <CallTile
            key={p.deviceId}
            deviceId={p.deviceId}
            name={names(p.userId, p.username)}
            stream={streams.get(p.deviceId) ?? null}
            muted={p.muted}
            showVideo={!p.cameraOff && (streams.get(p.deviceId)?.getVideoTracks().length ?? 0) > 0}
            speaking={speaker === p.deviceId}
            peer={peers[p.deviceId]}
            sinkId={store.speakerDevice}
          />
        ))}
        <CallTile
          deviceId={session.deviceId ?? 'local'}
          name="You"
          stream={media?.preview ?? null}
          local
          sharing={session.sharing}
          muted={session.muted}
          showVideo={localVideo}
          speaking={speaker !== null && speaker === session.deviceId}
        />
      </div>
      <CallControls session={session} />
    </section>
  );
}
