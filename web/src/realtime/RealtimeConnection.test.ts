import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import { AckFailure } from './ack';
import { ClientEvents, ServerEvents } from './events';
import { RealtimeConnection, type TokenSession } from './RealtimeConnection';

type Listener = (...args: unknown[]) => void;

/** Just enough of a socket.io-client Socket for the connection, driven by the test. */
class FakeSocket {
  connected = false;
  active = true;
  recovered = false;
  connects = 0;
  readonly emitted: { event: string; payload: unknown }[] = [];
  answer: (event: string, payload: unknown) => unknown = () => ({ ok: true });
  private readonly listeners = new Map<string, Listener[]>();
  private anyListeners: Listener[] = [];

  constructor(readonly auth: (cb: (data: object) => void) => void) {}

  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  onAny(listener: Listener) {
    this.anyListeners.push(listener);
    return this;
  }
  offAny() {
    this.anyListeners = [];
    return this;
  }
  removeAllListeners() {
    this.listeners.clear();
    return this;
  }
  connect() {
    this.connects += 1;
    return this;
  }
  disconnect() {
    if (this.connected) this.drop('io client disconnect');
    this.active = false;
    return this;
  }
  emit(event: string, payload: unknown, ack?: (response: unknown) => void) {
    this.emitted.push({ event, payload });
    ack?.(this.answer(event, payload));
    return this;
  }
  timeout() {
    return {
      emit: (event: string, payload: unknown, ack: (error: Error | null, response: unknown) => void) => {
        this.emitted.push({ event, payload });
        ack(null, this.answer(event, payload));
      },
    };
  }

  // ---- what the server and the network do ----
  open(recovered = false) {
    this.connected = true;
    this.recovered = recovered;
    this.fire('connect');
  }
  drop(reason: string) {
    this.connected = false;
    this.fire('disconnect', reason);
  }
  refuse(message: string) {
    this.active = false;
    this.fire('connect_error', new Error(message));
  }
  serverSends(event: string, ...args: unknown[]) {
    for (const listener of this.anyListeners) listener(event, ...args);
  }
  private fire(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

function fakeSession(): TokenSession & { tokens: string[] } {
  const tokens = ['t1'];
  return {
    tokens,
    getAccessToken: vi.fn(async () => tokens.at(-1)!),
    refresh: vi.fn(async () => {
      tokens.push(`t${tokens.length + 1}`);
      return { accessToken: tokens.at(-1)!, refreshToken: 'r', user: {} } as never;
    }),
    expire: vi.fn(),
    signOut: vi.fn(async () => undefined),
  };
}

describe('RealtimeConnection', () => {
  let network: EventTarget & { onLine?: boolean };
  let socket: FakeSocket;
  let session: ReturnType<typeof fakeSession>;
  let connection: RealtimeConnection;

  beforeEach(() => {
    network = new EventTarget();
    vi.stubGlobal('window', network);
    vi.stubGlobal('navigator', { onLine: true });
    session = fakeSession();
    connection = new RealtimeConnection({
      session,
      createSocket: (_url, options) => {
        socket = new FakeSocket(options.auth as (cb: (data: object) => void) => void);
        return socket as unknown as Socket;
      },
    });
  });

  afterEach(() => {
    connection.stop();
    vi.unstubAllGlobals();
  });

  it('authenticates with the current access token', async () => {
    connection.start();
    const data = await new Promise<object>((resolve) => socket.auth(resolve));
    expect(data).toEqual({ token: 't1' });
  });

  it('hands server events and connections to the features that registered before it started', () => {
    const heard: unknown[] = [];
    const connects: boolean[] = [];
    const stop = connection.on(ServerEvents.receiveMessage, (message: unknown) => heard.push(message));
    connection.onConnect(({ recovered }) => connects.push(recovered));
    connection.start();
    socket.open();
    socket.serverSends(ServerEvents.receiveMessage, { seq: 1 }, 'offset');
    socket.serverSends('not_an_event', { seq: 2 });
    stop();
    socket.serverSends(ServerEvents.receiveMessage, { seq: 3 });
    socket.drop('transport close');
    socket.open(true);
    expect(heard).toEqual([{ seq: 1 }]);
    expect(connects).toEqual([false, true]);
  });

  it('resolves a request with the ack’s ok and rejects with its error', async () => {
    connection.start();
    socket.open();
    socket.answer = (event) =>
      event === ClientEvents.sync ? { ok: { rooms: [], gone: [] } } : { error: { code: 'forbidden', message: 'No.' } };
    await expect(connection.request(ClientEvents.sync, { rooms: {} })).resolves.toEqual({ rooms: [], gone: [] });
    const refused = connection.request(ClientEvents.joinRoom, 5);
    await expect(refused).rejects.toBeInstanceOf(AckFailure);
    await expect(refused).rejects.toMatchObject({ code: 'forbidden', message: 'No.' });
  });

  it('renews a refused token and connects again', async () => {
    connection.start();
    await new Promise<object>((resolve) => socket.auth(resolve));
    socket.refuse('unauthorized');
    await vi.waitFor(() => expect(socket.connects).toBe(1));
    expect(session.refresh).toHaveBeenCalledWith('t1');
    expect(connection.getState()).toBe('reconnecting');
  });

  it('reports its state, telling listeners only of changes', () => {
    const states: string[] = [];
    connection.subscribeState(() => states.push(connection.getState()));
    connection.start();
    expect(connection.getState()).toBe('connecting');
    socket.open();
    socket.drop('transport close');
    socket.drop('transport close');
    network.dispatchEvent(new Event('offline'));
    expect(states).toEqual(['online', 'reconnecting', 'offline']);
  });

  it('drops the socket when the browser goes offline and tells the features', () => {
    let disconnects = 0;
    connection.onDisconnect(() => (disconnects += 1));
    connection.start();
    socket.open();
    vi.stubGlobal('navigator', { onLine: false });
    network.dispatchEvent(new Event('offline'));
    expect(socket.connected).toBe(false);
    expect(disconnects).toBe(1);
    expect(connection.getState()).toBe('offline');
  });

  it('signs out when the server ends the session, and does not reconnect', () => {
    vi.useFakeTimers();
    try {
      connection.start();
      socket.open();
      socket.serverSends(ServerEvents.sessionEnded, { reason: 'signed_out' });
      socket.drop('io server disconnect');
      vi.advanceTimersByTime(5_000);
      expect(session.signOut).toHaveBeenCalledOnce();
      expect(socket.connects).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
