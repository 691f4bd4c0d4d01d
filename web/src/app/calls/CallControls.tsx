import { useState } from 'react';
import { useCallStore } from '../../calls/CallContext';
import type { CallSession } from '../../calls/callState';
import { describeError } from '../../realtime/describeError';
import { useToast } from '../../ui/Toast';
import { CallIcon, type CallIconName } from './CallIcon';
import { DevicePicker } from './DevicePicker';
import styles from './Calls.module.css';

function Control({ icon, label, onClick, active = false, danger = false }: { icon: CallIconName; label: string; onClick: () => void; active?: boolean; danger?: boolean }) {
  return (
    <button
      type="button"
      className={`${styles.roundButton} ${active ? styles.controlOff : ''} ${danger ? styles.decline : ''}`}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <CallIcon name={icon} />
    </button>
  );
}

const canShareScreen = () => typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/** The call's buttons: microphone, camera, screen, devices and leaving. */
export function CallControls({ session }: { session: CallSession }) {
  const store = useCallStore();
  const toast = useToast();
  const [picking, setPicking] = useState(false);
  const run = (action: () => Promise<void>) => () => void action().catch((error: unknown) => toast(describeError(error), 'error'));
  const cameraShown = !session.cameraOff && !session.videoPaused;

  return (
    <div className={styles.controls} role="toolbar" aria-label="Call controls">
      <Control icon={session.muted ? 'micOff' : 'mic'} label={session.muted ? 'Unmute' : 'Mute'} active={session.muted} onClick={run(() => store.controls.toggleMute())} />
      <Control
        icon={cameraShown ? 'video' : 'videoOff'}
        label={cameraShown ? 'Turn camera off' : 'Turn camera on'}
        active={!cameraShown}
        onClick={run(() => (session.videoPaused && !session.cameraOff ? store.controls.resumeVideo() : store.controls.toggleCamera()))}
      />
      {canShareScreen() && (
        <Control icon="screen" label={session.sharing ? 'Stop sharing' : 'Share screen'} active={session.sharing} onClick={run(() => store.controls.toggleShare())} />
      )}
      <Control icon="settings" label="Devices" onClick={() => setPicking(true)} />
      <Control icon="hangUp" label="Leave call" danger onClick={run(() => store.leave())} />
      {picking && <DevicePicker onClose={() => setPicking(false)} />}
    </div>
  );
}
