/**
 * Everything this user sends into rooms: messages (pending at once, confirmed by the answer),
 * edits, deletions, reactions, read marks and typing. Each goes over the socket while it is
 * connected and over REST otherwise; a send keeps its clientId across retries, so the server
 * stores it at most once.
 */
import type { Realtime } from '../realtime/RealtimeConnection';
import { describeError } from '../realtime/describeError';
import type { ChatApi } from './chatApi';
import { timelineOf } from './chatState';
import type { ChatStateStore } from './chatStateStore';
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
  private readonly typingSender: TypingSender;

  constructor(
    private readonly store: ChatStateStore,
    private readonly connection: Realtime,
    private readonly api: ChatApi,
  ) {
    this.typingSender = new TypingSender((event, roomId) =>
      this.connection.connected ? this.connection.request(event, roomId) : Promise.resolve(),
    );
  }

  /**
   * Sends a message: shown at once as pending, confirmed by the server's answer. Attachments are
   * files already uploaded; the message carries their ids.
   */
  send(roomId: RoomId, content: string, replyTo: Seq | null, attachments: readonly Attachment[] = []): string {
    const clientId = newClientId();
    this.store.dispatch({ type: 'sendStarted', roomId, clientId, content, replyTo, at: Date.now(), attachments });
    this.stopTyping(roomId);
    void this.transmit(roomId, clientId, content, replyTo, attachments);
    return clientId;
  }

  /** Sends a failed message again under the same clientId, so the server stores it at most once. */
  retry(roomId: RoomId, clientId: string): void {
    const pending = timelineOf(this.store.getState(), roomId).pending.find((p) => p.clientId === clientId);
    if (!pending || pending.status !== 'failed') return;
    this.store.dispatch({ type: 'sendRetried', roomId, clientId });
    void this.transmit(roomId, clientId, pending.content, pending.replyTo, pending.attachments ?? []);
  }

  discard(roomId: RoomId, clientId: string): void {
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

  private async transmit(
    roomId: RoomId,
    clientId: string,
    content: string,
    replyTo: Seq | null,
    attachments: readonly Attachment[],
  ): Promise<void> {
    const fileIds = attachments.map((a) => a.id);
    try {
      let message: Message;
      if (this.connection.connected) {
        const payload: Record<string, unknown> = { roomId, content, clientId };
        if (replyTo !== null) payload.replyTo = replyTo;
        if (fileIds.length) payload.attachments = fileIds;
        message = await this.connection.request<Message>(ClientEvents.sendMessage, payload);
      } else {
        message = await this.api.send(roomId, { content, clientId, replyTo, ...(fileIds.length ? { attachments: fileIds } : {}) });
      }
      this.store.dispatch({ type: 'sendConfirmed', roomId, message });
    } catch (error) {
      this.store.dispatch({ type: 'sendFailed', roomId, clientId, error: describeError(error) });
    }
  }

  private async change(event: ClientEvent, payload: object, rest: () => Promise<Message>): Promise<Message> {
    const message = this.connection.connected ? await this.connection.request<Message>(event, payload) : await rest();
    this.store.dispatch({ type: 'messageUpdated', message });
    return message;
  }
}
