import { describe, expect, it } from 'vitest';
import { callsReducer, initialCallsState, joinableCall, remoteParticipants, type CallsAction, type CallsState } from './callState';
import type { Call, CallParticipant } from './types';

const ME = 1;
const ALICE = 2;
const BOB = 3;

function participant(userId: number, deviceId: string, extra: Partial<CallParticipant> = {}): CallParticipant {
  return { userId, username: `u${userId}`, deviceId, joinedAt: 1000, muted: false, cameraOff: false, ...extra };
}

function call(extra: Partial<Call> = {}): Call {
  return { id: 'call-1', roomId: 10, kind: 'video', state: 'ringing', startedBy: ALICE, createdAt: 1000, participants: [participant(ALICE, 'dev-a')], ...extra };
}

function run(...actions: CallsAction[]): CallsState {
  return actions.reduce(callsReducer, initialCallsState(ME));
}

const starting = (callId: string | null = null, roomId = 10): CallsAction => ({
  type: 'sessionStarting',
  roomId,
  kind: 'video',
  callId,
  muted: false,
  cameraOff: false,
  now: 5000,
});

describe('calls reducer', () => {
  it('rings for a call someone else started, and keeps it as the room’s call', () => {
    const state = run({ type: 'callHeard', call: call(), ringing: true });
    expect(state.incoming).toBe('call-1');
    expect(joinableCall(state, 10)?.id).toBe('call-1');
  });

  it('does not ring for a call I started on another device, nor for a plain update', () => {
    expect(run({ type: 'callHeard', call: call({ startedBy: ME, participants: [participant(ME, 'other')] }), ringing: true }).incoming).toBeNull();
    expect(run({ type: 'callHeard', call: call() }).incoming).toBeNull();
  });

  it('stops ringing when I answered on another device, when I decline, and when the call ends', () => {
    const ringing = run({ type: 'callHeard', call: call(), ringing: true });
    const answeredElsewhere = callsReducer(ringing, {
      type: 'callHeard',
      call: call({ state: 'active', participants: [participant(ALICE, 'dev-a'), participant(ME, 'phone')] }),
    });
    expect(answeredElsewhere.incoming).toBeNull();

    const declined = callsReducer(ringing, { type: 'declined', callId: 'call-1' });
    expect(declined.incoming).toBeNull();
    // A repeated ring of a declined call stays quiet.
    expect(callsReducer(declined, { type: 'callHeard', call: call(), ringing: true }).incoming).toBeNull();

    const ended = callsReducer(ringing, { type: 'callEnded', ended: { callId: 'call-1', roomId: 10, reason: 'missed' } });
    expect(ended.incoming).toBeNull();
    expect(ended.calls[10]).toBeUndefined();
  });

  it('does not ring while this tab is in a call', () => {
    const state = run(starting(null, 99), { type: 'callHeard', call: call(), ringing: true });
    expect(state.incoming).toBeNull();
    expect(joinableCall(state, 10)?.id).toBe('call-1');
  });

  it('starts a session, joins with the device the server gave, and lists the others', () => {
    const joinedCall = call({ state: 'active', participants: [participant(ALICE, 'dev-a'), participant(ME, 'dev-me')] });
    const state = run({ type: 'callHeard', call: call(), ringing: true }, starting('call-1'), { type: 'sessionJoined', call: joinedCall, deviceId: 'dev-me' });
    expect(state.incoming).toBeNull();
    expect(state.session).toMatchObject({ callId: 'call-1', status: 'in-call', deviceId: 'dev-me', view: 'full' });
    expect(remoteParticipants(state).map((p) => p.deviceId)).toEqual(['dev-a']);
    expect(joinableCall(state, 10)).toBeNull();
  });

  it('forgets the status of devices that left the call and closes the session when the call ends', () => {
    const joinedCall = call({ state: 'active', participants: [participant(ALICE, 'dev-a'), participant(BOB, 'dev-b'), participant(ME, 'dev-me')] });
    let state = run(starting('call-1'), { type: 'sessionJoined', call: joinedCall, deviceId: 'dev-me' });
    state = callsReducer(state, { type: 'peerStatus', deviceId: 'dev-a', status: { connection: 'connected', quality: 'good' } });
    state = callsReducer(state, { type: 'peerStatus', deviceId: 'dev-b', status: { connection: 'connected' } });
    state = callsReducer(state, { type: 'activeSpeaker', deviceId: 'dev-b' });
    state = callsReducer(state, { type: 'callHeard', call: { ...joinedCall, participants: [participant(ALICE, 'dev-a'), participant(ME, 'dev-me')] } });
    expect(Object.keys(state.peers)).toEqual(['dev-a']);
    expect(state.activeSpeaker).toBeNull();

    state = callsReducer(state, { type: 'callEnded', ended: { callId: 'call-1', roomId: 10, reason: 'completed', durationMs: 61_000 } });
    expect(state.session).toBeNull();
    expect(state.peers).toEqual({});
    expect(state.lastEnded).toMatchObject({ reason: 'completed', durationMs: 61_000 });
  });

  it('ignores a call_ended for another call and media switches without a session', () => {
    const state = run(starting('call-1'), { type: 'callEnded', ended: { callId: 'other', roomId: 10, reason: 'completed' } });
    expect(state.session?.callId).toBe('call-1');
    const idle = initialCallsState(ME);
    expect(callsReducer(idle, { type: 'switches', switches: { muted: true } })).toBe(idle);
  });

  it('changes nothing for switches that are already so, and marks the session while rejoining', () => {
    const state = run(starting('call-1'));
    expect(callsReducer(state, { type: 'switches', switches: { muted: false } })).toBe(state);
    const muted = callsReducer(state, { type: 'switches', switches: { muted: true, view: 'bar' } });
    expect(muted.session).toMatchObject({ muted: true, view: 'bar' });
    expect(callsReducer(muted, { type: 'sessionRejoining' }).session?.status).toBe('rejoining');
  });

  it('drops a room’s call that the server no longer has', () => {
    const state = run({ type: 'callHeard', call: call({ state: 'active' }) }, { type: 'roomCallGone', roomId: 10 });
    expect(state.calls[10]).toBeUndefined();
    expect(run({ type: 'roomCallGone', roomId: 10 })).toEqual(initialCallsState(ME));
  });

  it('keeps the call as ended record out of the rooms’ calls', () => {
    const state = run({ type: 'callHeard', call: call({ state: 'active' }) }, { type: 'callHeard', call: call({ state: 'ended', endReason: 'completed' }) });
    expect(state.calls[10]).toBeUndefined();
  });
});
