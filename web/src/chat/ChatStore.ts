/**
 * The live chat: owns the socket, turns its events and REST answers into reducer actions, and
 * offers the operations the screens need. State changes only through `chatReducer`.
 */
import { io, type Socket } from 'socket.io-client';
import { ApiError, userMessage } from '../api/errors';
import type { User, UserId } from '../api/types';
import type { AuthSession } from '../auth/authSession';
import type { ChatApi } from './chatApi';
import { chatReducer, anyoneTyping, initialChatState, quoteKey, timelineOf, type ChatAction, type ChatState } from './chatState';
import { AckFailure, socketCall } from './socketCall';
import { listenToChat } from './socketEvents';
import { TypingSender } from './typingSender';
import { PAGE_SIZE, firstSeq, hasOlder, lastSeq } from './timeline';
import type { Message, RoomId, RoomSummary, Seq, SyncResult } from './types';

/** Give up reconnecting with fresh tokens after this many refusals in a row. */
const MAX_AUTH_RETRIES = 3;

export interface ChatStoreOptions {
  session: AuthSession;
  api: ChatApi;
  user: User;
  /** Where the socket connects; the page's own origin by default. */
  url?: string;
}

export type IncomingListener = (message: Message, room: RoomSummary | undefined) => void;

/** Something that went wrong for the user to see, fit to show. */
export function describeError(error: unknown): string {
  if (error instanceof AckFailure) {
    const seconds = error.retryAfterMs ? Math.ceil(error.retryAfterMs / 1000) : 0;
    return seconds > 0 ? `${error.message} Try again in ${seconds} s.` : error.message;
  }
  if (error instanceof ApiError) return userMessage(error);
  return 'Something went wrong. Please try again.';
}

function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class ChatStore {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();
  private readonly incomingListeners = new Set<IncomingListener>();
  private socket: Socket | null = null;
  private lastToken: string | null = null;
  private authRetries = 0;
  private sessionEnded = false;
  private stopped = true;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private typingTimer: ReturnType<typeof setInterval> | null = null;
  private readonly loads = new Map<string, Promise<void>>();
  private readonly typingSender = new TypingSender((event, roomId) => {
    const socket = this.socket;
    if (!socket?.connected) return Promise.resolve();
    return socketCall(socket, event, roomId);
  });
  private readonly readSent = new Map<RoomId, Seq>();
  private readonly cleanups: (() => void)[] = [];
  private readonly session: AuthSession;
  private readonly api: ChatApi;
  private readonly url: string | undefined;
  readonly user: User;

  constructor(options: ChatStoreOptions) {
    this.session = options.session;
    this.api = options.api;
    this.user = options.user;
    this.url = options.url;
    this.state = initialChatState(options.user.id);
  }

  readonly getState = (): ChatState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Hears every message that arrives live from someone else (for notifications). */
  onIncoming(listener: IncomingListener): () => void {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  }

  dispatch(action: ChatAction): void {
    const next = chatReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    this.updateTypingTimer();
    for (const listener of [...this.listeners]) listener();
  }

  // ---- lifecycle -------------------------------------------------------------------------

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.refreshRooms();
    this.connect();
    const onOnline = () => {
      if (this.socket && !this.socket.connected && !this.socket.active) this.socket.connect();
      this.dispatch({ type: 'connection', state: this.socket?.connected ? 'online' : 'reconnecting' });
    };
    const onOffline = () => {
      // The browser knows the network is gone: drop the socket now rather than wait for pings to fail.
      this.socket?.disconnect();
      this.dispatch({ type: 'connection', state: 'offline' });
    };
    const onVisibility = () => this.reportPresence();
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisibility);
    this.cleanups.push(
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOffline),
      () => document.removeEventListener('visibilitychange', onVisibility),
    );
    if (!navigator.onLine) onOffline();
  }

  stop(): void {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.typingTimer) clearInterval(this.typingTimer);
    this.typingTimer = null;
    this.typingSender.reset();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.listeners.clear();
    this.incomingListeners.clear();
  }

  private connect(): void {
    const options = {
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
    };
    const socket = this.url ? io(this.url, options) : io(options);
    this.socket = socket;
    this.listen(socket);
  }

  private scheduleReconnect(delayMs: number): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped && this.socket && !this.socket.connected && navigator.onLine) this.socket.connect();
    }, delayMs);
  }

  private listen(socket: Socket): void {
    socket.on('connect', () => {
      this.authRetries = 0;
      this.dispatch({ type: 'connection', state: 'online' });
      this.reportPresence();
      if (!socket.recovered) void this.resync();
    });
    socket.on('disconnect', (reason) => {
      if (this.stopped) return;
      const offline = !navigator.onLine;
      this.dispatch({ type: 'connection', state: offline ? 'offline' : 'reconnecting' });
      this.typingSender.reset();
      if (reason === 'io server disconnect' && !this.sessionEnded) this.scheduleReconnect(1_000);
    });
    socket.on('connect_error', (error: Error) => {
      if (this.stopped) return;
      this.dispatch({ type: 'connection', state: navigator.onLine ? 'reconnecting' : 'offline' });
      if (socket.active) return; // a network problem: the client retries by itself
      if (error.message === 'unauthorized') void this.renewAndReconnect();
      else this.scheduleReconnect(3_000);
    });

    listenToChat(socket, {
      dispatch: (action) => this.dispatch(action),
      received: (message) => this.received(message),
      roomAdded: (roomId) => void this.fetchRoom(roomId),
      me: this.user.id,
    });
    socket.on('session_ended', () => {
      this.sessionEnded = true;
      void this.session.signOut();
    });
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
      // Rejected refreshes end the session (and this store with it); otherwise try again later.
      this.scheduleReconnect(5_000);
      return;
    }
    if (!this.stopped) this.socket?.connect();
  }

  private reportPresence(): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    const status = document.visibilityState === 'hidden' ? 'away' : 'online';
    socket.emit('set_presence', { status }, () => undefined);
  }

  private received(message: Message): void {
    this.dispatch({ type: 'messageReceived', message });
    if (message.sender?.id !== this.user.id) {
      const room = this.state.rooms[message.roomId];
      for (const listener of [...this.incomingListeners]) listener(message, room);
    }
  }

  private updateTypingTimer(): void {
    const needed = anyoneTyping(this.state);
    if (needed && !this.typingTimer) {
      this.typingTimer = setInterval(() => this.dispatch({ type: 'typingExpired', now: Date.now() }), 1_000);
    } else if (!needed && this.typingTimer) {
      clearInterval(this.typingTimer);
      this.typingTimer = null;
    }
  }

  /** Catches up after a connection that could not be recovered: missed messages, then the room list. */
  private async resync(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    const cursors: Record<RoomId, { seq: Seq; rev: number }> = {};
    for (const room of Object.values(this.state.rooms)) {
      const timeline = timelineOf(this.state, room.id);
      const live = timeline.state === 'ready' && !timeline.hasNewer;
      cursors[room.id] = live
        ? { seq: lastSeq(timeline) ?? 0, rev: timeline.maxRev }
        : { seq: room.lastSeq, rev: room.lastRev };
    }
    try {
      if (Object.keys(cursors).length > 0) {
        const result = await socketCall<SyncResult>(socket, 'sync', { rooms: cursors });
        this.dispatch({ type: 'synced', result });
        for (const room of result.rooms) {
          if (room.truncated && timelineOf(this.state, room.roomId).state === 'ready') void this.loadLatest(room.roomId);
        }
      }
    } catch {
      // Fall back to reloading what is on screen.
      for (const [id, timeline] of Object.entries(this.state.timelines)) {
        if (timeline.state === 'ready' && !timeline.hasNewer) void this.loadLatest(Number(id));
      }
    }
    await this.refreshRooms();
    for (const roomId of Object.keys(this.state.members)) void this.loadMembers(Number(roomId), true);
  }

  // ---- rooms -----------------------------------------------------------------------------

  async refreshRooms(): Promise<void> {
    try {
      this.dispatch({ type: 'roomsLoaded', rooms: await this.api.rooms() });
    } catch {
      // Offline or signed out: the list stays as it is and the next reconnect tries again.
    }
  }

  private async fetchRoom(roomId: RoomId): Promise<RoomSummary | null> {
    try {
      const room = await this.api.room(roomId);
      this.dispatch({ type: 'roomUpserted', room });
      return room;
    } catch {
      return null;
    }
  }

  /**
   * Runs one load per key at a time. The action it produces is dispatched after the key is
   * released, so whatever the new state prompts (another page) can start at once.
   */
  private once(key: string, task: () => Promise<ChatAction | null>): Promise<void> {
    const running = this.loads.get(key);
    if (running) return running;
    const promise = task().then(
      (action) => {
        this.loads.delete(key);
        if (action) this.dispatch(action);
      },
      (error: unknown) => {
        this.loads.delete(key);
        throw error;
      },
    );
    this.loads.set(key, promise);
    return promise;
  }

  /** Makes sure a room's messages are on hand: the latest page, or a window around `around`. */
  openRoom(roomId: RoomId, around?: Seq): Promise<void> {
    void this.loadMembers(roomId);
    if (!this.state.rooms[roomId] && this.state.roomsLoaded) void this.fetchRoom(roomId);
    if (around !== undefined) return this.loadAround(roomId, around);
    const timeline = timelineOf(this.state, roomId);
    if (timeline.state === 'ready' && !timeline.hasNewer) return Promise.resolve();
    return this.loadLatest(roomId);
  }

  loadLatest(roomId: RoomId): Promise<void> {
    return this.once(`latest:${roomId}`, async () => {
      this.dispatch({ type: 'historyLoading', roomId });
      try {
        return { type: 'latestLoaded', roomId, messages: await this.api.messages(roomId, {}, PAGE_SIZE) };
      } catch (error) {
        this.dispatch({ type: 'historyFailed', roomId });
        throw error;
      }
    });
  }

  loadAround(roomId: RoomId, seq: Seq): Promise<void> {
    const timeline = timelineOf(this.state, roomId);
    const first = firstSeq(timeline);
    const last = lastSeq(timeline);
    if (timeline.state === 'ready' && first !== null && last !== null && seq >= first && seq <= last) {
      return Promise.resolve();
    }
    return this.once(`around:${roomId}:${seq}`, async () => {
      this.dispatch({ type: 'historyLoading', roomId });
      try {
        return { type: 'aroundLoaded', roomId, messages: await this.api.messages(roomId, { around: seq }, PAGE_SIZE) };
      } catch (error) {
        this.dispatch({ type: 'historyFailed', roomId });
        throw error;
      }
    });
  }

  loadOlder(roomId: RoomId): Promise<void> {
    const timeline = timelineOf(this.state, roomId);
    const first = firstSeq(timeline);
    if (timeline.state !== 'ready' || first === null || !hasOlder(timeline)) return Promise.resolve();
    return this.once(`older:${roomId}`, async () => ({
      type: 'olderLoaded',
      roomId,
      messages: await this.api.messages(roomId, { before: first }, PAGE_SIZE),
    }));
  }

  loadNewer(roomId: RoomId): Promise<void> {
    const timeline = timelineOf(this.state, roomId);
    const last = lastSeq(timeline);
    if (timeline.state !== 'ready' || last === null || !timeline.hasNewer) return Promise.resolve();
    return this.once(`newer:${roomId}`, async () => ({
      type: 'newerLoaded',
      roomId,
      messages: await this.api.messages(roomId, { after: last }, PAGE_SIZE),
    }));
  }

  loadMembers(roomId: RoomId, force = false): Promise<void> {
    if (this.state.members[roomId] && !force) return Promise.resolve();
    return this.once(`members:${roomId}`, async () => {
      try {
        return { type: 'membersLoaded', roomId, members: await this.api.members(roomId) };
      } catch {
        return null; // Shown without receipts or roles until the next try.
      }
    });
  }

  /** Fetches one message to quote it in a reply, when it is not among the loaded ones. */
  loadQuote(roomId: RoomId, seq: Seq): void {
    if (quoteKey(roomId, seq) in this.state.quotes) return;
    void this.once(`quote:${roomId}:${seq}`, async () => {
      try {
        const page = await this.api.messages(roomId, { around: seq }, 1);
        return { type: 'quoteLoaded', roomId, seq, message: page.find((m) => m.seq === seq) ?? null };
      } catch {
        return { type: 'quoteLoaded', roomId, seq, message: null };
      }
    });
  }

  async openDirect(userId: UserId): Promise<RoomSummary> {
    const room = await this.api.openDirect(userId);
    this.dispatch({ type: 'roomUpserted', room });
    return room;
  }

  async createGroup(name: string, description: string, memberIds: UserId[]): Promise<RoomSummary> {
    const room = await this.api.createGroup(description ? { name, description, memberIds } : { name, memberIds });
    this.dispatch({ type: 'roomUpserted', room });
    return room;
  }

  async updateRoom(roomId: RoomId, changes: { name?: string; description?: string }): Promise<void> {
    const room = await this.api.updateRoom(roomId, changes);
    this.dispatch({ type: 'roomRenamed', roomId, name: room.name, description: room.description });
  }

  async deleteRoom(roomId: RoomId): Promise<void> {
    await this.api.deleteRoom(roomId);
    this.dispatch({ type: 'roomRemoved', roomId });
  }

  async addMembers(roomId: RoomId, userIds: UserId[]): Promise<void> {
    await this.api.addMembers(roomId, userIds);
    await this.loadMembers(roomId, true);
  }

  async setRole(roomId: RoomId, userId: UserId, role: 'admin' | 'member'): Promise<void> {
    const member = await this.api.setRole(roomId, userId, role);
    this.dispatch({ type: 'memberUpserted', roomId, member });
  }

  async removeMember(roomId: RoomId, userId: UserId): Promise<void> {
    await this.api.removeMember(roomId, userId);
    this.dispatch({ type: 'memberRemoved', roomId, userId });
  }

  async leave(roomId: RoomId): Promise<void> {
    await this.api.removeMember(roomId, this.user.id);
    this.dispatch({ type: 'roomRemoved', roomId });
  }

  // ---- messages --------------------------------------------------------------------------

  /** Sends a message: shown at once as pending, confirmed by the server's answer. */
  send(roomId: RoomId, content: string, replyTo: Seq | null): string {
    const clientId = newClientId();
    this.dispatch({ type: 'sendStarted', roomId, clientId, content, replyTo, at: Date.now() });
    this.stopTyping(roomId);
    void this.transmit(roomId, clientId, content, replyTo);
    return clientId;
  }

  /** Sends a failed message again under the same clientId, so the server stores it at most once. */
  retry(roomId: RoomId, clientId: string): void {
    const pending = timelineOf(this.state, roomId).pending.find((p) => p.clientId === clientId);
    if (!pending || pending.status !== 'failed') return;
    this.dispatch({ type: 'sendRetried', roomId, clientId });
    void this.transmit(roomId, clientId, pending.content, pending.replyTo);
  }

  discard(roomId: RoomId, clientId: string): void {
    this.dispatch({ type: 'sendDiscarded', roomId, clientId });
  }

  private async transmit(roomId: RoomId, clientId: string, content: string, replyTo: Seq | null): Promise<void> {
    try {
      const socket = this.socket;
      let message: Message;
      if (socket?.connected) {
        const payload: Record<string, unknown> = { roomId, content, clientId };
        if (replyTo !== null) payload.replyTo = replyTo;
        message = await socketCall<Message>(socket, 'send_message', payload);
      } else {
        message = await this.api.send(roomId, { content, clientId, replyTo });
      }
      this.dispatch({ type: 'sendConfirmed', roomId, message });
    } catch (error) {
      this.dispatch({ type: 'sendFailed', roomId, clientId, error: describeError(error) });
    }
  }

  private async call(event: string, payload: object, rest: () => Promise<Message>): Promise<Message> {
    const socket = this.socket;
    const message = socket?.connected ? await socketCall<Message>(socket, event, payload) : await rest();
    this.dispatch({ type: 'messageUpdated', message });
    return message;
  }

  edit(roomId: RoomId, seq: Seq, content: string): Promise<Message> {
    return this.call('edit_message', { roomId, seq, content }, () => this.api.edit(roomId, seq, content));
  }

  deleteMessage(roomId: RoomId, seq: Seq): Promise<Message> {
    return this.call('delete_message', { roomId, seq }, () => this.api.remove(roomId, seq));
  }

  react(roomId: RoomId, seq: Seq, emoji: string): Promise<Message> {
    return this.call('react', { roomId, seq, emoji }, () => this.api.react(roomId, seq, emoji));
  }

  /** Marks the room read up to `seq`; cheap to call often, it sends only when the mark moves. */
  markRead(roomId: RoomId, seq: Seq): void {
    const room = this.state.rooms[roomId];
    if (!room || seq <= room.lastReadSeq || seq <= (this.readSent.get(roomId) ?? 0)) return;
    this.readSent.set(roomId, seq);
    this.dispatch({ type: 'readMarked', roomId, seq });
    const socket = this.socket;
    const request = socket?.connected
      ? socketCall<{ seq: Seq }>(socket, 'mark_read', { roomId, seq })
      : this.api.markRead(roomId, seq);
    request.catch(() => {
      if (this.readSent.get(roomId) === seq) this.readSent.delete(roomId);
    });
  }

  /** The user is typing in a room (see TypingSender for the pace). */
  typing(roomId: RoomId): void {
    this.typingSender.typing(roomId);
  }

  stopTyping(roomId: RoomId): void {
    this.typingSender.stop(roomId);
  }
}
