import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settle } from '../test/manualClock';
import { AckFailure } from '../realtime/ack';
import { ClientEvents, ServerEvents } from '../realtime/events';
import { FakeConnection } from '../test/fakeConnection';
import type { CallApi } from './callApi';
import type { CallMediaOptions } from './callMedia';
import { CallStore, type CallMediaPort } from './CallStore';
import type { Call, CallParticipant } from './types';

const ME = { id: 1, username: 'me', email: 'me@example.com', displayName: 'Me', createdAt: 0 };

function participant(userId: number, deviceId: string): CallParticipant {
  return { userId, username: `u${userId}`, deviceId, joinedAt: 0, muted: false, cameraOff: false };
}

function call(participants: CallParticipant[], extra: Partial<Call> = {}): Call {
  return { id: 'c1', roomId: 7, kind: 'video', state: 'active', startedBy: 2, createdAt: 0, answeredAt: 1, participants, ...extra };
}

/** Records what the store asks of a call's media. */
function fakeMedia() {
  const log: string[] = [];
  const made: CallMediaOptions[] = [];
  const create = (options: CallMediaOptions): CallMediaPort => {
    made.push(options);
    return {
      preview: {} as MediaStream,
      audio: null,
      camera: null,
      hasAudio: true,
      hasCamera: true,
      acquire: async () => null,
      connect: (deviceId, remote) => void log.push(`connect ${deviceId} -> [${remote.map((p) => p.deviceId).join(',')}]`),
      follow: (remote) => void log.push(`follow [${remote.map((p) => p.deviceId).join(',')}]`),
      handleSignal: (kind, signal) => void log.push(`signal ${kind} from ${signal.from.deviceId}`),
      restartIce: () => void log.push('restart ice'),
      connections: () => [],
      setMuted: async (muted) => void log.push(`muted ${muted}`),
      setCameraOff: async () => undefined,
      startShare: async () => undefined,
      stopShare: async () => undefined,
      resumeVideo: async () => undefined,
      selectInput: async () => undefined,
      close: () => void log.push('close'),
    };
  };
  return { log, made, create };
}

describe('the calls store', () => {
  let connection: FakeConnection;
  let media: ReturnType<typeof fakeMedia>;
  let roomCall: Call | null;
  let store: CallStore;

  beforeEach(() => {
    vi.stubGlobal('window', { addEventListener: () => undefined, removeEventListener: () => undefined, localStorage: { getItem: () => null } });
    vi.stubGlobal('navigator', {});
    connection = new FakeConnection();
    media = fakeMedia();
    roomCall = null;
    const api: CallApi = { iceServers: async () => ({ iceServers: [], ttl: 3600 }), roomCall: async () => roomCall };
    store = new CallStore({ connection, api, user: ME, createMedia: media.create });
    store.start();
  });

  afterEach(() => {
    store.stop();
    vi.unstubAllGlobals();
  });

  it('starts a call, then follows who joins', async () => {
    connection.answer = (event) => (event === ClientEvents.callStart ? call([participant(1, 'dev-me')], { state: 'ringing', startedBy: 1 }) : true);
    await store.startCall(7, 'video');
    expect(connection.sentOf(ClientEvents.callStart)).toEqual([{ roomId: 7, kind: 'video' }]);
    expect(store.getState().session).toMatchObject({ callId: 'c1', deviceId: 'dev-me', status: 'in-call' });
    expect(media.log).toEqual(['connect dev-me -> []']);

    connection.serverSends(ServerEvents.callUpdated, call([participant(1, 'dev-me'), participant(2, 'dev-b')]));
    expect(media.log).toContain('follow [dev-b]');
  });

  it('joins the call already in progress when the room has one', async () => {
    connection.answer = (event) => {
      if (event === ClientEvents.callStart) throw new AckFailure({ code: 'call_in_progress', message: 'busy room', fields: { callId: 'c1' } });
      return call([participant(2, 'dev-b'), participant(1, 'dev-me')]);
    };
    await store.startCall(7, 'audio');
    expect(connection.sentOf(ClientEvents.callAccept)).toEqual([{ callId: 'c1', muted: false, cameraOff: false }]);
    expect(media.log).toEqual(['connect dev-me -> [dev-b]']);
  });

  it('passes on signals for its own call only', async () => {
    connection.answer = () => call([participant(2, 'dev-b'), participant(1, 'dev-me')]);
    connection.serverSends(ServerEvents.callRinging, call([participant(2, 'dev-b')], { state: 'ringing' }));
    expect(store.getState().incoming).toBe('c1');
    await store.accept('c1');
    connection.serverSends(ServerEvents.videoCallOffer, { roomId: 7, callId: 'other', from: { userId: 3, username: 'x', deviceId: 'dev-x' }, offer: {} });
    connection.serverSends(ServerEvents.iceCandidate, { roomId: 7, callId: 'c1', from: { userId: 2, username: 'b', deviceId: 'dev-b' }, candidate: {} });
    expect(media.log.filter((line) => line.startsWith('signal'))).toEqual(['signal candidate from dev-b']);
  });

  it('addresses its signals to one device of the call', async () => {
    connection.answer = () => call([participant(2, 'dev-b'), participant(1, 'dev-me')]);
    connection.serverSends(ServerEvents.callRinging, call([participant(2, 'dev-b')], { state: 'ringing' }));
    await store.accept('c1');
    media.made[0]!.send('offer', { userId: 2, deviceId: 'dev-b' }, { type: 'offer', sdp: 'v=0' });
    expect(connection.sentOf(ClientEvents.videoCallOffer)).toEqual([
      { roomId: 7, callId: 'c1', to: 2, toDevice: 'dev-b', offer: { type: 'offer', sdp: 'v=0' } },
    ]);
  });

  it('rejoins on a new socket when the server still has the call', async () => {
    connection.answer = () => call([participant(2, 'dev-b'), participant(1, 'dev-me')]);
    connection.serverSends(ServerEvents.callRinging, call([participant(2, 'dev-b')], { state: 'ringing' }));
    await store.accept('c1');
    connection.drop();
    expect(store.getState().session?.status).toBe('rejoining');

    roomCall = call([participant(2, 'dev-b'), participant(1, 'dev-me')]);
    connection.answer = () => call([participant(2, 'dev-b'), participant(1, 'dev-me-2')]);
    connection.reconnect(false);
    await settle();
    expect(connection.sentOf(ClientEvents.callAccept)).toHaveLength(2);
    expect(store.getState().session).toMatchObject({ status: 'in-call', deviceId: 'dev-me-2' });
    expect(media.log).toEqual(['connect dev-me -> [dev-b]', 'connect dev-me-2 -> [dev-b]']);
  });

  it('restarts ICE only when the socket was recovered', async () => {
    connection.answer = () => call([participant(2, 'dev-b'), participant(1, 'dev-me')]);
    connection.serverSends(ServerEvents.callRinging, call([participant(2, 'dev-b')], { state: 'ringing' }));
    await store.accept('c1');
    connection.drop();
    connection.reconnect(true);
    await settle();
    expect(connection.sentOf(ClientEvents.callAccept)).toHaveLength(1);
    expect(store.getState().session?.status).toBe('in-call');
    expect(media.log).toContain('restart ice');
  });

  it('ends the call here when the server no longer has it after a reconnect', async () => {
    connection.answer = () => call([participant(2, 'dev-b'), participant(1, 'dev-me')]);
    connection.serverSends(ServerEvents.callRinging, call([participant(2, 'dev-b')], { state: 'ringing' }));
    await store.accept('c1');
    connection.drop();
    roomCall = null;
    connection.reconnect(false);
    await settle();
    expect(store.getState().session).toBeNull();
    expect(media.log.at(-1)).toBe('close');
  });

  it('leaves when everyone else has left, and releases the media', async () => {
    connection.answer = (event) => (event === ClientEvents.callAccept ? call([participant(2, 'dev-b'), participant(1, 'dev-me')]) : true);
    connection.serverSends(ServerEvents.callRinging, call([participant(2, 'dev-b')], { state: 'ringing' }));
    await store.accept('c1');
    connection.serverSends(ServerEvents.callUpdated, call([participant(1, 'dev-me')]));
    await settle();
    expect(connection.sentOf(ClientEvents.callLeave)).toEqual([{ callId: 'c1' }]);
    expect(store.getState().session).toBeNull();
    expect(media.log.at(-1)).toBe('close');
  });

  it('announces mute to the others', async () => {
    connection.answer = (event) => (event === ClientEvents.callAccept ? call([participant(2, 'dev-b'), participant(1, 'dev-me')]) : true);
    connection.serverSends(ServerEvents.callRinging, call([participant(2, 'dev-b')], { state: 'ringing' }));
    await store.accept('c1');
    await store.controls.toggleMute();
    expect(media.log).toContain('muted true');
    expect(connection.sentOf(ClientEvents.callMedia)).toEqual([{ callId: 'c1', muted: true, cameraOff: false }]);
  });

  it('forgets the session when the server refuses the call', async () => {
    connection.answer = () => {
      throw new AckFailure({ code: 'busy', message: 'You are in another call.' });
    };
    await expect(store.startCall(7, 'video')).rejects.toThrow('another call');
    expect(store.getState().session).toBeNull();
    expect(media.log).toEqual(['close']);
  });
});
