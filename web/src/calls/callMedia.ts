/**
 * The media of this tab's call: its own microphone, camera and screen, the transport that carries
 * them to the other participants, and the measuring loop that adapts what is sent and reports how
 * each link is doing. Outlives a reconnect of the signalling socket: the tracks stay, only the
 * transport is made anew for the new device.
 *
 * Invariants: the video sent is the screen while sharing, else the camera unless it is off or
 * video is paused for the connection; audio is sent only while unmuted; every track this object
 * obtained is stopped by `close`.
 */
import { acquireLocalMedia, captureScreen, mediaNotice, switchDevice } from './localMedia';
import { MeshTransport } from './meshTransport';
import type { PeerStatus } from './callState';
import type { IceServerSource } from './iceServers';
import { adapt, ceilingLevel, INITIAL_ADAPTATION, pickActiveSpeaker, qualityLevel, SEND_LEVELS, type AdaptationState, type LinkSample } from './quality';
import type { CallTransport, MediaKind, ParticipantConnection, SignalKind } from './transport';
import type { CallKind, CallParticipant, RelayedSignal } from './types';

export const MEASURE_INTERVAL_MS = 2_000;

export interface CallMediaOptions {
  kind: CallKind;
  iceServers: IceServerSource;
  iceTransportPolicy: RTCIceTransportPolicy;
  send(kind: SignalKind, to: { userId: number; deviceId: string }, body: RTCSessionDescriptionInit | RTCIceCandidateInit): void;
  /** Streams or tracks changed: re-read them. */
  onMediaChange(): void;
  onPeerStatus(deviceId: string, status: Partial<PeerStatus>): void;
  onSpeaker(deviceId: string | null): void;
  /** The connection cannot carry video any more; video was stopped. */
  onVideoPaused(): void;
}

export class CallMedia {
  readonly preview = new MediaStream();
  audio: MediaStreamTrack | null = null;
  camera: MediaStreamTrack | null = null;
  screen: MediaStreamTrack | null = null;
  private muted = false;
  private cameraOff = false;
  private videoPaused = false;
  private transport: CallTransport | null = null;
  private participants = 0;
  private myDeviceId: string | null = null;
  private adaptation: AdaptationState = INITIAL_ADAPTATION;
  private speaker: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private readonly stopIce: () => void;

  constructor(private readonly options: CallMediaOptions) {
    this.stopIce = options.iceServers.onChange((servers) => this.transport?.setIceServers(servers));
  }

  /** Asks for the devices; answers what the person should know about missing ones. */
  async acquire(choice: { audioInput?: string; videoInput?: string } = {}): Promise<string | null> {
    const media = await acquireLocalMedia(this.options.kind, choice);
    if (this.closed) {
      media.audio?.stop();
      media.video?.stop();
      return null;
    }
    this.audio = media.audio;
    this.camera = media.video;
    this.cameraOff = !media.video;
    this.muted = !media.audio;
    this.updatePreview();
    return mediaNotice(media, this.options.kind);
  }

  get hasAudio(): boolean {
    return this.audio !== null;
  }

  get hasCamera(): boolean {
    return this.camera !== null;
  }

  private sentVideo(): MediaStreamTrack | null {
    if (this.screen) return this.screen;
    return this.cameraOff || this.videoPaused ? null : this.camera;
  }

  private sentAudio(): MediaStreamTrack | null {
    return this.muted ? null : this.audio;
  }

  /** A new transport for this device (first join, or a rejoin with a new socket), offering to everyone already there. */
  connect(myDeviceId: string, remote: readonly CallParticipant[]): void {
    this.transport?.close();
    if (this.closed) return;
    this.myDeviceId = myDeviceId;
    this.transport = new MeshTransport({
      myDeviceId,
      iceServers: this.options.iceServers.current(),
      iceTransportPolicy: this.options.iceTransportPolicy,
      localStream: this.preview,
      tracks: { audio: this.sentAudio(), video: this.sentVideo() },
      send: this.options.send,
      events: { changed: () => this.options.onMediaChange() },
    });
    this.follow(remote, true);
    this.startMeasuring();
  }

  /** The call's participant list changed. */
  follow(remote: readonly CallParticipant[], initiate = false): void {
    this.participants = remote.length + 1;
    this.transport?.setParticipants(remote, initiate);
    void this.applyLevel();
  }

  handleSignal(kind: SignalKind, signal: RelayedSignal): void {
    this.transport?.handleSignal(kind, signal);
  }

  restartIce(): void {
    this.transport?.restartIce();
  }

  connections(): ParticipantConnection[] {
    return this.transport?.connections() ?? [];
  }

  async setMuted(muted: boolean): Promise<void> {
    if (!muted && !this.audio) {
      this.audio = await switchDevice('audio', '');
    }
    this.muted = muted;
    if (this.audio) this.audio.enabled = !muted;
    await this.transport?.setLocalTrack('audio', this.sentAudio());
  }

  /** Turns the camera off (and releases it) or on (asking for it again). */
  async setCameraOff(off: boolean): Promise<void> {
    if (off) {
      this.camera?.stop();
      this.camera = null;
    } else if (!this.camera) {
      this.camera = await switchDevice('video', '');
    }
    this.cameraOff = off;
    this.videoPaused = false;
    this.updatePreview();
    await this.sendVideo();
  }

  async startShare(onEnded: () => void): Promise<void> {
    const screen = await captureScreen();
    this.screen?.stop();
    this.screen = screen;
    screen.addEventListener('ended', onEnded, { once: true });
    this.updatePreview();
    await this.sendVideo();
  }

  async stopShare(): Promise<void> {
    this.screen?.stop();
    this.screen = null;
    this.updatePreview();
    await this.sendVideo();
  }

  async resumeVideo(): Promise<void> {
    this.videoPaused = false;
    this.adaptation = { ...INITIAL_ADAPTATION, level: SEND_LEVELS.length - 2 };
    await this.applyLevel();
    await this.sendVideo();
  }

  /** Uses another microphone or camera. */
  async selectInput(kind: MediaKind, deviceId: string): Promise<void> {
    const track = await switchDevice(kind, deviceId);
    if (kind === 'audio') {
      this.audio?.stop();
      this.audio = track;
      track.enabled = !this.muted;
      await this.transport?.setLocalTrack('audio', this.sentAudio());
    } else {
      this.camera?.stop();
      this.camera = track;
      this.cameraOff = false;
      this.updatePreview();
      await this.sendVideo();
    }
  }

  private async sendVideo(): Promise<void> {
    await this.transport?.setLocalTrack('video', this.sentVideo());
    this.options.onMediaChange();
  }

  private updatePreview(): void {
    const video = this.screen ?? (this.cameraOff ? null : this.camera);
    for (const track of this.preview.getTracks()) if (track !== video) this.preview.removeTrack(track);
    if (video && !this.preview.getTracks().includes(video)) this.preview.addTrack(video);
    this.options.onMediaChange();
  }

  private async applyLevel(): Promise<void> {
    const level = SEND_LEVELS[Math.max(this.adaptation.level, ceilingLevel(this.participants))]!;
    const sharing = this.screen !== null;
    await this.transport?.setSendLevel(sharing ? { ...level, scaleResolutionDownBy: 1, maxFramerate: 15 } : level);
  }

  private startMeasuring(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.measure(), MEASURE_INTERVAL_MS);
  }

  private async measure(): Promise<void> {
    const connections = this.connections();
    const results = await Promise.all(connections.map(async (c) => ({ c, m: await c.measure().catch(() => null) })));
    if (this.closed) return;
    const levels: Record<string, number> = {};
    let worst: LinkSample = { loss: null, rttMs: null };
    let own = 0;
    for (const { c, m } of results) {
      if (!m) continue;
      levels[c.deviceId] = m.audioLevel;
      if (!this.muted) own = Math.max(own, m.sentAudioLevel);
      this.options.onPeerStatus(c.deviceId, { connection: c.status, quality: qualityLevel(m), rttMs: m.rttMs, loss: m.loss });
      if (c.status !== 'connected') continue;
      worst = { loss: maxOf(worst.loss, m.loss), rttMs: maxOf(worst.rttMs, m.rttMs) };
    }
    if (this.myDeviceId) levels[this.myDeviceId] = own;
    this.speaker = pickActiveSpeaker(levels, this.speaker);
    this.options.onSpeaker(this.speaker);
    if (!this.sentVideo() || this.screen) return;
    const before = this.adaptation;
    this.adaptation = adapt(before, worst, this.participants);
    if (this.adaptation.level !== before.level) await this.applyLevel();
    if (this.adaptation.videoPaused && !this.videoPaused) {
      this.videoPaused = true;
      await this.sendVideo();
      this.options.onVideoPaused();
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.stopIce();
    this.transport?.close();
    this.transport = null;
    for (const track of [this.audio, this.camera, this.screen]) track?.stop();
  }
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
