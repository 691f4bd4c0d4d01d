/**
 * Shapes of the call protocol (docs/protocol.md, calls): the server's call record, what it
 * announces about calls, and the signals relayed between two devices. Times are as the server
 * sends them (milliseconds since the epoch); `toMillis` also reads ISO strings.
 */
import type { UserId } from '../api/types';

export type CallKind = 'audio' | 'video';
export type CallPhase = 'ringing' | 'active' | 'ended';
export type CallEndReason = 'completed' | 'missed' | 'declined' | 'failed';

/** A device (one socket) in a call; a user is in a call on one device at a time. */
export interface CallParticipant {
  userId: UserId;
  username: string;
  deviceId: string;
  joinedAt: number | string;
  muted: boolean;
  cameraOff: boolean;
}

export interface Call {
  id: string;
  roomId: number;
  kind: CallKind;
  state: CallPhase;
  startedBy: UserId;
  createdAt: number | string;
  answeredAt?: number | string | null;
  endedAt?: number | string | null;
  endReason?: CallEndReason | null;
  participants: CallParticipant[];
}

/** `call_ended`. */
export interface CallEnded {
  callId: string;
  roomId: number;
  reason: CallEndReason;
  durationMs?: number | null;
}

/** The sender of a relayed signal. */
export interface SignalSender {
  userId: UserId;
  username: string;
  deviceId?: string;
}

/** A relayed `video_call_offer`, `video_call_answer` or `ice_candidate`. */
export interface RelayedSignal {
  roomId: number;
  callId?: string;
  from: SignalSender;
  offer?: RTCSessionDescriptionInit;
  answer?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit | null;
}

/** `GET /api/calls/ice-servers`: where to find STUN and TURN, valid for `ttl` seconds. */
export interface IceServersResponse {
  iceServers: RTCIceServer[];
  ttl: number;
}

export function toMillis(time: number | string | null | undefined): number | null {
  if (time === null || time === undefined) return null;
  if (typeof time === 'number') return time;
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? null : parsed;
}

/** "m:ss" under an hour, "h:mm:ss" from then on. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
