/**
 * Everything the chat screen shows, in one immutable value, and the one reducer that changes it.
 * Socket events, REST answers and the user's own actions all become actions here, so the rules
 * for merging them live in one place and are testable without a browser.
 */
import type { UserId } from '../api/types';
import * as R from './rooms';
import * as T from './timeline';
import type { Attachment, Member, Message, NotificationSettings, Presence, RoomId, RoomSummary, Seq, SyncResult } from './types';

export interface TypingEntry {
  userId: UserId;
  username: string;
  /** Epoch ms after which the entry is stale even without a stop event. */
  until: number;
}

export interface ChatState {
  me: UserId;
  rooms: R.RoomMap;
  roomsLoaded: boolean;
  timelines: Readonly<Record<RoomId, T.Timeline>>;
  members: Readonly<Record<RoomId, readonly Member[]>>;
  /**
   * What the server last said of each person's presence: the one source every screen reads
   * (the snapshot on connect, batches of changes, answers to watch_presence). Nothing is guessed
   * from activity: a message that arrives through sync or was sent without a connection does not
   * make its sender online.
   */
  presence: Readonly<Record<UserId, Presence>>;
  typing: Readonly<Record<RoomId, readonly TypingEntry[]>>;
  /** Messages fetched on their own, to quote replies whose original is not loaded: key `room:seq`. */
  quotes: Readonly<Record<string, Message | null>>;
  /**
   * Rooms this user has lost (left, removed, deleted) since the list was last loaded: their
   * events are ignored and nothing is fetched for them until they are back in the list.
   */
  gone: Readonly<Record<RoomId, true>>;
  /**
   * My read mark on each thread (key `room:rootSeq`), as the server keeps it: from the roots read
   * for me, `sync`'s marks, `thread_read` events from my devices and my own marking here.
   */
  threadReads: Readonly<Record<string, Seq>>;
}

/** How long a typing indicator lasts without news: a little more than the server's 5 s. */
export const TYPING_TTL_MS = 6_000;

export type ChatAction =
  | { type: 'roomsLoaded'; rooms: readonly RoomSummary[] }
  | { type: 'roomUpserted'; room: RoomSummary }
  | { type: 'roomRemoved'; roomId: RoomId }
  | { type: 'roomRenamed'; roomId: RoomId; name: string; description: string }
  | { type: 'messageReceived'; message: Message }
  | { type: 'messageUpdated'; message: Message }
  | { type: 'historyLoading'; roomId: RoomId }
  | { type: 'historyFailed'; roomId: RoomId }
  | { type: 'latestLoaded'; roomId: RoomId; messages: readonly Message[] }
  | { type: 'aroundLoaded'; roomId: RoomId; messages: readonly Message[] }
  | { type: 'olderLoaded'; roomId: RoomId; messages: readonly Message[]; before?: Seq }
  | { type: 'newerLoaded'; roomId: RoomId; messages: readonly Message[] }
  | { type: 'synced'; result: SyncResult }
  | { type: 'sendStarted'; roomId: RoomId; clientId: string; content: string; replyTo: Seq | null; at: number; attachments?: readonly Attachment[] }
  | { type: 'sendConfirmed'; roomId: RoomId; message: Message }
  | { type: 'sendFailed'; roomId: RoomId; clientId: string; error: string }
  | { type: 'sendRetried'; roomId: RoomId; clientId: string }
  | { type: 'sendDiscarded'; roomId: RoomId; clientId: string }
  | { type: 'readMarked'; roomId: RoomId; seq: Seq; unreadCount?: number; mentionCount?: number }
  | { type: 'threadRead'; roomId: RoomId; rootSeq: Seq; seq: Seq }
  | { type: 'notificationsSet'; roomId: RoomId; settings: NotificationSettings }
  | { type: 'readReceipt'; roomId: RoomId; userId: UserId; seq: Seq }
  | { type: 'membersLoaded'; roomId: RoomId; members: readonly Member[] }
  | { type: 'memberUpserted'; roomId: RoomId; member: Member; added?: boolean }
  | { type: 'memberRemoved'; roomId: RoomId; userId: UserId }
  | { type: 'presenceSnapshot'; users: readonly Presence[] }
  | { type: 'presenceBatch'; users: readonly Presence[] }
  | { type: 'typingStarted'; roomId: RoomId; userId: UserId; username: string; now: number }
  | { type: 'typingStopped'; roomId: RoomId; userId: UserId }
  | { type: 'typingExpired'; now: number }
  | { type: 'quoteLoaded'; roomId: RoomId; seq: Seq; message: Message | null };

export function initialChatState(me: UserId): ChatState {
  return {
    me,
    rooms: {},
    roomsLoaded: false,
    timelines: {},
    members: {},
    presence: {},
    typing: {},
    quotes: {},
    gone: {},
    threadReads: {},
  };
}

export function timelineOf(state: ChatState, roomId: RoomId): T.Timeline {
  return state.timelines[roomId] ?? T.emptyTimeline;
}

/** The seq and rev a `sync` for this room starts after. */
export interface SyncCursor {
  seq: Seq;
  rev: number;
}

/**
 * Where this client's copy of a room stops being gap-free. An open room at its latest messages
 * holds them itself: the end of the unbroken run from its first message. Any other room (not
 * opened, or opened at an old message) knows the room through its summary: its last seq.
 * Null for a room this client does not know.
 */
export function heldThrough(state: ChatState, roomId: RoomId): Seq | null {
  const timeline = timelineOf(state, roomId);
  if (timeline.state === 'ready' && !timeline.hasNewer) return T.contiguousEnd(timeline) ?? 0;
  return state.rooms[roomId]?.lastSeq ?? null;
}

/** The newest seq this client has heard of in a room. */
export function newestSeq(state: ChatState, roomId: RoomId): Seq {
  return Math.max(state.rooms[roomId]?.lastSeq ?? 0, T.lastSeq(timelineOf(state, roomId)) ?? 0);
}

/** Where a sync of this room starts: from the held run's end, never past a hole. */
export function syncCursor(state: ChatState, roomId: RoomId): SyncCursor {
  const timeline = timelineOf(state, roomId);
  const seq = heldThrough(state, roomId) ?? 0;
  const live = timeline.state === 'ready' && !timeline.hasNewer;
  return { seq, rev: live ? timeline.maxRev : (state.rooms[roomId]?.lastRev ?? 0) };
}

function withTimeline(state: ChatState, roomId: RoomId, change: (t: T.Timeline) => T.Timeline): ChatState {
  if (state.gone[roomId]) return state;
  const current = timelineOf(state, roomId);
  const next = change(current);
  return next === current ? state : { ...state, timelines: { ...state.timelines, [roomId]: next } };
}

function withRoom(state: ChatState, roomId: RoomId, change: (r: RoomSummary) => RoomSummary): ChatState {
  const room = state.rooms[roomId];
  if (!room) return state;
  const next = change(room);
  return next === room ? state : { ...state, rooms: { ...state.rooms, [roomId]: next } };
}

function withMembers(state: ChatState, roomId: RoomId, change: (m: readonly Member[]) => readonly Member[]): ChatState {
  const members = state.members[roomId];
  if (!members) return state;
  const next = change(members);
  return next === members ? state : { ...state, members: { ...state.members, [roomId]: next } };
}

/** A member who sent a message has read the room up to it. */
function senderRead(state: ChatState, message: Message): ChatState {
  const sender = message.sender?.id;
  if (sender === undefined) return state;
  return withMembers(state, message.roomId, (members) => readUpTo(members, sender, message.seq));
}

function readUpTo(members: readonly Member[], userId: UserId, seq: Seq): readonly Member[] {
  const at = members.findIndex((m) => m.userId === userId);
  const member = members[at];
  if (!member || member.lastReadSeq >= seq) return members;
  const next = [...members];
  next[at] = { ...member, lastReadSeq: seq };
  return next;
}

function withoutTypist(state: ChatState, roomId: RoomId, userId: UserId): ChatState {
  const entries = state.typing[roomId];
  if (!entries?.some((e) => e.userId === userId)) return state;
  return { ...state, typing: { ...state.typing, [roomId]: entries.filter((e) => e.userId !== userId) } };
}

function receive(state: ChatState, message: Message): ChatState {
  let next = withTimeline(state, message.roomId, (t) => T.addMessages(t, [message]));
  next = withRoom(next, message.roomId, (r) => R.roomWithMessage(r, message, state.me));
  next = senderRead(next, message);
  if (message.sender) next = withoutTypist(next, message.roomId, message.sender.id);
  return next;
}

function update(state: ChatState, message: Message): ChatState {
  let next = withTimeline(state, message.roomId, (t) => T.applyUpdates(t, [message]));
  next = withRoom(next, message.roomId, (r) => R.roomWithUpdate(r, message));
  const key = quoteKey(message.roomId, message.seq);
  const quoted = next.quotes[key];
  if (quoted && message.rev > quoted.rev) next = { ...next, quotes: { ...next.quotes, [key]: message } };
  return next;
}

function applySync(state: ChatState, result: SyncResult): ChatState {
  let next = state;
  for (const room of result.rooms) {
    next = withTimeline(next, room.roomId, (t) => {
      const withNew = room.truncated ? t : T.addMessages(t, room.messages);
      return T.applyUpdates(withNew, room.changed);
    });
    next = withRoom(next, room.roomId, (r) => {
      const counted = R.roomWithMessages(r, room.messages, state.me);
      const updated = room.changed.reduce(R.roomWithUpdate, counted);
      return { ...updated, lastSeq: Math.max(updated.lastSeq, room.lastSeq), lastRev: Math.max(updated.lastRev, room.lastRev) };
    });
    for (const message of room.messages) next = senderRead(next, message);
  }
  for (const roomId of result.gone) next = removeRoomState(next, roomId);
  return next;
}

function removeRoomState(state: ChatState, roomId: RoomId): ChatState {
  if (state.gone[roomId] && !(roomId in state.rooms)) return state;
  const timelines = { ...state.timelines };
  delete timelines[roomId];
  const members = { ...state.members };
  delete members[roomId];
  const typing = { ...state.typing };
  delete typing[roomId];
  const gone = { ...state.gone, [roomId]: true as const };
  const prefix = `${roomId}:`;
  const threadReads = Object.fromEntries(Object.entries(state.threadReads).filter(([key]) => !key.startsWith(prefix)));
  return { ...state, rooms: R.removeRoom(state.rooms, roomId), timelines, members, typing, gone, threadReads };
}

/** Rooms that are in the list again (re-added) are no longer gone. */
function back(state: ChatState, roomIds: readonly RoomId[]): ChatState {
  if (!roomIds.some((id) => state.gone[id])) return state;
  const gone = { ...state.gone };
  for (const id of roomIds) delete gone[id];
  return { ...state, gone };
}

/**
 * A group's member count follows its member list whenever the list is loaded, so a change heard
 * twice (from the REST answer and from the socket event), in either order, counts once.
 */
function countMembers(state: ChatState, roomId: RoomId): ChatState {
  const members = state.members[roomId];
  if (!members) return state;
  return withRoom(state, roomId, (r) => (r.memberCount === members.length ? r : { ...r, memberCount: members.length }));
}

function countAllMembers(state: ChatState): ChatState {
  return Object.keys(state.members).reduce((next, id) => countMembers(next, Number(id)), state);
}

export function quoteKey(roomId: RoomId, seq: Seq): string {
  return `${roomId}:${seq}`;
}

/** The thread key of a root: `room:rootSeq`. */
export function threadKey(roomId: RoomId, rootSeq: Seq): string {
  return `${roomId}:${rootSeq}`;
}

interface ThreadMarkOf {
  roomId: RoomId;
  rootSeq: Seq;
  seq: Seq;
}

/** Moves my marks forward to what these marks say (never back), except in rooms I lost. */
function withThreadReads(state: ChatState, marks: readonly ThreadMarkOf[]): ChatState {
  let reads: Record<string, Seq> | null = null;
  for (const { roomId, rootSeq, seq } of marks) {
    const key = threadKey(roomId, rootSeq);
    const known = (reads ?? state.threadReads)[key];
    if (state.gone[roomId] || (known !== undefined && known >= seq)) continue;
    reads ??= { ...state.threadReads };
    reads[key] = seq;
  }
  return reads ? { ...state, threadReads: reads } : state;
}

/** The marks that roots read for me carry. */
function marksOn(messages: readonly Message[]): ThreadMarkOf[] {
  const marks: ThreadMarkOf[] = [];
  for (const m of messages) {
    const seq = m.thread?.lastReadSeq;
    if (typeof seq === 'number') marks.push({ roomId: m.roomId, rootSeq: m.seq, seq });
  }
  return marks;
}

/** The thread marks an action brings: on the roots it carries, and in a sync's lists. */
function marksIn(action: ChatAction): ThreadMarkOf[] {
  switch (action.type) {
    case 'latestLoaded':
    case 'aroundLoaded':
    case 'olderLoaded':
    case 'newerLoaded':
      return marksOn(action.messages);
    case 'synced':
      return action.result.rooms.flatMap((room) => [
        ...marksOn(room.messages),
        ...marksOn(room.changed),
        ...(room.threadReads ?? []).map((m) => ({ roomId: room.roomId, rootSeq: m.rootSeq, seq: m.lastReadSeq })),
      ]);
    case 'threadRead':
      return [{ roomId: action.roomId, rootSeq: action.rootSeq, seq: action.seq }];
    default:
      return [];
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  const next = reduce(state, action);
  const marks = marksIn(action);
  return marks.length === 0 ? next : withThreadReads(next, marks);
}

function reduce(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'threadRead':
      return state;
    case 'roomsLoaded': {
      const next = { ...state, rooms: R.replaceRooms(state.rooms, action.rooms), roomsLoaded: true };
      return countAllMembers(back(next, action.rooms.map((r) => r.id)));
    }
    case 'roomUpserted':
      return countMembers(back({ ...state, rooms: R.upsertRoom(state.rooms, action.room) }, [action.room.id]), action.room.id);
    case 'roomRemoved':
      return removeRoomState(state, action.roomId);
    case 'notificationsSet':
      return withRoom(state, action.roomId, (r) => ({ ...r, notifications: action.settings }));
    case 'roomRenamed':
      return withRoom(state, action.roomId, (r) => ({ ...r, name: action.name, description: action.description }));
    case 'messageReceived':
      return receive(state, action.message);
    case 'messageUpdated':
      return update(state, action.message);
    case 'historyLoading':
      return withTimeline(state, action.roomId, T.startLoading);
    case 'historyFailed':
      return withTimeline(state, action.roomId, T.loadFailed);
    case 'latestLoaded': {
      let next = withTimeline(state, action.roomId, (t) => T.loadLatest(t, action.messages));
      next = withRoom(next, action.roomId, (r) => R.roomWithMessages(r, action.messages, state.me));
      return next;
    }
    case 'aroundLoaded': {
      const roomLast = state.rooms[action.roomId]?.lastSeq ?? 0;
      return withTimeline(state, action.roomId, (t) => T.loadAround(t, action.messages, roomLast));
    }
    case 'olderLoaded':
      return withTimeline(state, action.roomId, (t) => T.addOlder(t, action.messages, action.before));
    case 'newerLoaded': {
      const roomLast = state.rooms[action.roomId]?.lastSeq ?? 0;
      const last = action.messages.at(-1)?.seq ?? 0;
      return withTimeline(state, action.roomId, (t) => T.addNewer(t, action.messages, Math.max(roomLast, last)));
    }
    case 'synced':
      return applySync(state, action.result);
    case 'sendStarted':
      return withTimeline(state, action.roomId, (t) =>
        T.addPending(t, {
          clientId: action.clientId,
          content: action.content,
          replyTo: action.replyTo,
          createdAt: action.at,
          ...(action.attachments?.length ? { attachments: action.attachments } : {}),
        }),
      );
    case 'sendConfirmed':
      return receive(state, action.message);
    case 'sendFailed':
      return withTimeline(state, action.roomId, (t) => T.failSend(t, action.clientId, action.error));
    case 'sendRetried':
      return withTimeline(state, action.roomId, (t) => T.retrySend(t, action.clientId));
    case 'sendDiscarded':
      return withTimeline(state, action.roomId, (t) => T.discardPending(t, action.clientId));
    case 'readMarked': {
      const next = withRoom(state, action.roomId, (r) => R.roomWithReadMark(r, action.seq, action.unreadCount, action.mentionCount));
      return withMembers(next, action.roomId, (m) => readUpTo(m, state.me, action.seq));
    }
    case 'readReceipt':
      return withMembers(state, action.roomId, (m) => readUpTo(m, action.userId, action.seq));
    case 'membersLoaded':
      if (state.gone[action.roomId]) return state;
      return countMembers({ ...state, members: { ...state.members, [action.roomId]: action.members } }, action.roomId);
    case 'memberUpserted': {
      const known = state.members[action.roomId];
      let next = withMembers(state, action.roomId, (members) => {
        const at = members.findIndex((m) => m.userId === action.member.userId);
        if (at < 0) return [...members, action.member];
        const copy = [...members];
        copy[at] = action.member;
        return copy;
      });
      if (known) next = countMembers(next, action.roomId);
      else if (action.added) next = withRoom(next, action.roomId, (r) => ({ ...r, memberCount: r.memberCount + 1 }));
      return action.member.userId === state.me
        ? withRoom(next, action.roomId, (r) => (r.role === action.member.role ? r : { ...r, role: action.member.role }))
        : next;
    }
    case 'memberRemoved': {
      if (action.userId === state.me) return removeRoomState(state, action.roomId);
      let next = withMembers(state, action.roomId, (members) => {
        const kept = members.filter((m) => m.userId !== action.userId);
        return kept.length === members.length ? members : kept;
      });
      next = state.members[action.roomId]
        ? countMembers(next, action.roomId)
        : withRoom(next, action.roomId, (r) => ({ ...r, memberCount: Math.max(1, r.memberCount - 1) }));
      return withoutTypist(next, action.roomId, action.userId);
    }
    case 'presenceSnapshot':
    case 'presenceBatch': {
      // merged, not replaced: after a reconnect the watched people are asked for again
      // (presenceWatch), and until the answer the list shows their last known state, not a flash of offline
      if (action.users.length === 0) return state;
      const presence = { ...state.presence };
      for (const p of action.users) presence[p.userId] = p;
      return { ...state, presence };
    }
    case 'typingStarted': {
      if (action.userId === state.me || state.gone[action.roomId]) return state;
      const entries = state.typing[action.roomId] ?? [];
      const entry: TypingEntry = { userId: action.userId, username: action.username, until: action.now + TYPING_TTL_MS };
      const others = entries.filter((e) => e.userId !== action.userId);
      return { ...state, typing: { ...state.typing, [action.roomId]: [...others, entry] } };
    }
    case 'typingStopped':
      return withoutTypist(state, action.roomId, action.userId);
    case 'typingExpired': {
      let changed = false;
      const typing: Record<RoomId, readonly TypingEntry[]> = {};
      for (const [roomId, entries] of Object.entries(state.typing)) {
        const live = entries.filter((e) => e.until > action.now);
        if (live.length !== entries.length) changed = true;
        if (live.length) typing[Number(roomId)] = live;
        else if (entries.length) changed = true;
      }
      return changed ? { ...state, typing } : state;
    }
    case 'quoteLoaded':
      return { ...state, quotes: { ...state.quotes, [quoteKey(action.roomId, action.seq)]: action.message } };
  }
}

/** Whether anyone is typing anywhere: the store runs an expiry timer only then. */
export function anyoneTyping(state: ChatState): boolean {
  return Object.values(state.typing).some((entries) => entries.length > 0);
}
