/**
 * Everything this user sends into rooms: messages (pending at once, kept in the outbox until the
 * server stores them), edits, deletions, reactions, read marks (of rooms and of threads) and typing. Each goes over the
 * socket while it is connected and over REST otherwise; a send keeps its clientId across
 * retries, so the server stores it at most once.
 */
import type { Realtime } from '../realtime/RealtimeConnection';
import type { ChatApi } from './chatApi';
import { threadKey } from './chatState';
import type { ChatStateStore } from './chatStateStore';
import { Outbox } from './outbox';
import type { OutboxStorage } from './outboxStorage';
import { TypingSender } from './typingSender';
import type { Attachment, Message, RoomId, Seq } from './types';
import { ClientEvents, type ClientEvent } from '../realtime/events';

function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class MessageSender {
  private readonly readSent = new Map<RoomId, Seq>();
  private readonly threadReadSent = new Map<string, Seq>();
  private readonly typingSender: TypingSender;
  private readonly outbox: Outbox;

  constructor(
    private readonly store: ChatStateStore,
    private readonly connection: Realtime,
    private readonly api: ChatApi,
    outbox: OutboxStorage,
  ) {
    this.outbox = new Outbox(store, connection, api, outbox);
    this.typingSender = new TypingSender((event, roomId) =>
      this.connection.connected ? this.connection.request(event, roomId) : Promise.resolve(),
    );
  }

  /** Restores what an earlier page left in the outbox and sends it; the function stops sending. */
  start(): () => void {
    return this.outbox.start();
  }

  /**
   * Sends a message: shown at once as pending, confirmed by the server's answer, waiting in the
   * outbox while offline. Attachments are files already uploaded; the message carries their ids.
   */
  send(roomId: RoomId, content: string, replyTo: Seq | null, attachments: readonly Attachment[] = []): string {
    const clientId = newClientId();
    const at = Date.now();
    this.store.dispatch({ type: 'sendStarted', roomId, clientId, content, replyTo, at, attachments });
    this.stopTyping(roomId);
    this.outbox.add({ clientId, roomId, content, replyTo, createdAt: at, ...(attachments.length ? { attachments } : {}) });
    return clientId;
  }

  /**
   * Sends a reply in the thread of `rootSeq`. It is not queued in the outbox: the promise settles
   * with the stored reply (also added to the room) or with the refusal, and the thread's composer
   * keeps the text until then.
   */
  async sendInThread(roomId: RoomId, rootSeq: Seq, content: string): Promise<Message> {
    const clientId = newClientId();
    const message = this.connection.connected
      ? await this.connection.request<Message>(ClientEvents.sendMessage, { roomId, content, clientId, threadRootSeq: rootSeq })
      : await this.api.send(roomId, { content, clientId, replyTo: null, threadRootSeq: rootSeq });
    this.store.dispatch({ type: 'messageReceived', message });
    return message;
  }

  /** Sends a failed message again under the same clientId, so the server stores it at most once. */
  retry(_roomId: RoomId, clientId: string): void {
    this.outbox.retry(clientId);
  }

  discard(roomId: RoomId, clientId: string): void {
    this.outbox.discard(clientId);
    this.store.dispatch({ type: 'sendDiscarded', roomId, clientId });
  }

  edit(roomId: RoomId, seq: Seq, content: string): Promise<Message> {
    return this.change(ClientEvents.editMessage, { roomId, seq, content }, () => this.api.edit(roomId, seq, content));
  }

  deleteMessage(roomId: RoomId, seq: Seq): Promise<Message> {
    return this.change(ClientEvents.deleteMessage, { roomId, seq }, () => this.api.remove(roomId, seq));
  }

  react(roomId: RoomId, seq: Seq, emoji: string): Promise<Message> {
    return this.change(ClientEvents.react, { roomId, seq, emoji }, () => this.api.react(roomId, seq, emoji));
  }

  /** Marks the room read up to `seq`; cheap to call often, it sends only when the mark moves. */
  markRead(roomId: RoomId, seq: Seq): void {
    const room = this.store.getState().rooms[roomId];
    if (!room || seq <= room.lastReadSeq || seq <= (this.readSent.get(roomId) ?? 0)) return;
    this.readSent.set(roomId, seq);
    this.store.dispatch({ type: 'readMarked', roomId, seq });
    const request = this.connection.connected
      ? this.connection.request<{ seq: Seq }>(ClientEvents.markRead, { roomId, seq })
      : this.api.markRead(roomId, seq);
    request.catch(() => {
      if (this.readSent.get(roomId) === seq) this.readSent.delete(roomId);
    });
  }

  /**
   * Marks the thread of `rootSeq` read up to reply `seq`: at once here, then on the server, which
   * tells my other devices. Cheap to call often: it sends only when the mark moves.
   */
  markThreadRead(roomId: RoomId, rootSeq: Seq, seq: Seq): void {
    const key = threadKey(roomId, rootSeq);
    if (seq <= (this.store.getState().threadReads[key] ?? 0) || seq <= (this.threadReadSent.get(key) ?? 0)) return;
    this.threadReadSent.set(key, seq);
    this.store.dispatch({ type: 'threadRead', roomId, rootSeq, seq });
    const request = this.connection.connected
      ? this.connection.request<{ seq: Seq }>(ClientEvents.markThreadRead, { roomId, rootSeq, seq })
      : this.api.markThreadRead(roomId, rootSeq, seq);
    request.then(
      (mark) => this.store.dispatch({ type: 'threadRead', roomId, rootSeq, seq: mark.seq }),
      () => {
        if (this.threadReadSent.get(key) === seq) this.threadReadSent.delete(key);
      },
    );
  }

  /** The user is typing in a room (see TypingSender for the pace). */
  typing(roomId: RoomId): void {
    this.typingSender.typing(roomId);
  }

  stopTyping(roomId: RoomId): void {
    this.typingSender.stop(roomId);
  }

  /** The connection dropped: the server forgot who is typing, and so does this sender. */
  forgetTyping(): void {
    this.typingSender.reset();
  }

  private async change(event: ClientEvent, payload: object, rest: () => Promise<Message>): Promise<Message> {
    const message = this.connection.connected ? await this.connection.request<Message>(event, payload) : await rest();
    this.store.dispatch({ type: 'messageUpdated', message });
    return message;
  }
}
