/** Shapes of the chat API and socket events, exactly as the server sends them. */
import type { UserId, UserSummary } from '../api/types';

export type RoomId = number;
export type Seq = number;

export interface Reaction {
  emoji: string;
  count: number;
  userIds: UserId[];
}

/** What a file is shown as: `kind` is decided by the server from the file's bytes. */
export type AttachmentKind = 'image' | 'video' | 'audio' | 'pdf' | 'file';

/**
 * A file attached to a message. `url` and `thumbnailUrl` need the Bearer header; pages that load
 * them through `<img>` or `<video>` use signed links instead (files/signedLinks.ts).
 */
export interface Attachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  kind: AttachmentKind;
  width?: number;
  height?: number;
  url: string;
  /** Absent until the server has made a preview, or when none can be made. */
  thumbnailUrl?: string;
}

export interface Message {
  id: number;
  roomId: RoomId;
  seq: Seq;
  /** The room's revision counter when this message last changed. */
  rev: number;
  kind: 'text' | 'system';
  content: string;
  /** Null for system messages. */
  sender: UserSummary | null;
  clientId: string | null;
  /** The seq of the message this one answers. */
  replyTo: Seq | null;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  reactions: Reaction[];
  /** In position order; `[]` when none (absent from servers that predate files). */
  attachments?: Attachment[];
  /** Ids of the members the text names with `@username`. */
  mentions?: UserId[];
  /** The text calls on the whole room (`@room` by an owner or admin). */
  mentionsRoom?: boolean;
  /** Set on a reply in a thread: the seq of the thread's root. Replies are not shown in the timeline. */
  threadRootSeq?: Seq | null;
  /** On a thread's root: its summary; null (or absent) until someone replies in it. */
  thread?: ThreadSummary | null;
}

/** What a member is notified of in a room. */
export type NotificationLevel = 'all' | 'mentions' | 'nothing';

/**
 * A member's notifications for a room: the level, and a mute until `mutedUntil` (epoch ms) during
 * which the room notifies only mentions; null when not muted.
 */
export interface NotificationSettings {
  level: NotificationLevel;
  mutedUntil: number | null;
}

/** What a thread's root says of its replies. */
export interface ThreadSummary {
  replyCount: number;
  lastReplyAt: number;
  /** The seq of the newest reply. */
  lastReplySeq: Seq;
  /** The last (up to three) distinct people who replied, newest first. */
  lastReplierIds: UserId[];
  /**
   * How far I have read the thread (0 when never), kept by the server; only in what was read for
   * me (history, a thread, sync), never in the room's live events.
   */
  lastReadSeq?: Seq;
}

/** One of my thread read marks, as `sync` lists them. */
export interface ThreadMark {
  rootSeq: Seq;
  lastReadSeq: Seq;
}

/** `GET /api/rooms/{id}/messages/{seq}/thread`: the root and its replies, oldest first. */
export interface ThreadPage {
  root: Message;
  replies: Message[];
}

export type Role = 'owner' | 'admin' | 'member';

export interface RoomSummary {
  id: RoomId;
  kind: 'direct' | 'group';
  /** For direct rooms: the other person's display name. */
  name: string;
  description: string;
  createdAt: number;
  lastSeq: Seq;
  lastRev: number;
  lastMessageAt: number | null;
  role: Role;
  lastReadSeq: Seq;
  unreadCount: number;
  memberCount: number;
  lastMessage: Message | null;
  peer: UserSummary | null;
  /** Unread messages that mention me or the room. */
  mentionCount?: number;
  notifications?: NotificationSettings;
}

export interface Member {
  userId: UserId;
  username: string;
  displayName: string | null;
  role: Role;
  joinedAt: number;
  lastReadSeq: Seq;
}

export type PresenceStatus = 'online' | 'away' | 'offline';

export interface Presence {
  userId: UserId;
  status: PresenceStatus;
  lastSeenAt: number | null;
}

export interface SyncRoom {
  roomId: RoomId;
  messages: Message[];
  changed: Message[];
  lastSeq: Seq;
  lastRev: number;
  truncated: boolean;
  /** My thread read marks in the room that moved last. */
  threadReads?: ThreadMark[];
}

export interface SyncResult {
  rooms: SyncRoom[];
  gone: RoomId[];
}

/** A piece of a search snippet; `match` marks the words the query matched. */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

export interface SearchHit {
  message: Message;
  room: { id: RoomId; name: string; kind: 'direct' | 'group' };
  /** An excerpt of the message in segments (or, from older servers, text with «matched» terms). */
  snippet: SnippetSegment[] | string;
  score?: number;
}

export interface SearchPage {
  hits: SearchHit[];
  nextCursor: string | null;
}
