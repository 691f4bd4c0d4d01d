/**
 * Everything the calls feature shows, in one immutable `CallsState` changed only by
 * `callsReducer`: the calls in progress per room (for "Join call"), the call ringing for this
 * person, this tab's own call (its session) with its media switches, and per remote device its
 * connection status and measured quality.
 *
 * Invariants: `calls` holds only calls that are ringing or active; `incoming` names a call in
 * `calls` that this person neither started, declined nor joined, and is null while this tab is in
 * a call; `session.callId` is null only while `call_start` is unanswered; `peers` holds only
 * devices of the session's call other than this one.
 */
import type { UserId } from '../api/types';
import type { Call, CallEnded, CallKind, CallParticipant } from './types';

export type SessionStatus = 'starting' | 'joining' | 'in-call' | 'rejoining';
export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';
export type PeerConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface CallSession {
  callId: string | null;
  roomId: number;
  kind: CallKind;
  status: SessionStatus;
  /** This tab's device in the call (its socket id), once the server answered. */
  deviceId: string | null;
  muted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  /** Video was stopped because the connection could not carry it. */
  videoPaused: boolean;
  /** What the person should know about their devices (a refused permission, no camera). */
  notice: string | null;
  /** The full call screen, or the small bar while reading other rooms. */
  view: 'full' | 'bar';
  /** When this tab joined (ms), for the timer when the call has no answer time yet. */
  joinedAt: number | null;
}

export interface PeerStatus {
  connection: PeerConnectionStatus;
  quality: QualityLevel;
  rttMs: number | null;
  /** Fraction of packets lost in the last interval, 0..1. */
  loss: number | null;
}

export interface CallsState {
  me: UserId;
  calls: Record<number, Call>;
  incoming: string | null;
  declined: readonly string[];
  session: CallSession | null;
  peers: Record<string, PeerStatus>;
  activeSpeaker: string | null;
  lastEnded: CallEnded | null;
}

export type SessionSwitches = Partial<Pick<CallSession, 'muted' | 'cameraOff' | 'sharing' | 'videoPaused' | 'notice' | 'view'>>;

export type CallsAction =
  /** A call record from `call_ringing` (ringing: true), `call_updated`, an ack or REST. */
  | { type: 'callHeard'; call: Call; ringing?: boolean }
  /** The server has no call in this room (REST 404). */
  | { type: 'roomCallGone'; roomId: number }
  | { type: 'callEnded'; ended: CallEnded }
  | { type: 'declined'; callId: string }
  | { type: 'sessionStarting'; roomId: number; kind: CallKind; callId: string | null; muted: boolean; cameraOff: boolean; now: number }
  | { type: 'sessionJoined'; call: Call; deviceId: string | null }
  | { type: 'sessionRejoining' }
  | { type: 'sessionClosed' }
  | { type: 'switches'; switches: SessionSwitches }
  | { type: 'peerStatus'; deviceId: string; status: Partial<PeerStatus> }
  | { type: 'activeSpeaker'; deviceId: string | null };

export function initialCallsState(me: UserId): CallsState {
  return { me, calls: {}, incoming: null, declined: [], session: null, peers: {}, activeSpeaker: null, lastEnded: null };
}

const NEW_PEER: PeerStatus = { connection: 'connecting', quality: 'unknown', rttMs: null, loss: null };

export function callsReducer(state: CallsState, action: CallsAction): CallsState {
  switch (action.type) {
    case 'callHeard':
      return heard(state, action.call, action.ringing ?? false);
    case 'roomCallGone': {
      const call = state.calls[action.roomId];
      if (!call) return state;
      return heard(state, { ...call, state: 'ended' }, false);
    }
    case 'callEnded': {
      const { ended } = action;
      const call = state.calls[ended.roomId];
      let next = state;
      if (call && call.id === ended.callId) next = { ...next, calls: without(next.calls, ended.roomId) };
      if (next.incoming === ended.callId) next = { ...next, incoming: null };
      if (next.session?.callId === ended.callId) next = { ...closed(next), lastEnded: ended };
      return next;
    }
    case 'declined':
      return {
        ...state,
        incoming: state.incoming === action.callId ? null : state.incoming,
        declined: state.declined.includes(action.callId) ? state.declined : [...state.declined.slice(-19), action.callId],
      };
    case 'sessionStarting':
      return {
        ...state,
        incoming: null,
        peers: {},
        activeSpeaker: null,
        session: {
          callId: action.callId,
          roomId: action.roomId,
          kind: action.kind,
          status: action.callId ? 'joining' : 'starting',
          deviceId: null,
          muted: action.muted,
          cameraOff: action.cameraOff,
          sharing: false,
          videoPaused: false,
          notice: null,
          view: 'full',
          joinedAt: action.now,
        },
      };
    case 'sessionJoined': {
      const session = state.session;
      if (!session || session.roomId !== action.call.roomId) return state;
      const joined: CallSession = { ...session, callId: action.call.id, kind: action.call.kind, status: 'in-call', deviceId: action.deviceId };
      return heard({ ...state, session: joined, incoming: null }, action.call, false);
    }
    case 'sessionRejoining':
      return state.session ? { ...state, session: { ...state.session, status: 'rejoining' } } : state;
    case 'sessionClosed':
      return state.session ? closed(state) : state;
    case 'switches': {
      const session = state.session;
      if (!session) return state;
      const entries = Object.entries(action.switches) as [keyof SessionSwitches, unknown][];
      if (entries.every(([key, value]) => session[key] === value)) return state;
      return { ...state, session: { ...session, ...action.switches } };
    }
    case 'peerStatus': {
      if (!state.session) return state;
      const before = state.peers[action.deviceId] ?? NEW_PEER;
      const after = { ...before, ...action.status };
      if (samePeer(before, after) && state.peers[action.deviceId]) return state;
      return { ...state, peers: { ...state.peers, [action.deviceId]: after } };
    }
    case 'activeSpeaker':
      return state.activeSpeaker === action.deviceId ? state : { ...state, activeSpeaker: action.deviceId };
  }
}

function heard(state: CallsState, call: Call, ringing: boolean): CallsState {
  const live = call.state !== 'ended';
  const calls = live ? { ...state.calls, [call.roomId]: call } : state.calls[call.roomId]?.id === call.id ? without(state.calls, call.roomId) : state.calls;
  let incoming = state.incoming;
  const mine = call.startedBy === state.me || call.participants.some((p) => p.userId === state.me);
  if (incoming === call.id && (!live || mine)) incoming = null;
  if (ringing && live && call.state === 'ringing' && !mine && !state.session && !state.declined.includes(call.id)) incoming = call.id;
  let next: CallsState = { ...state, calls, incoming };
  const session = state.session;
  if (session && session.callId === call.id) {
    if (!live) return closed(next);
    const others = new Set(call.participants.filter((p) => p.deviceId !== session.deviceId).map((p) => p.deviceId));
    const peers = Object.fromEntries(Object.entries(next.peers).filter(([deviceId]) => others.has(deviceId)));
    const speaker = next.activeSpeaker && (others.has(next.activeSpeaker) || next.activeSpeaker === session.deviceId) ? next.activeSpeaker : null;
    next = { ...next, peers, activeSpeaker: speaker };
  }
  return next;
}

function closed(state: CallsState): CallsState {
  return { ...state, session: null, peers: {}, activeSpeaker: null };
}

function without<T>(record: Record<number, T>, key: number): Record<number, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

function samePeer(a: PeerStatus, b: PeerStatus): boolean {
  return a.connection === b.connection && a.quality === b.quality && a.rttMs === b.rttMs && a.loss === b.loss;
}

// ---- selectors ----------------------------------------------------------------------------

/** The call of this tab's session, as last heard. */
export function sessionCall(state: CallsState): Call | null {
  const session = state.session;
  if (!session?.callId) return null;
  const call = state.calls[session.roomId];
  return call && call.id === session.callId ? call : null;
}

/** The other devices in this tab's call. */
export function remoteParticipants(state: CallsState): CallParticipant[] {
  const call = sessionCall(state);
  const mine = state.session?.deviceId;
  return call ? call.participants.filter((p) => p.deviceId !== mine && !(mine === null && p.userId === state.me)) : [];
}

/** A call in this room that this tab could join: in progress and not already this tab's. */
export function joinableCall(state: CallsState, roomId: number): Call | null {
  const call = state.calls[roomId];
  if (!call || call.state === 'ended') return null;
  if (state.session?.callId === call.id) return null;
  return call;
}
