import { useEffect, useState } from 'react';
import { useCallStore } from '../../calls/CallContext';
import { canChooseSpeaker, listDevices, type MediaDevices } from '../../calls/localMedia';
import { describeError } from '../../realtime/describeError';
import { Dialog } from '../../ui/Dialog';
import { useToast } from '../../ui/Toast';
import styles from './Calls.module.css';

/** Chooses the microphone, camera and (where the browser allows) speaker of the call. */
export function DevicePicker({ onClose }: { onClose: () => void }) {
  const store = useCallStore();
  const toast = useToast();
  const [devices, setDevices] = useState<MediaDevices | null>(null);
  const media = store.currentMedia;
  const current = {
    audio: media?.audio?.getSettings().deviceId ?? '',
    video: media?.camera?.getSettings().deviceId ?? '',
  };

  useEffect(() => {
    let live = true;
    listDevices().then(
      (found) => live && setDevices(found),
      () => live && setDevices({ audioInputs: [], videoInputs: [], audioOutputs: [] }),
    );
    return () => {
      live = false;
    };
  }, []);

  const choose = (kind: 'audio' | 'video', deviceId: string) => store.controls.selectInput(kind, deviceId).catch((error: unknown) => toast(describeError(error), 'error'));

  return (
    <Dialog title="Devices" onClose={onClose} variant="sheet">
      <div className={styles.devices}>
        <label className={styles.deviceField}>
          Microphone
          <select value={current.audio} onChange={(e) => void choose('audio', e.target.value)} disabled={!devices?.audioInputs.length}>
            {!devices?.audioInputs.length && <option value="">No microphone found</option>}
            {devices?.audioInputs.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `Microphone ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.deviceField}>
          Camera
          <select value={current.video} onChange={(e) => void choose('video', e.target.value)} disabled={!devices?.videoInputs.length}>
            {!current.video && <option value="">{devices?.videoInputs.length ? 'Camera off' : 'No camera found'}</option>}
            {devices?.videoInputs.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `Camera ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        {canChooseSpeaker() && (
          <label className={styles.deviceField}>
            Speaker
            <select value={store.speakerDevice} onChange={(e) => store.selectSpeaker(e.target.value)}>
              <option value="">System default</option>
              {devices?.audioOutputs
                .filter((d) => d.deviceId !== 'default')
                .map((d, i) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label || `Speaker ${i + 1}`}
                  </option>
                ))}
            </select>
          </label>
        )}
      </div>
    </Dialog>
  );
}
