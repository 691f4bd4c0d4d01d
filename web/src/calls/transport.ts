/**
 * The seam between a call and how its media travels. The calls store speaks only to a
 * `CallTransport` ("send these tracks, at this quality, to these participants") and reads a
 * `ParticipantConnection` per remote device ("their media, how the link is doing"). The mesh
 * (`MeshTransport`: one RTCPeerConnection per remote device) is today's implementation; a media
 * server (SFU) would be another: one connection to the server that sends each local track once and
 * hands out one ParticipantConnection per participant it forwards, with the same signalling
 * events addressed to the server's device.
 *
 * Invariants: a transport holds one ParticipantConnection per device passed to `setParticipants`
 * (or that offered to it) and none for a device that left; local tracks and the send level apply
 * to every connection, present and future; after `close` it sends and holds nothing.
 */
import type { SendLevel } from './quality';
import type { CallParticipant, RelayedSignal } from './types';

export type MediaKind = 'audio' | 'video';
export type LinkStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed';
export type SignalKind = 'offer' | 'answer' | 'candidate';

/** One measurement of a link, since the previous one. */
export interface LinkMeasurement {
  rttMs: number | null;
  /** Fraction of packets lost in either direction since the previous measurement. */
  loss: number | null;
  /** The remote participant's audio level, 0..1. */
  audioLevel: number;
  /** This device's own audio level as sent on this link, 0..1 (0 while muted). */
  sentAudioLevel: number;
}

/** What the call knows of one remote participant's device. */
export interface ParticipantConnection {
  readonly deviceId: string;
  readonly userId: number;
  /** Their audio and video as it arrives (tracks are added as they come). */
  readonly remoteStream: MediaStream;
  readonly status: LinkStatus;
  measure(): Promise<LinkMeasurement>;
  /** The raw statistics (for diagnostics and tests). */
  stats(): Promise<RTCStatsReport>;
}

export interface TransportEvents {
  /** A connection was added, lost its media or changed status: re-read `connections()`. */
  changed(): void;
}

export interface CallTransport {
  /**
   * Follows the call's participant list (this device excluded). `initiate`: this device has just
   * joined and opens the connections (offers) to everyone listed.
   */
  setParticipants(remote: readonly CallParticipant[], initiate: boolean): void;
  /** Sends `track` as this device's audio or video (null: send nothing of that kind). */
  setLocalTrack(kind: MediaKind, track: MediaStreamTrack | null): Promise<void>;
  /** How to send video: resolution, bitrate and frame rate caps. */
  setSendLevel(level: SendLevel): Promise<void>;
  setIceServers(servers: RTCIceServer[]): void;
  /** Renegotiates every connection's network path (after a network change). */
  restartIce(): void;
  handleSignal(kind: SignalKind, signal: RelayedSignal): void;
  connections(): ParticipantConnection[];
  close(): void;
}
