/**
 * Which threads have replies I have not read: the server keeps my read mark per thread (so every
 * device of mine agrees), and a thread is unread while its newest reply is past my mark and is
 * someone else's.
 */
import { threadKey, type ChatState } from './chatState';
import type { UserId } from '../api/types';
import type { Message, Seq } from './types';

/** My read mark on a thread: the highest of what the root carries and what this tab heard since. */
export function threadReadSeq(state: ChatState, root: Message): Seq {
  return Math.max(state.threadReads[threadKey(root.roomId, root.seq)] ?? 0, root.thread?.lastReadSeq ?? 0);
}

/** Whether the root's thread has a reply from someone else past my read mark. */
export function threadUnread(state: ChatState, root: Message): boolean {
  const thread = root.thread;
  if (!thread || thread.replyCount === 0 || thread.lastReplierIds[0] === state.me) return false;
  return thread.lastReplySeq > threadReadSeq(state, root);
}

/** The newest reply of the root's thread when my mark is behind it, else null. */
export function unreadUpTo(state: ChatState, root: Message): Seq | null {
  const last = root.thread?.lastReplySeq ?? 0;
  return last > threadReadSeq(state, root) ? last : null;
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
