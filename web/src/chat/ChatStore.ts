/**
 * The chat feature over the tab's realtime connection: its state, the live events that change
 * it, and the parts the screens call (`loader` for what is fetched, `rooms` for changes to rooms
 * and members, `messages` for what the user sends). The store never owns the socket; it
 * registers with the connection before the connection starts, resyncs after every connection
 * the server could not recover, and stops listening when stopped.
 */
import type { User } from '../api/types';
import type { Clock } from '../auth/authSession';
import type { Realtime } from '../realtime/RealtimeConnection';
import type { ChatApi } from './chatApi';
import { listenToChat } from './chatEvents';
import { ChatLoader } from './chatLoader';
import { anyoneTyping, type ChatState } from './chatState';
import { ChatStateStore } from './chatStateStore';
import { resync } from './chatSync';
import { GapFiller } from './gapFiller';
import { MessageSender } from './messageSender';
import { indexedDbOutbox, memoryOutbox, type OutboxStorage } from './outboxStorage';
import { PresenceWatch } from './presenceWatch';
import { RoomActions } from './roomActions';
import type { Message, RoomId, RoomSummary, Seq } from './types';

export interface ChatStoreOptions {
  connection: Realtime;
  api: ChatApi;
  user: User;
  /** Where unsent messages are kept across reloads; this user's IndexedDB outbox by default. */
  outbox?: OutboxStorage;
  /** Times the wait before a hole in a room's messages is synced; the system clock by default. */
  clock?: Clock;
}

/** How many seqs per room are remembered to tell a repeated live message from a new one. */
const HEARD_PER_ROOM = 500;

export type IncomingListener = (message: Message, room: RoomSummary | undefined) => void;

export class ChatStore {
  readonly user: User;
  readonly loader: ChatLoader;
  readonly rooms: RoomActions;
  readonly messages: MessageSender;
  /** The people this connection watches, named by the screens that show them. */
  readonly presence: PresenceWatch;
  private readonly state: ChatStateStore;
  private readonly connection: Realtime;
  private readonly gaps: GapFiller;
  private readonly incomingListeners = new Set<IncomingListener>();
  private readonly heard = new Map<RoomId, Set<Seq>>();
  private readonly cleanups: (() => void)[] = [];
  private typingTimer: ReturnType<typeof setInterval> | null = null;
  private started = false;

  constructor(options: ChatStoreOptions) {
    this.user = options.user;
    this.connection = options.connection;
    this.state = new ChatStateStore(options.user.id);
    this.loader = new ChatLoader(this.state, options.api);
    this.rooms = new RoomActions(this.state, options.api, this.loader, options.user);
    const outbox = options.outbox ?? (typeof indexedDB === 'undefined' ? memoryOutbox() : indexedDbOutbox(options.user.id));
    this.messages = new MessageSender(this.state, options.connection, options.api, outbox);
    this.presence = new PresenceWatch(
      options.connection,
      (users) => this.state.dispatch({ type: 'presenceBatch', users }),
      options.user.id,
    );
    this.gaps = new GapFiller(this.state, options.connection, this.loader, options.clock);
  }

  readonly getState = (): ChatState => this.state.getState();
  readonly subscribe = (listener: () => void): (() => void) => this.state.subscribe(listener);

  /** Hears every message that arrives live from someone else (for notifications). */
  onIncoming(listener: IncomingListener): () => void {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  }

  /** Loads the room list and listens to the connection; call before the connection starts. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.gaps.start();
    void this.loader.refreshRooms();
    const connection = this.connection;
    this.cleanups.push(
      this.state.subscribe(() => this.updateTypingTimer()),
      listenToChat(connection, {
        dispatch: this.state.dispatch,
        received: (message) => this.received(message),
        roomAdded: (roomId) => void this.loader.fetchRoom(roomId),
        resyncNeeded: (roomIds) => void this.catchUp(roomIds),
        me: this.user.id,
      }),
      connection.onConnect(({ recovered }) => {
        this.presence.connected();
        if (!recovered) void this.catchUp();
      }),
      connection.onDisconnect(() => this.messages.forgetTyping()),
      this.messages.start(),
    );
  }

  stop(): void {
    this.started = false;
    this.gaps.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.typingTimer) clearInterval(this.typingTimer);
    this.typingTimer = null;
    this.messages.forgetTyping();
    this.presence.stop();
    this.state.clear();
    this.incomingListeners.clear();
  }

  /** Syncs these rooms (every room when absent) from where their held messages stop, then the lists. */
  private catchUp(roomIds?: readonly RoomId[]): Promise<void> {
    return resync(this.state, this.connection, this.loader, {
      ...(roomIds ? { rooms: roomIds } : {}),
      cursor: (state, roomId) => this.gaps.cursor(state, roomId),
      synced: (synced) => this.gaps.filled(synced),
    });
  }

  private received(message: Message): void {
    this.gaps.heard(message, this.getState());
    this.state.dispatch({ type: 'messageReceived', message });
    // a message can arrive twice (a retried send is announced again): it notifies once
    if (message.sender?.id !== this.user.id && this.firstHearing(message)) {
      const room = this.getState().rooms[message.roomId];
      for (const listener of [...this.incomingListeners]) listener(message, room);
    }
  }

  /** True the first time this room's seq is heard live (the last few hundred per room are remembered). */
  private firstHearing(message: Message): boolean {
    let seen = this.heard.get(message.roomId);
    if (!seen) this.heard.set(message.roomId, (seen = new Set()));
    if (seen.has(message.seq)) return false;
    seen.add(message.seq);
    if (seen.size > HEARD_PER_ROOM) seen.delete(seen.values().next().value as Seq);
    return true;
  }

  /** Runs the typing-expiry tick only while someone is typing somewhere. */
  private updateTypingTimer(): void {
    const needed = anyoneTyping(this.getState());
    if (needed && !this.typingTimer) {
      this.typingTimer = setInterval(() => this.state.dispatch({ type: 'typingExpired', now: Date.now() }), 1_000);
    } else if (!needed && this.typingTimer) {
      clearInterval(this.typingTimer);
      this.typingTimer = null;
    }
  }
}
