/**
 * Turns a timeline into the rows a conversation renders: day separators, a "new messages" line,
 * and messages grouped into runs from the same sender. Keys stay the same when a pending message
 * is confirmed, so the row does not jump.
 */
import type { UserId } from '../api/types';
import { dayKey } from './format';
import type { PendingMessage, Timeline } from './timeline';
import type { Message, Seq } from './types';

/** Consecutive messages from one sender within this time form one group. */
export const GROUP_WINDOW_MS = 5 * 60_000;

export type Row =
  | { kind: 'day'; key: string; time: number }
  | { kind: 'unread'; key: string }
  | { kind: 'system'; key: string; message: Message }
  | { kind: 'message'; key: string; message: Message; mine: boolean; first: boolean; last: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage; first: boolean; last: boolean };

export function messageKey(message: Message): string {
  return message.clientId && message.sender ? `c:${message.sender.id}:${message.clientId}` : `m:${message.seq}`;
}

export function pendingKey(me: UserId, pending: PendingMessage): string {
  return `c:${me}:${pending.clientId}`;
}

interface Item {
  senderId: UserId | null;
  time: number;
  row: Row;
}

/**
 * The rows of a timeline. Replies in threads are left out (they show in their thread) unless
 * `withReplies`, which the thread panel uses for its root and replies.
 */
export function buildRows(timeline: Timeline, me: UserId, unreadAfter: Seq | null, withReplies = false): Row[] {
  const items: Item[] = [];
  let unreadPlaced = false;
  for (const message of timeline.messages) {
    if (!withReplies && message.threadRootSeq != null) continue;
    const mine = message.sender?.id === me;
    if (!unreadPlaced && unreadAfter !== null && message.seq > unreadAfter && !mine) {
      unreadPlaced = true;
      items.push({ senderId: null, time: message.createdAt, row: { kind: 'unread', key: 'unread' } });
    }
    const key = messageKey(message);
    const row: Row =
      message.kind === 'system'
        ? { kind: 'system', key, message }
        : { kind: 'message', key, message, mine, first: true, last: true };
    items.push({ senderId: message.sender?.id ?? null, time: message.createdAt, row });
  }
  if (!timeline.hasNewer) {
    for (const pending of timeline.pending) {
      items.push({
        senderId: me,
        time: pending.createdAt,
        row: { kind: 'pending', key: pendingKey(me, pending), pending, first: true, last: true },
      });
    }
  }

  const rows: Row[] = [];
  let previous: Item | null = null;
  for (const item of items) {
    if (!previous || dayKey(previous.time) !== dayKey(item.time)) {
      // Keyed by the day's first row, not the date: loading older messages of the same day
      // moves the separator, and a moved row must not keep its key (it anchors the scroll).
      rows.push({ kind: 'day', key: `d:${item.row.key}`, time: item.time });
      previous = null;
    }
    const row = item.row;
    if ((row.kind === 'message' || row.kind === 'pending') && previous && groups(previous, item)) {
      row.first = false;
      const before = previous.row;
      if (before.kind === 'message' || before.kind === 'pending') before.last = false;
    }
    rows.push(row);
    previous = item;
  }
  return rows;
}

function groups(previous: Item, item: Item): boolean {
  const kind = previous.row.kind;
  return (
    (kind === 'message' || kind === 'pending') &&
    previous.senderId !== null &&
    previous.senderId === item.senderId &&
    item.time - previous.time < GROUP_WINDOW_MS
  );
}
