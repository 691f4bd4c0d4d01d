/**
 * The mesh implementation of `CallTransport`: one `MeshLink` (RTCPeerConnection) per remote
 * device, each sent every local track. Fits small calls (the server caps a call at a handful of
 * participants); upload grows with every participant, which is why the send level drops as the
 * call grows.
 *
 * Invariants: at most one link per remote device; a link exists for a device that is in the
 * participant list or has offered to us (its offer may come before the list naming it); a device
 * that was listed and no longer is has no link.
 */
import { isPolite } from './negotiation';
import { MeshLink } from './meshLink';
import type { SendLevel } from './quality';
import type { CallTransport, MediaKind, ParticipantConnection, SignalKind, TransportEvents } from './transport';
import type { CallParticipant, RelayedSignal } from './types';

export interface MeshOptions {
  myDeviceId: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  localStream: MediaStream;
  tracks: Record<MediaKind, MediaStreamTrack | null>;
  /** Sends one signal to one device. */
  send(kind: SignalKind, to: { userId: number; deviceId: string }, body: RTCSessionDescriptionInit | RTCIceCandidateInit): void;
  events: TransportEvents;
}

export class MeshTransport implements CallTransport {
  private readonly links = new Map<string, MeshLink>();
  /** Devices seen in a participant list; a link to one that offered before being listed stays. */
  private readonly listed = new Set<string>();
  private iceServers: RTCIceServer[];
  private level: SendLevel | null = null;
  private closed = false;

  constructor(private readonly options: MeshOptions) {
    this.iceServers = options.iceServers;
  }

  setParticipants(remote: readonly CallParticipant[], initiate: boolean): void {
    if (this.closed) return;
    const present = new Set(remote.map((p) => p.deviceId));
    for (const deviceId of present) this.listed.add(deviceId);
    for (const [deviceId, link] of this.links) {
      if (!present.has(deviceId) && this.listed.has(deviceId)) {
        link.close();
        this.links.delete(deviceId);
      }
    }
    if (initiate) for (const participant of remote) this.link(participant.deviceId, participant.userId, true);
    this.options.events.changed();
  }

  private link(deviceId: string, userId: number, initiator: boolean): MeshLink {
    const existing = this.links.get(deviceId);
    if (existing) return existing;
    const link = new MeshLink({
      deviceId,
      userId,
      polite: isPolite(this.options.myDeviceId, deviceId),
      initiator,
      configuration: { iceServers: this.iceServers, iceTransportPolicy: this.options.iceTransportPolicy },
      tracks: { ...this.options.tracks },
      localStream: this.options.localStream,
      signals: { send: (kind, body) => this.options.send(kind, { userId, deviceId }, body) },
      onChange: () => this.options.events.changed(),
    });
    if (this.level) void link.setSendLevel(this.level);
    this.links.set(deviceId, link);
    return link;
  }

  async setLocalTrack(kind: MediaKind, track: MediaStreamTrack | null): Promise<void> {
    this.options.tracks[kind] = track;
    await Promise.all([...this.links.values()].map((link) => link.setTrack(kind, track)));
  }

  async setSendLevel(level: SendLevel): Promise<void> {
    this.level = level;
    await Promise.all([...this.links.values()].map((link) => link.setSendLevel(level)));
  }

  setIceServers(servers: RTCIceServer[]): void {
    this.iceServers = servers;
    for (const link of this.links.values()) link.setIceServers(servers);
  }

  restartIce(): void {
    for (const link of this.links.values()) link.restartIce();
  }

  handleSignal(kind: SignalKind, signal: RelayedSignal): void {
    const deviceId = signal.from.deviceId;
    if (this.closed || !deviceId) return;
    const body = kind === 'offer' ? signal.offer : kind === 'answer' ? signal.answer : signal.candidate;
    // A device that joined after us offers first; anything else from an unknown device is stale.
    const link = kind === 'offer' ? this.link(deviceId, signal.from.userId, false) : this.links.get(deviceId);
    if (kind === 'offer' && link) this.options.events.changed();
    link?.receive(kind, body);
  }

  connections(): ParticipantConnection[] {
    return [...this.links.values()];
  }

  close(): void {
    this.closed = true;
    for (const link of this.links.values()) link.close();
    this.links.clear();
  }
}
