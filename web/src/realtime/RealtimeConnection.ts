/**
 * The one Socket.IO connection of a signed-in tab, shared by every feature (chat today; calls
 * and files take it the same way). It authenticates with the current access token, renews the
 * token when the server refuses it, follows the browser's network changes, ends the session on
 * `session_ended`, and reports its state for the banner.
 *
 * Invariants: at most one socket exists between `start` and `stop`; server events reach only
 * the handlers registered through `on`, in registration order; `onConnect` listeners hear every
 * connection, with `recovered` telling whether the server replayed what was missed (when it did
 * not, a feature store resyncs). Features register before `start`, so no early event is lost.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { AuthSession } from '../auth/authSession';
import { ackRequest, AckFailure } from './ack';
import { isServerEvent, ServerEvents, type ClientEvent, type ServerEvent } from './events';

/** Give up reconnecting with fresh tokens after this many refusals in a row. */
const MAX_AUTH_RETRIES = 3;

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface ConnectInfo {
  /** The server replayed what this socket missed (connection state recovery). */
  recovered: boolean;
}

/** What the connection needs of the session: tokens, their renewal, and signing out. */
export type TokenSession = Pick<AuthSession, 'getAccessToken' | 'refresh' | 'expire' | 'signOut'>;

export type SocketFactory = (url: string | undefined, options: Partial<ManagerOptions & SocketOptions>) => Socket;

export interface RealtimeOptions {
  session: TokenSession;
  /** Where the socket connects; the page's own origin by default. */
  url?: string;
  /** Makes the socket; `io` by default (tests pass a fake). */
  createSocket?: SocketFactory;
}

/**
 * A server event's handler; its parameters are typed by the feature that knows the event's
 * arguments (docs/protocol.md §10.2), hence `any` here.
 */
export type EventHandler = (...args: any[]) => void;

const defaultFactory: SocketFactory = (url, options) => (url ? io(url, options) : io(options));

/** What a feature store sees of the connection. */
export interface Realtime {
  readonly connected: boolean;
  getState(): ConnectionState;
  /** Hears every change of `getState()`. */
  subscribeState(listener: () => void): () => void;
  /** Sends `event` and resolves with the ack's `ok`, or rejects with an AckFailure. */
  request<T>(event: ClientEvent, payload: unknown): Promise<T>;
  /** Sends `event` without waiting for the answer. */
  notify(event: ClientEvent, payload: unknown): void;
  /** Hears one server event until the returned function is called. */
  on(event: ServerEvent, handler: EventHandler): () => void;
  onConnect(listener: (info: ConnectInfo) => void): () => void;
  onDisconnect(listener: () => void): () => void;
}

export class RealtimeConnection implements Realtime {
  private socket: Socket | null = null;
  private state: ConnectionState = 'connecting';
  private lastToken: string | null = null;
  private authRetries = 0;
  private sessionEnded = false;
  private stopped = true;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly handlers = new Map<ServerEvent, Set<EventHandler>>();
  private readonly stateListeners = new Set<() => void>();
  private readonly connectListeners = new Set<(info: ConnectInfo) => void>();
  private readonly disconnectListeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];
  private readonly session: TokenSession;
  private readonly url: string | undefined;
  private readonly createSocket: SocketFactory;

  constructor(options: RealtimeOptions) {
    this.session = options.session;
    this.url = options.url;
    this.createSocket = options.createSocket ?? defaultFactory;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  readonly getState = (): ConnectionState => this.state;

  readonly subscribeState = (listener: () => void): (() => void) => subscribe(this.stateListeners, listener);

  request<T>(event: ClientEvent, payload: unknown): Promise<T> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new AckFailure({ code: 'unavailable', message: 'Not connected.' }));
    return ackRequest<T>(socket, event, payload);
  }

  notify(event: ClientEvent, payload: unknown): void {
    this.socket?.emit(event, payload, () => undefined);
  }

  on(event: ServerEvent, handler: EventHandler): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    return subscribe(set, handler);
  }

  onConnect(listener: (info: ConnectInfo) => void): () => void {
    return subscribe(this.connectListeners, listener);
  }

  onDisconnect(listener: () => void): () => void {
    return subscribe(this.disconnectListeners, listener);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
    const onOnline = () => {
      const socket = this.socket;
      if (socket && !socket.connected && !socket.active) socket.connect();
      this.setState(socket?.connected ? 'online' : 'reconnecting');
    };
    const onOffline = () => {
      // The browser knows the network is gone: drop the socket now rather than wait for pings to fail.
      this.socket?.disconnect();
      this.setState('offline');
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.cleanups.push(
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOffline),
    );
    if (!navigator.onLine) onOffline();
  }

  /** Closes the socket and forgets every listener. */
  stop(): void {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.removeAllListeners();
    this.socket?.offAny();
    this.socket?.disconnect();
    this.socket = null;
    this.handlers.clear();
    this.stateListeners.clear();
    this.connectListeners.clear();
    this.disconnectListeners.clear();
  }

  private connect(): void {
    const socket = this.createSocket(this.url, {
      path: '/socket.io/',
      auth: (cb: (data: object) => void) => {
        this.session.getAccessToken().then(
          (token) => {
            this.lastToken = token;
            cb({ token });
          },
          () => cb({}),
        );
      },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    });
    this.socket = socket;
    this.listen(socket);
  }

  private listen(socket: Socket): void {
    socket.on('connect', () => {
      this.authRetries = 0;
      this.setState('online');
      const info = { recovered: socket.recovered };
      for (const listener of [...this.connectListeners]) listener(info);
    });
    socket.on('disconnect', (reason) => {
      if (this.stopped) return;
      this.setState(navigator.onLine ? 'reconnecting' : 'offline');
      for (const listener of [...this.disconnectListeners]) listener();
      if (reason === 'io server disconnect' && !this.sessionEnded) this.scheduleReconnect(1_000);
    });
    socket.on('connect_error', (error: Error) => {
      if (this.stopped) return;
      this.setState(navigator.onLine ? 'reconnecting' : 'offline');
      if (socket.active) return; // a network problem: the client retries by itself
      if (error.message === 'unauthorized') void this.renewAndReconnect();
      else this.scheduleReconnect(3_000);
    });
    // (socket.io-client passes a recovery offset as an extra last argument to broadcast events;
    // handlers ignore it.)
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!isServerEvent(event)) return;
      if (event === ServerEvents.sessionEnded) this.endSession();
      for (const handler of [...(this.handlers.get(event) ?? [])]) handler(...args);
    });
  }

  private endSession(): void {
    this.sessionEnded = true;
    void this.session.signOut();
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener();
  }

  private scheduleReconnect(delayMs: number): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped && this.socket && !this.socket.connected && navigator.onLine) this.socket.connect();
    }, delayMs);
  }

  private async renewAndReconnect(): Promise<void> {
    this.authRetries += 1;
    if (this.authRetries > MAX_AUTH_RETRIES) {
      if (this.lastToken) this.session.expire(this.lastToken);
      return;
    }
    try {
      await this.session.refresh(this.lastToken ?? undefined);
    } catch {
      // Rejected refreshes end the session (and this connection with it); otherwise try again later.
      this.scheduleReconnect(5_000);
      return;
    }
    if (!this.stopped) this.socket?.connect();
  }
}

function subscribe<T>(set: Set<T>, item: T): () => void {
  set.add(item);
  return () => set.delete(item);
}
