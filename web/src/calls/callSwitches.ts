/**
 * The switches of this tab's call: microphone, camera, screen, input devices, and video after the
 * connection paused it. Each changes the media first and then the session's state, and tells the
 * other participants (`call_media`) what they should show: muted, and camera off unless a screen
 * is shared.
 *
 * Invariants: a switch without a session or media does nothing; the state never claims a track
 * the media could not start (a failed switch throws before the state changes).
 */
import { ClientEvents } from '../realtime/events';
import type { Realtime } from '../realtime/RealtimeConnection';
import type { CallMedia } from './callMedia';
import type { SessionSwitches } from './callState';
import type { CallsStateStore } from './callsStateStore';
import type { MediaKind } from './transport';

/** What the store uses of a call's media (tests pass a fake). */
export type CallMediaPort = Pick<
  CallMedia,
  | 'preview'
  | 'audio'
  | 'camera'
  | 'hasAudio'
  | 'hasCamera'
  | 'acquire'
  | 'connect'
  | 'follow'
  | 'handleSignal'
  | 'restartIce'
  | 'connections'
  | 'setMuted'
  | 'setCameraOff'
  | 'startShare'
  | 'stopShare'
  | 'resumeVideo'
  | 'selectInput'
  | 'close'
>;

export interface CallSwitchesDeps {
  state: CallsStateStore;
  connection: Realtime;
  media(): CallMediaPort | null;
  mediaChanged(): void;
}

export class CallSwitches {
  constructor(private readonly deps: CallSwitchesDeps) {}

  async toggleMute(): Promise<void> {
    const session = this.deps.state.getState().session;
    const media = this.deps.media();
    if (!session || !media) return;
    const muted = !session.muted;
    await media.setMuted(muted);
    this.apply({ muted });
  }

  async toggleCamera(): Promise<void> {
    const session = this.deps.state.getState().session;
    const media = this.deps.media();
    if (!session || !media) return;
    const cameraOff = !session.cameraOff;
    if (session.sharing) await media.stopShare();
    await media.setCameraOff(cameraOff);
    this.apply({ cameraOff, sharing: false, videoPaused: false });
  }

  async toggleShare(): Promise<void> {
    const session = this.deps.state.getState().session;
    const media = this.deps.media();
    if (!session || !media) return;
    if (session.sharing) {
      await media.stopShare();
      this.apply({ sharing: false });
      return;
    }
    await media.startShare(() => {
      if (this.deps.state.getState().session?.sharing) void this.toggleShare();
    });
    this.apply({ sharing: true });
  }

  async resumeVideo(): Promise<void> {
    const media = this.deps.media();
    if (!media) return;
    await media.resumeVideo();
    this.apply({ videoPaused: false, notice: null });
  }

  async selectInput(kind: MediaKind, deviceId: string): Promise<void> {
    await this.deps.media()?.selectInput(kind, deviceId);
    if (kind === 'video') this.apply({ cameraOff: false });
    this.deps.mediaChanged();
  }

  /** Changes the session's switches, and announces those the others see. */
  apply(switches: SessionSwitches): void {
    const { state, connection } = this.deps;
    state.dispatch({ type: 'switches', switches });
    const session = state.getState().session;
    if (!session?.callId || !('muted' in switches || 'cameraOff' in switches || 'sharing' in switches || 'videoPaused' in switches)) return;
    const cameraOff = (session.cameraOff || session.videoPaused) && !session.sharing;
    connection
      .request(ClientEvents.callMedia, { callId: session.callId, muted: session.muted, cameraOff })
      .catch((error: unknown) => console.warn('Could not announce the media switches', error));
  }
}
