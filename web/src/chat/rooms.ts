/**
 * The room list: summaries by id, ordered by activity, with unread counts kept in step with the
 * messages this client hears about. Pure functions only.
 */
import type { UserId } from '../api/types';
import type { Message, RoomId, RoomSummary, Seq } from './types';

export type RoomMap = Readonly<Record<RoomId, RoomSummary>>;

/** When the room last had anything happen in it. */
export function activityOf(room: RoomSummary): number {
  return room.lastMessageAt ?? room.createdAt;
}

/** Newest activity first; ties by id so the order is stable. */
export function sortRooms(rooms: RoomMap): RoomSummary[] {
  return Object.values(rooms).sort((a, b) => activityOf(b) - activityOf(a) || b.id - a.id);
}

/**
 * A summary fetched over REST, merged with what live events already told this client: a fetch
 * that started before a message arrived must not undo the message or an optimistic read mark.
 */
export function mergeSummary(known: RoomSummary | undefined, fetched: RoomSummary): RoomSummary {
  if (!known || (known.lastSeq <= fetched.lastSeq && known.lastReadSeq <= fetched.lastReadSeq)) return fetched;
  const room =
    known.lastSeq > fetched.lastSeq
      ? {
          ...fetched,
          lastSeq: known.lastSeq,
          lastRev: Math.max(known.lastRev, fetched.lastRev),
          lastMessage: known.lastMessage,
          lastMessageAt: known.lastMessageAt,
        }
      : { ...fetched };
  room.lastReadSeq = Math.max(known.lastReadSeq, fetched.lastReadSeq);
  room.unreadCount = Math.max(0, room.lastSeq - room.lastReadSeq);
  // the fetch is older than what this client heard: its mentions may be read, or more may have come
  room.mentionCount = room.unreadCount === 0 ? 0 : Math.max(known.mentionCount ?? 0, fetched.mentionCount ?? 0);
  return room;
}

/** The whole list from the server; rooms missing from it are gone. */
export function replaceRooms(known: RoomMap, list: readonly RoomSummary[]): RoomMap {
  const map: Record<RoomId, RoomSummary> = {};
  for (const room of list) map[room.id] = mergeSummary(known[room.id], room);
  return map;
}

export function upsertRoom(rooms: RoomMap, room: RoomSummary): RoomMap {
  return { ...rooms, [room.id]: mergeSummary(rooms[room.id], room) };
}

export function removeRoom(rooms: RoomMap, roomId: RoomId): RoomMap {
  if (!(roomId in rooms)) return rooms;
  const next = { ...rooms };
  delete next[roomId];
  return next;
}

/**
 * A message in a room, heard live, through a sync or in a history page. Seqs have no gaps and my
 * own message moves my read mark to it (as the server does), so the unread count is simply
 * lastSeq - lastReadSeq: hearing a message twice, or out of order, cannot miscount.
 */
export function roomWithMessage(room: RoomSummary, message: Message, me: UserId): RoomSummary {
  let next = room;
  if (message.seq > room.lastSeq) {
    next = {
      ...room,
      lastSeq: message.seq,
      lastRev: Math.max(room.lastRev, message.rev),
      lastMessage: message,
      lastMessageAt: Math.max(room.lastMessageAt ?? 0, message.createdAt),
    };
  } else if (room.lastMessage?.seq === message.seq && message.rev > room.lastMessage.rev) {
    next = { ...room, lastMessage: message, lastRev: Math.max(room.lastRev, message.rev) };
  }
  if (message.seq > room.lastSeq && message.seq > next.lastReadSeq && mentionsMe(message, me)) {
    next = { ...next, mentionCount: (next.mentionCount ?? 0) + 1 };
  }
  if (message.sender?.id === me && message.seq > next.lastReadSeq) next = { ...next, lastReadSeq: message.seq };
  const unread = Math.max(0, next.lastSeq - next.lastReadSeq);
  if (unread === 0 && next.mentionCount) next = { ...next, mentionCount: 0 };
  return unread === next.unreadCount ? next : { ...next, unreadCount: unread };
}

/** Applies each message in seq order. */
export function roomWithMessages(room: RoomSummary, messages: readonly Message[], me: UserId): RoomSummary {
  return [...messages].sort((a, b) => a.seq - b.seq).reduce((r, m) => roomWithMessage(r, m, me), room);
}

/** An edit, deletion or reaction: refreshes the preview when it is the last message. */
export function roomWithUpdate(room: RoomSummary, message: Message): RoomSummary {
  const lastRev = Math.max(room.lastRev, message.rev);
  if (room.lastMessage?.seq === message.seq && message.rev > room.lastMessage.rev) {
    return { ...room, lastMessage: message, lastRev };
  }
  return lastRev === room.lastRev ? room : { ...room, lastRev };
}

/**
 * I read up to `seq` (here or on another device). Never moves the mark backwards. The mention
 * count is the server's when it tells it, none once everything is read, else what it was.
 */
export function roomWithReadMark(room: RoomSummary, seq: Seq, unreadCount?: number, mentionCount?: number): RoomSummary {
  if (seq < room.lastReadSeq) return room;
  const unread = unreadCount ?? Math.max(0, room.lastSeq - seq);
  const mentioned = mentionCount ?? (unread === 0 ? 0 : (room.mentionCount ?? 0));
  if (seq === room.lastReadSeq && unread === room.unreadCount && mentioned === (room.mentionCount ?? 0)) return room;
  return { ...room, lastReadSeq: seq, unreadCount: unread, mentionCount: mentioned };
}

/** The message names me, or calls on the room, and is not my own. */
export function mentionsMe(message: Message, me: UserId): boolean {
  if (message.kind !== 'text' || message.deleted || !message.sender || message.sender.id === me) return false;
  return message.mentionsRoom === true || (message.mentions ?? []).includes(me);
}

export function totalUnread(rooms: RoomMap): number {
  let total = 0;
  for (const room of Object.values(rooms)) total += room.unreadCount;
  return total;
}

/** Case- and accent-insensitive match on the room name, the peer's username and the description. */
export function matchesFilter(room: RoomSummary, filter: string): boolean {
  const needle = fold(filter.trim());
  if (!needle) return true;
  const haystack = [room.name, room.peer?.username ?? '', room.peer?.displayName ?? ''].map(fold);
  return haystack.some((text) => text.includes(needle));
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
