/**
 * Which people this connection watches (docs/protocol.md §10.5). The server pushes the presence
 * of direct-room partners and small groups' members by itself; for a large room the screens name
 * the people they show (the open member list, the authors on screen), each under its own key,
 * and this sends the union as one `watch_presence` a moment after the last change, and again
 * after every connect (the server forgets a connection's watches when it closes). The answer's
 * states go into the chat state like any presence the server sends.
 */
import type { UserId } from '../api/types';
import { ClientEvents } from '../realtime/events';
import type { Message, Presence } from './types';

/** The server watches at most this many people per connection. */
export const MAX_WATCHED = 200;
/** Groups larger than this are not pushed every member's presence (the server's default `presence-push-room-size`). */
export const PUSHED_ROOM_SIZE = 50;
/** How long the wanted set must stay still before it is sent (scrolling changes it often). */
export const WATCH_DEBOUNCE_MS = 300;

export interface PresenceWatchPort {
  readonly connected: boolean;
  request<T>(event: typeof ClientEvents.watchPresence, payload: { userIds: UserId[] }): Promise<T>;
}

export class PresenceWatch {
  private readonly wanted = new Map<string, readonly UserId[]>();
  /** The ids last sent on this connection, sorted and joined; null when nothing was sent on it. */
  private sent: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly connection: PresenceWatchPort,
    private readonly received: (users: readonly Presence[]) => void,
    private readonly me: UserId,
  ) {}

  /** Watches `userIds` for `key` (a screen part) until the returned function is called. */
  watch(key: string, userIds: readonly UserId[]): () => void {
    this.wanted.set(key, userIds);
    this.changed();
    return () => {
      if (this.wanted.get(key) !== userIds) return;
      this.wanted.delete(key);
      this.changed();
    };
  }

  /** The connection (re)started: its watch set is empty on the server, so send ours again. */
  connected(): void {
    this.sent = null;
    this.changed();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wanted.clear();
  }

  /** The people wanted now, each once, without me, at most {@link MAX_WATCHED} (the earliest named first). */
  current(): UserId[] {
    const ids = new Set<UserId>();
    for (const list of this.wanted.values()) {
      for (const id of list) {
        if (id !== this.me && ids.size < MAX_WATCHED) ids.add(id);
      }
    }
    return [...ids];
  }

  private changed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, WATCH_DEBOUNCE_MS);
  }

  private flush(): void {
    if (!this.connection.connected) return; // sent on connect
    const userIds = this.current();
    const key = [...userIds].sort((a, b) => a - b).join(',');
    if (key === this.sent || (this.sent === null && userIds.length === 0)) return;
    this.sent = key;
    this.connection.request<{ users: Presence[] }>(ClientEvents.watchPresence, { userIds }).then(
      (answer) => this.received(answer.users),
      () => {
        // refused (rate limited) or cut: try again with the next change or connect
        if (this.sent === key) this.sent = null;
      },
    );
  }
}

/** The senders of the latest `limit` messages of a timeline, newest first, each once. */
export function timelineAuthors(messages: readonly Message[], limit: number): UserId[] {
  const ids = new Set<UserId>();
  for (let i = messages.length - 1; i >= 0 && i >= messages.length - limit; i--) {
    const sender = messages[i]?.sender;
    if (sender) ids.add(sender.id);
  }
  return [...ids];
}
