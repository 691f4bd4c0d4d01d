/**
 * One RTCPeerConnection to one remote device, negotiated the "perfect negotiation" way: either
 * side may (re)negotiate at any time, and on glare the impolite side's offer wins
 * (`negotiation.ts` decides). The initiator adds one audio and one video transceiver; the other
 * side reuses those the offer created, so local tracks only ever change by `replaceTrack` and
 * never need another negotiation. ICE restarts when the connection fails, or stays disconnected
 * for `DISCONNECTED_GRACE_MS`.
 *
 * Invariants: signals are applied one at a time in arrival order; only offers and answers this
 * side decided to accept are applied, and candidates of an ignored offer are dropped quietly;
 * after `close` nothing is sent.
 */
import { answerExpected, decideOnDescription } from './negotiation';
import { lossBetween, type SendLevel } from './quality';
import type { LinkMeasurement, LinkStatus, MediaKind, ParticipantConnection, SignalKind } from './transport';

export const DISCONNECTED_GRACE_MS = 2_500;

export interface LinkSignals {
  send(kind: SignalKind, body: RTCSessionDescriptionInit | RTCIceCandidateInit): void;
}

export interface MeshLinkOptions {
  deviceId: string;
  userId: number;
  polite: boolean;
  initiator: boolean;
  configuration: RTCConfiguration;
  tracks: Record<MediaKind, MediaStreamTrack | null>;
  localStream: MediaStream;
  signals: LinkSignals;
  onChange: () => void;
}

interface Counters {
  lost: number;
  received: number;
}

export class MeshLink implements ParticipantConnection {
  readonly deviceId: string;
  readonly userId: number;
  readonly remoteStream = new MediaStream();
  status: LinkStatus = 'connecting';
  private readonly pc: RTCPeerConnection;
  private readonly polite: boolean;
  private readonly options: MeshLinkOptions;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private attached: boolean;
  private closed = false;
  private chain: Promise<void> = Promise.resolve();
  private disconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private lastCounters = new Map<string, Counters>();
  private sendLevel: SendLevel | null = null;

  constructor(options: MeshLinkOptions) {
    this.options = options;
    this.deviceId = options.deviceId;
    this.userId = options.userId;
    this.polite = options.polite;
    this.pc = new RTCPeerConnection(options.configuration);
    this.listen();
    this.attached = options.initiator;
    if (options.initiator) {
      for (const kind of ['audio', 'video'] as const) {
        this.pc.addTransceiver(options.tracks[kind] ?? kind, { direction: 'sendrecv', streams: [options.localStream] });
      }
    }
  }

  private listen(): void {
    const pc = this.pc;
    pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        if (pc.localDescription && !this.closed) this.options.signals.send('offer', pc.localDescription.toJSON());
      } catch (error) {
        if (!this.closed) console.warn('Could not offer a connection', error);
      } finally {
        this.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate && !this.closed) this.options.signals.send('candidate', candidate.toJSON());
    };
    pc.ontrack = ({ track }) => {
      for (const old of this.remoteStream.getTracks()) if (old.kind === track.kind && old !== track) this.remoteStream.removeTrack(old);
      if (!this.remoteStream.getTracks().includes(track)) this.remoteStream.addTrack(track);
      this.options.onChange();
    };
    pc.onconnectionstatechange = () => this.followState();
    pc.oniceconnectionstatechange = () => {
      const state = pc.iceConnectionState;
      if (state === 'failed') this.restartIce();
      if (state === 'disconnected' && !this.disconnectTimer) {
        this.disconnectTimer = setTimeout(() => {
          this.disconnectTimer = null;
          if (pc.iceConnectionState === 'disconnected') this.restartIce();
        }, DISCONNECTED_GRACE_MS);
      }
    };
  }

  private followState(): void {
    const state = this.pc.connectionState;
    const status: LinkStatus =
      state === 'connected' ? 'connected' : state === 'disconnected' ? 'reconnecting' : state === 'failed' ? 'failed' : 'connecting';
    if (status === this.status) return;
    this.status = status;
    if (status === 'failed') this.restartIce();
    // Encodings exist once negotiated: a level set before then applies now.
    if (status === 'connected' && this.sendLevel) void this.applySendLevel(this.sendLevel);
    this.options.onChange();
  }

  /** Applies a relayed offer, answer or candidate, after those before it. */
  receive(kind: SignalKind, body: RTCSessionDescriptionInit | RTCIceCandidateInit | null | undefined): void {
    if (!body) return;
    this.enqueue(() => (kind === 'candidate' ? this.addCandidate(body as RTCIceCandidateInit) : this.applyDescription(body as RTCSessionDescriptionInit)));
  }

  private async applyDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const pc = this.pc;
    if (description.type === 'answer' && !answerExpected(pc.signalingState)) return;
    const decision = decideOnDescription(description.type, {
      polite: this.polite,
      makingOffer: this.makingOffer,
      signalingState: pc.signalingState,
      settingRemoteAnswer: this.settingRemoteAnswer,
    });
    this.ignoreOffer = decision === 'ignore';
    if (this.ignoreOffer) return;
    this.settingRemoteAnswer = description.type === 'answer';
    try {
      await pc.setRemoteDescription(description);
    } finally {
      this.settingRemoteAnswer = false;
    }
    if (description.type !== 'offer') return;
    if (!this.attached) await this.attachToOffer();
    await pc.setLocalDescription();
    if (pc.localDescription) this.options.signals.send('answer', pc.localDescription.toJSON());
  }

  /** The answering side: send on the transceivers the first offer created. */
  private async attachToOffer(): Promise<void> {
    this.attached = true;
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind as MediaKind;
      transceiver.direction = 'sendrecv';
      await transceiver.sender.replaceTrack(this.options.tracks[kind]);
      transceiver.sender.setStreams?.(this.options.localStream);
    }
    if (this.sendLevel) void this.applySendLevel(this.sendLevel);
  }

  private async addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      if (!this.ignoreOffer) console.warn('A network candidate could not be used', error);
    }
  }

  async setTrack(kind: MediaKind, track: MediaStreamTrack | null): Promise<void> {
    this.options.tracks[kind] = track;
    if (!this.attached) return;
    const transceiver = this.transceiver(kind);
    if (transceiver) await transceiver.sender.replaceTrack(track);
  }

  async setSendLevel(level: SendLevel): Promise<void> {
    this.sendLevel = level;
    if (this.attached) await this.applySendLevel(level);
  }

  private async applySendLevel(level: SendLevel): Promise<void> {
    const sender = this.transceiver('video')?.sender;
    if (!sender) return;
    const parameters = sender.getParameters();
    if (!parameters.encodings?.length) return; // not negotiated yet: applied after the answer
    for (const encoding of parameters.encodings) {
      encoding.maxBitrate = level.maxBitrate;
      encoding.scaleResolutionDownBy = level.scaleResolutionDownBy;
      encoding.maxFramerate = level.maxFramerate;
    }
    try {
      await sender.setParameters(parameters);
    } catch (error) {
      console.warn('The video quality could not be changed', error);
    }
  }

  private transceiver(kind: MediaKind): RTCRtpTransceiver | undefined {
    return this.pc.getTransceivers().find((t) => t.receiver.track.kind === kind && t.currentDirection !== 'stopped');
  }

  setIceServers(servers: RTCIceServer[]): void {
    try {
      this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers: servers });
    } catch (error) {
      console.warn('The relay servers could not be updated', error);
    }
  }

  restartIce(): void {
    if (!this.closed) this.pc.restartIce();
  }

  stats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
  }

  async measure(): Promise<LinkMeasurement> {
    const report = await this.pc.getStats();
    let rttMs: number | null = null;
    let loss: number | null = null;
    let audioLevel = 0;
    let sentAudioLevel = 0;
    const worse = (value: number | null) => {
      if (value !== null) loss = Math.max(loss ?? 0, value);
    };
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type === 'candidate-pair' && stat.nominated && stat.state === 'succeeded' && typeof stat.currentRoundTripTime === 'number') {
        rttMs = stat.currentRoundTripTime * 1000;
      }
      if (stat.type === 'inbound-rtp') {
        const now = { lost: Number(stat.packetsLost ?? 0), received: Number(stat.packetsReceived ?? 0) };
        worse(lossBetween(this.lastCounters.get(String(stat.id)) ?? null, now));
        this.lastCounters.set(String(stat.id), now);
        if (stat.kind === 'audio' && typeof stat.audioLevel === 'number') audioLevel = stat.audioLevel;
      }
      if (stat.type === 'remote-inbound-rtp' && typeof stat.fractionLost === 'number') worse(stat.fractionLost);
      if (stat.type === 'media-source' && stat.kind === 'audio' && typeof stat.audioLevel === 'number') sentAudioLevel = stat.audioLevel;
    });
    return { rttMs, loss, audioLevel, sentAudioLevel };
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      if (!this.closed) console.warn('Call negotiation failed', error);
    });
  }

  close(): void {
    this.closed = true;
    if (this.disconnectTimer) clearTimeout(this.disconnectTimer);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.close();
  }
}
