/**
 * Which threads have replies this device has not seen: for each thread opened here, the time of
 * the newest reply it showed (kept per user in localStorage, so it survives a reload). A thread
 * is unread when its root says a newer reply came from someone else.
 */
import { useSyncExternalStore } from 'react';
import type { ChatState } from './chatState';
import type { UserId } from '../api/types';
import type { Message, RoomId, Seq } from './types';

type Seen = Record<string, number>;

const listeners = new Set<() => void>();
let cache: { key: string; seen: Seen } | null = null;

function storageKey(userId: UserId): string {
  return `parley.threadsSeen.${userId}`;
}

function seenOf(userId: UserId): Seen {
  const key = storageKey(userId);
  if (cache?.key === key) return cache.seen;
  let seen: Seen = {};
  try {
    seen = JSON.parse(globalThis.localStorage?.getItem(key) ?? '{}') as Seen;
  } catch {
    seen = {};
  }
  cache = { key, seen };
  return seen;
}

function threadKey(roomId: RoomId, rootSeq: Seq): string {
  return `${roomId}:${rootSeq}`;
}

/** Whether the root's thread has a reply from someone else newer than what this device showed. */
export function threadUnread(userId: UserId, root: Message): boolean {
  const thread = root.thread;
  if (!thread || thread.replyCount === 0 || thread.lastReplierIds[0] === userId) return false;
  return thread.lastReplyAt > (seenOf(userId)[threadKey(root.roomId, root.seq)] ?? 0);
}

/** The thread was shown up to its newest reply at {@code lastReplyAt}. */
export function markThreadSeen(userId: UserId, roomId: RoomId, rootSeq: Seq, lastReplyAt: number): void {
  const seen = seenOf(userId);
  const key = threadKey(roomId, rootSeq);
  if ((seen[key] ?? 0) >= lastReplyAt) return;
  const next = { ...seen, [key]: lastReplyAt };
  cache = { key: storageKey(userId), seen: next };
  try {
    globalThis.localStorage?.setItem(storageKey(userId), JSON.stringify(next));
  } catch {
    // a full or missing storage only costs the mark after a reload
  }
  for (const listener of listeners) listener();
}

/** {@link threadUnread}, kept current as threads are opened. */
export function useThreadUnread(userId: UserId, root: Message): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => threadUnread(userId, root),
  );
}

/**
 * Whether I took part in the thread this reply belongs to: I wrote its root, replied in it before,
 * or am among its last repliers (as far as this tab knows the room).
 */
export function tookPart(state: ChatState, reply: Message, me: UserId): boolean {
  const rootSeq = reply.threadRootSeq;
  if (rootSeq === null || rootSeq === undefined) return false;
  const messages = state.timelines[reply.roomId]?.messages ?? [];
  return messages.some(
    (m) =>
      (m.seq === rootSeq && (m.sender?.id === me || (m.thread?.lastReplierIds.includes(me) ?? false))) ||
      (m.threadRootSeq === rootSeq && m.sender?.id === me && m.seq !== reply.seq),
  );
}
