/**
 * Messages on their way out. A message is kept (in `OutboxStorage`, so a reload does not lose it)
 * from the moment it is written until the server has stored it, and shown as pending meanwhile.
 * Messages go out one at a time, oldest first, under their clientId, so the server stores each
 * at most once however often one is sent again. A message waits, still pending, while the
 * network or the server is unreachable (offline, a network error, no answer in time, a 5xx) and
 * goes out on the next connection; only a refusal from the server makes it failed, to be retried
 * or deleted by the user.
 */
import { ApiError } from '../api/errors';
import { AckFailure } from '../realtime/ack';
import { describeError } from '../realtime/describeError';
import { ClientEvents } from '../realtime/events';
import type { Realtime } from '../realtime/RealtimeConnection';
import type { ChatApi } from './chatApi';
import type { ChatStateStore } from './chatStateStore';
import type { OutboxEntry, OutboxStorage } from './outboxStorage';
import type { Message } from './types';

type Outcome = { kind: 'sent'; message: Message } | { kind: 'refused'; error: string } | { kind: 'wait'; retryAfterMs?: number };

/** Codes of acks and REST answers that say "not now" rather than "no". */
const TRANSIENT_CODES = new Set(['timeout', 'unavailable', 'bad_response', 'server_error', 'rate_limited']);

/** Whether a failed attempt means the message should wait for a better moment, not fail. */
export function isTransient(error: unknown): boolean {
  if (error instanceof AckFailure) return TRANSIENT_CODES.has(error.code);
  if (error instanceof ApiError) return error.isNetworkError || error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500;
  return true;
}

function retryAfterOf(error: unknown): number | undefined {
  if (error instanceof AckFailure && error.retryAfterMs) return error.retryAfterMs;
  if (error instanceof ApiError && error.retryAfterSeconds) return error.retryAfterSeconds * 1000;
  return undefined;
}

export class Outbox {
  private queue: OutboxEntry[] = [];
  private draining = false;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disconnected: (() => void) | null = null;
  private stopped = true;
  private lastPosition = 0;

  constructor(
    private readonly store: ChatStateStore,
    private readonly connection: Realtime,
    private readonly api: ChatApi,
    private readonly storage: OutboxStorage,
  ) {}

  /** Shows what a previous page left unsent and sends it; sends again on every connection. */
  start(): () => void {
    this.stopped = false;
    const stops = [
      this.connection.onConnect(() => this.drain()),
      this.connection.onDisconnect(() => this.disconnected?.()),
    ];
    void this.restore();
    return () => {
      this.stopped = true;
      for (const stop of stops) stop();
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.disconnected?.();
    };
  }

  /** A message just written (already shown as pending): kept, then sent in its turn. */
  add(entry: Omit<OutboxEntry, 'status' | 'error' | 'position'>): void {
    this.lastPosition = Math.max(Date.now(), this.lastPosition + 1);
    const queued: OutboxEntry = { ...entry, position: this.lastPosition, status: 'sending', error: null };
    this.queue.push(queued);
    void this.storage.put(queued).then(() => this.drain());
  }

  /** Sends a failed message again, under the same clientId. */
  retry(clientId: string): void {
    const entry = this.queue.find((e) => e.clientId === clientId);
    if (!entry || entry.status !== 'failed') return;
    entry.status = 'sending';
    entry.error = null;
    this.store.dispatch({ type: 'sendRetried', roomId: entry.roomId, clientId });
    void this.storage.put({ ...entry }).then(() => this.drain());
  }

  discard(clientId: string): void {
    const entry = this.queue.find((e) => e.clientId === clientId);
    if (entry) this.forget(entry);
  }

  private async restore(): Promise<void> {
    const saved = await this.storage.all();
    this.lastPosition = Math.max(this.lastPosition, ...saved.map((e) => e.position));
    if (this.stopped || saved.length === 0) return;
    const known = new Set(this.queue.map((e) => e.clientId));
    const restored = saved.filter((e) => !known.has(e.clientId));
    for (const entry of restored) {
      const { roomId, clientId, content, replyTo, createdAt } = entry;
      this.store.dispatch({ type: 'sendStarted', roomId, clientId, content, replyTo, at: createdAt, ...(entry.attachments ? { attachments: entry.attachments } : {}) });
      if (entry.status === 'failed') this.store.dispatch({ type: 'sendFailed', roomId, clientId, error: entry.error ?? 'Not sent.' });
    }
    this.queue = [...restored, ...this.queue].sort((a, b) => a.position - b.position);
    this.lastPosition = Math.max(this.lastPosition, ...this.queue.map((e) => e.position));
    this.drain();
  }

  private forget(entry: OutboxEntry): void {
    this.queue = this.queue.filter((e) => e !== entry);
    this.store.dispatch({ type: 'sendDiscarded', roomId: entry.roomId, clientId: entry.clientId });
    void this.storage.remove(entry.clientId);
  }

  /** Sends what waits, oldest first, until the queue is empty or the network lets it down. */
  private drain(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    void this.run()
      .catch(() => undefined) // every failure to send is handled per message; nothing else may escape
      .finally(() => {
        this.draining = false;
        if (this.again) {
          this.again = false;
          this.drain();
        }
      });
  }

  private async run(): Promise<void> {
    for (;;) {
      const entry = this.queue.find((e) => e.status === 'sending');
      if (!entry || this.stopped) return;
      this.again = false;
      const outcome = await this.deliver(entry);
      if (!this.queue.includes(entry)) continue; // deleted meanwhile
      if (outcome.kind === 'sent') {
        this.queue = this.queue.filter((e) => e !== entry);
        this.store.dispatch({ type: 'sendConfirmed', roomId: entry.roomId, message: outcome.message });
        void this.storage.remove(entry.clientId);
      } else if (outcome.kind === 'refused') {
        if (this.store.getState().gone[entry.roomId]) {
          this.forget(entry);
          continue;
        }
        entry.status = 'failed';
        entry.error = outcome.error;
        this.store.dispatch({ type: 'sendFailed', roomId: entry.roomId, clientId: entry.clientId, error: outcome.error });
        void this.storage.put({ ...entry });
      } else {
        // The next connection sends it; so does the end of a rate limit, or a later try when the
        // server went quiet on a connection that still looks up.
        if (outcome.retryAfterMs !== undefined) this.retryLater(outcome.retryAfterMs);
        else if (this.connection.connected) this.retryLater(5_000);
        return;
      }
    }
  }

  private retryLater(ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.drain();
    }, ms);
  }

  private async deliver(entry: OutboxEntry): Promise<Outcome> {
    const fileIds = (entry.attachments ?? []).map((a) => a.id);
    try {
      let message: Message;
      if (this.connection.connected) {
        const payload: Record<string, unknown> = { roomId: entry.roomId, content: entry.content, clientId: entry.clientId };
        if (entry.replyTo !== null) payload.replyTo = entry.replyTo;
        if (fileIds.length) payload.attachments = fileIds;
        const answer = await this.untilDisconnected(this.connection.request<Message>(ClientEvents.sendMessage, payload));
        if (!answer) return { kind: 'wait' };
        message = answer;
      } else {
        message = await this.api.send(entry.roomId, {
          content: entry.content,
          clientId: entry.clientId,
          replyTo: entry.replyTo,
          ...(fileIds.length ? { attachments: fileIds } : {}),
        });
      }
      return { kind: 'sent', message };
    } catch (error) {
      if (isTransient(error)) {
        const retryAfterMs = retryAfterOf(error);
        return retryAfterMs !== undefined ? { kind: 'wait', retryAfterMs } : { kind: 'wait' };
      }
      return { kind: 'refused', error: describeError(error) };
    }
  }

  /** The answer, or null when the connection drops first (the answer may never come). */
  private untilDisconnected<T>(request: Promise<T>): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) => {
      this.disconnected = () => resolve(null);
      request.then(resolve, reject);
    }).finally(() => {
      this.disconnected = null;
    });
  }
}
