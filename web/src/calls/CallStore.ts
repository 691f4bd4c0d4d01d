/**
 * The calls feature over the tab's realtime connection: what calls exist and ring (through
 * `callsReducer`), and this tab's own call — starting, accepting, declining, leaving, its media
 * switches, and its media (`CallMedia`). It registers with the connection before the connection
 * starts, like every feature store, and after a connection the server could not recover it
 * rejoins its call if the server still has it (`GET /api/rooms/{id}/call`).
 *
 * Invariants: this tab is in at most one call; media exists exactly while the state has a
 * session (closing the session releases the camera and microphone); the ring plays exactly while
 * a call is incoming; signals reach the media only for the session's call.
 */
import type { User } from '../api/types';
import { AckFailure } from '../realtime/ack';
import { ClientEvents, type ClientEvent } from '../realtime/events';
import type { Realtime } from '../realtime/RealtimeConnection';
import type { CallApi } from './callApi';
import { listenToCalls } from './callEvents';
import { CallMedia, type CallMediaOptions } from './callMedia';
import { CallSwitches, type CallMediaPort } from './callSwitches';
import { remoteParticipants, sessionCall, type CallsState } from './callState';
import { CallsStateStore } from './callsStateStore';
import { IceServerSource } from './iceServers';
import { offerTargets } from './negotiation';
import { Ringtone } from './ringtone';
import type { SignalKind } from './transport';
import type { Call, CallKind, RelayedSignal } from './types';

/** Set to "true" in localStorage to send media only through the TURN relay (hides this device's addresses). */
export const RELAY_ONLY_KEY = 'parley.callRelayOnly';

const SIGNAL_EVENTS: Record<SignalKind, ClientEvent> = {
  offer: ClientEvents.videoCallOffer,
  answer: ClientEvents.videoCallAnswer,
  candidate: ClientEvents.iceCandidate,
};

export interface CallStoreOptions {
  connection: Realtime;
  api: CallApi;
  user: User;
  /** Makes a call's media; `CallMedia` by default. */
  createMedia?: (options: CallMediaOptions) => CallMediaPort;
}

export type { CallMediaPort } from './callSwitches';

export class CallStore {
  readonly user: User;
  /** Mute, camera, screen, devices and video after a pause: the session's switches. */
  readonly controls: CallSwitches;
  private readonly state: CallsStateStore;
  private readonly connection: Realtime;
  private readonly api: CallApi;
  private readonly ice: IceServerSource;
  private readonly ringtone = new Ringtone();
  private readonly mediaListeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];
  private media: CallMediaPort | null = null;
  private readonly createMedia: (options: CallMediaOptions) => CallMediaPort;
  private mediaVersion = 0;
  private followedCall: Call | null = null;
  private hadCompany = false;
  private speakerId = '';

  constructor(options: CallStoreOptions) {
    this.user = options.user;
    this.connection = options.connection;
    this.api = options.api;
    this.state = new CallsStateStore(options.user.id);
    this.ice = new IceServerSource(() => this.api.iceServers());
    this.createMedia = options.createMedia ?? ((media) => new CallMedia(media));
    this.controls = new CallSwitches({
      state: this.state,
      connection: this.connection,
      media: () => this.media,
      mediaChanged: () => this.mediaChanged(),
    });
  }

  readonly getState = (): CallsState => this.state.getState();
  readonly subscribe = (listener: () => void): (() => void) => this.state.subscribe(listener);

  /** Streams and tracks change outside the state (they are not data): this counts the changes. */
  readonly getMediaVersion = (): number => this.mediaVersion;
  readonly subscribeMedia = (listener: () => void): (() => void) => {
    this.mediaListeners.add(listener);
    return () => this.mediaListeners.delete(listener);
  };

  get currentMedia(): CallMediaPort | null {
    return this.media;
  }

  get speakerDevice(): string {
    return this.speakerId;
  }

  start(): void {
    const connection = this.connection;
    const onNetworkChange = () => this.media?.restartIce();
    const networkInfo = (navigator as Navigator & { connection?: EventTarget }).connection;
    window.addEventListener('online', onNetworkChange);
    networkInfo?.addEventListener?.('change', onNetworkChange);
    this.cleanups.push(
      this.state.subscribe(() => this.reconcile()),
      listenToCalls(connection, { dispatch: this.state.dispatch, signal: (kind, signal) => this.signalled(kind, signal) }),
      connection.onDisconnect(() => this.state.dispatch({ type: 'sessionRejoining' })),
      connection.onConnect(({ recovered }) => void this.reconnected(recovered)),
      () => window.removeEventListener('online', onNetworkChange),
      () => networkInfo?.removeEventListener?.('change', onNetworkChange),
    );
  }

  stop(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.closeMedia();
    this.ringtone.stop();
    this.state.clear();
    this.mediaListeners.clear();
  }

  // ---- what the person does ----------------------------------------------------------------

  /** Starts a call in the room, or joins the one already in progress there. */
  async startCall(roomId: number, kind: CallKind): Promise<void> {
    if (this.getState().session) return;
    this.state.dispatch({ type: 'sessionStarting', roomId, kind, callId: null, muted: false, cameraOff: kind === 'audio', now: Date.now() });
    try {
      await this.prepareMedia(kind);
      let call: Call;
      try {
        call = await this.connection.request<Call>(ClientEvents.callStart, { roomId, kind });
      } catch (error) {
        const existing = error instanceof AckFailure && error.code === 'call_in_progress' ? error.fields.callId : undefined;
        if (!existing) throw error;
        call = await this.requestAccept(existing);
      }
      this.joined(call);
    } catch (error) {
      this.state.dispatch({ type: 'sessionClosed' });
      throw error;
    }
  }

  /** Accepts a ringing call, or joins one in progress. */
  async accept(callId: string): Promise<void> {
    const call = Object.values(this.getState().calls).find((c) => c.id === callId);
    if (!call || this.getState().session) return;
    this.state.dispatch({ type: 'sessionStarting', roomId: call.roomId, kind: call.kind, callId, muted: false, cameraOff: call.kind === 'audio', now: Date.now() });
    try {
      await this.prepareMedia(call.kind);
      this.joined(await this.requestAccept(callId));
    } catch (error) {
      this.state.dispatch({ type: 'sessionClosed' });
      throw error;
    }
  }

  async decline(callId: string): Promise<void> {
    this.state.dispatch({ type: 'declined', callId });
    await this.connection.request(ClientEvents.callDecline, { callId });
  }

  async leave(): Promise<void> {
    const session = this.getState().session;
    if (!session) return;
    this.state.dispatch({ type: 'sessionClosed' });
    if (session.callId) await this.connection.request(ClientEvents.callLeave, { callId: session.callId }).catch(() => undefined);
  }

  /** Where remote audio plays (`setSinkId`); the tiles follow `speakerDevice`. */
  selectSpeaker(deviceId: string): void {
    this.speakerId = deviceId;
    this.mediaChanged();
  }

  setView(view: 'full' | 'bar'): void {
    this.state.dispatch({ type: 'switches', switches: { view } });
  }

  dismissNotice(): void {
    this.state.dispatch({ type: 'switches', switches: { notice: null } });
  }

  /** Asks the server whether the room has a call in progress (opening a room, after a reload). */
  async refreshRoomCall(roomId: number): Promise<void> {
    const call = await this.api.roomCall(roomId);
    if (call) this.state.dispatch({ type: 'callHeard', call });
    else this.state.dispatch({ type: 'roomCallGone', roomId });
  }

  // ---- the call's life ---------------------------------------------------------------------

  private async prepareMedia(kind: CallKind): Promise<void> {
    this.closeMedia();
    const policy: RTCIceTransportPolicy = readFlag(RELAY_ONLY_KEY) ? 'relay' : 'all';
    const media = this.createMedia({
      kind,
      iceServers: this.ice,
      iceTransportPolicy: policy,
      send: (signalKind, to, body) => this.sendSignal(signalKind, to, body),
      onMediaChange: () => this.mediaChanged(),
      onPeerStatus: (deviceId, status) => this.state.dispatch({ type: 'peerStatus', deviceId, status }),
      onSpeaker: (deviceId) => this.state.dispatch({ type: 'activeSpeaker', deviceId }),
      onVideoPaused: () =>
        this.controls.apply({ videoPaused: true, notice: 'Your connection can’t carry video right now, so it was turned off. Audio goes on.' }),
    });
    this.media = media;
    const [notice] = await Promise.all([media.acquire(), this.ice.start()]);
    if (this.media !== media) throw new AckFailure({ code: 'cancelled', message: 'The call was left.' });
    this.state.dispatch({ type: 'switches', switches: { notice, muted: !media.hasAudio, cameraOff: !media.hasCamera } });
  }

  private requestAccept(callId: string): Promise<Call> {
    const session = this.getState().session;
    return this.connection.request<Call>(ClientEvents.callAccept, { callId, muted: session?.muted ?? false, cameraOff: session?.cameraOff ?? false });
  }

  /** The server took this device into the call: offer to everyone already there. */
  private joined(call: Call): void {
    const deviceId = call.participants.find((p) => p.userId === this.user.id)?.deviceId ?? null;
    const others = deviceId ? offerTargets(call, deviceId) : [];
    this.followedCall = call;
    this.hadCompany = others.length > 0;
    this.state.dispatch({ type: 'sessionJoined', call, deviceId });
    if (deviceId && this.media) this.media.connect(deviceId, others);
  }

  private async reconnected(recovered: boolean): Promise<void> {
    const session = this.getState().session;
    if (!session?.callId || session.status !== 'rejoining') return;
    const call = sessionCall(this.getState());
    if (recovered && call) {
      this.state.dispatch({ type: 'sessionJoined', call, deviceId: session.deviceId });
      this.media?.restartIce();
      return;
    }
    try {
      const current = await this.api.roomCall(session.roomId);
      if (!current || current.id !== session.callId) {
        this.state.dispatch({ type: 'callEnded', ended: { callId: session.callId, roomId: session.roomId, reason: 'completed' } });
        return;
      }
      this.joined(await this.requestAccept(session.callId));
    } catch (error) {
      console.warn('Could not rejoin the call', error);
      this.state.dispatch({ type: 'sessionClosed' });
    }
  }

  private signalled(kind: SignalKind, signal: RelayedSignal): void {
    const session = this.getState().session;
    if (!session?.callId || !this.media) return;
    if (signal.callId ? signal.callId !== session.callId : signal.roomId !== session.roomId) return;
    this.media.handleSignal(kind, signal);
  }

  private sendSignal(kind: SignalKind, to: { userId: number; deviceId: string }, body: RTCSessionDescriptionInit | RTCIceCandidateInit): void {
    const session = this.getState().session;
    if (!session?.callId) return;
    const payload = { roomId: session.roomId, callId: session.callId, to: to.userId, toDevice: to.deviceId, [kind]: body };
    this.connection.request(SIGNAL_EVENTS[kind], payload).catch((error: unknown) => console.warn(`Could not send the call's ${kind}`, error));
  }

  /** Keeps media, ring and the followed participant list in line with the state. */
  private reconcile(): void {
    const state = this.getState();
    if (state.incoming) this.ringtone.start();
    else this.ringtone.stop();
    if (!state.session) {
      this.closeMedia();
      return;
    }
    const call = sessionCall(state);
    if (!call || call === this.followedCall || !this.media || state.session.status !== 'in-call') return;
    this.followedCall = call;
    const remote = remoteParticipants(state);
    this.media.follow(remote);
    if (remote.length > 0) this.hadCompany = true;
    else if (this.hadCompany && call.state === 'active') void this.leave();
  }

  private closeMedia(): void {
    if (!this.media) return;
    this.media.close();
    this.media = null;
    this.followedCall = null;
    this.ice.stop();
    this.mediaChanged();
  }

  private mediaChanged(): void {
    this.mediaVersion += 1;
    for (const listener of [...this.mediaListeners]) listener();
  }
}

function readFlag(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === 'true';
  } catch {
    return false;
  }
}
