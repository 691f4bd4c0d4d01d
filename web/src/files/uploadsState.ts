/**
 * The files a person is attaching, per room, as one immutable value changed only by
 * `uploadsReducer`. Each file is a chip: checked for an earlier unfinished upload, offered for
 * resuming, waiting for its turn, uploading with progress, done (it has a file id), or failed with a reason. A room may
 * also hold a queued message: the text sent once every chip is done.
 *
 * Invariants: a chip's `sent` is between 0 and its `size` (and equals it when done); `fileId`
 * is set exactly when the chip is done, and a done chip stays done; a room without chips holds
 * nothing, so a queued message exists only while the room has chips.
 */
import type { Attachment, AttachmentKind, RoomId, Seq } from '../chat/types';
import { kindOfType } from './fileFormat';

export type UploadStatus = 'checking' | 'resumable' | 'waiting' | 'uploading' | 'done' | 'failed';

export interface UploadChip {
  key: string;
  roomId: RoomId;
  name: string;
  size: number;
  type: string;
  kind: AttachmentKind;
  /** An object URL of the picked image, for its thumbnail; null for other files. */
  previewUrl: string | null;
  status: UploadStatus;
  /** Bytes the server has confirmed or is receiving. */
  sent: number;
  fileId: string | null;
  error: string | null;
}

export interface QueuedMessage {
  content: string;
  replyTo: Seq | null;
}

export interface RoomUploads {
  chips: readonly UploadChip[];
  queued: QueuedMessage | null;
}

export type UploadsState = Readonly<Record<RoomId, RoomUploads>>;

export type UploadsAction =
  | { type: 'added'; chip: Pick<UploadChip, 'key' | 'roomId' | 'name' | 'size' | 'type' | 'previewUrl'> }
  | { type: 'resumable'; key: string; sent: number }
  | { type: 'waiting'; key: string }
  | { type: 'started'; key: string }
  | { type: 'progressed'; key: string; sent: number }
  | { type: 'finished'; key: string; fileId: string }
  | { type: 'failed'; key: string; error: string }
  | { type: 'removed'; key: string }
  | { type: 'queued'; roomId: RoomId; message: QueuedMessage }
  | { type: 'unqueued'; roomId: RoomId }
  | { type: 'cleared'; roomId: RoomId };

export const noUploads: RoomUploads = { chips: [], queued: null };

export function roomUploads(state: UploadsState, roomId: RoomId): RoomUploads {
  return state[roomId] ?? noUploads;
}

export function findChip(state: UploadsState, key: string): UploadChip | undefined {
  for (const room of Object.values(state)) {
    const chip = room.chips.find((c) => c.key === key);
    if (chip) return chip;
  }
  return undefined;
}

/** How many of these chips are being sent right now. */
export function activeCount(state: UploadsState): number {
  let count = 0;
  for (const room of Object.values(state)) count += room.chips.filter((c) => c.status === 'uploading').length;
  return count;
}

/** Every chip is done (and there is at least one): the message can go. */
export function allDone(room: RoomUploads): boolean {
  return room.chips.length > 0 && room.chips.every((c) => c.status === 'done');
}

/** The files of a room's done chips, as the message's attachments (until the server's copy arrives). */
export function attachmentsOf(room: RoomUploads): Attachment[] {
  return room.chips.flatMap((c) =>
    c.fileId === null
      ? []
      : [{ id: c.fileId, name: c.name, size: c.size, contentType: c.type, kind: c.kind, url: `/api/files/${c.fileId}/content` }],
  );
}

function withRoom(state: UploadsState, roomId: RoomId, change: (room: RoomUploads) => RoomUploads): UploadsState {
  const current = roomUploads(state, roomId);
  const next = change(current);
  if (next === current) return state;
  const copy = { ...state };
  if (next.chips.length === 0) delete copy[roomId];
  else copy[roomId] = next;
  return copy;
}

function withChip(state: UploadsState, key: string, change: (chip: UploadChip) => UploadChip): UploadsState {
  const chip = findChip(state, key);
  if (!chip) return state;
  return withRoom(state, chip.roomId, (room) => {
    const next = change(chip);
    return next === chip ? room : { ...room, chips: room.chips.map((c) => (c.key === key ? next : c)) };
  });
}

export function uploadsReducer(state: UploadsState, action: UploadsAction): UploadsState {
  switch (action.type) {
    case 'added': {
      const chip: UploadChip = {
        ...action.chip,
        kind: kindOfType(action.chip.type),
        status: 'checking',
        sent: 0,
        fileId: null,
        error: null,
      };
      return withRoom(state, chip.roomId, (room) => ({ ...room, chips: [...room.chips, chip] }));
    }
    case 'resumable':
      return withChip(state, action.key, (c) => ({ ...c, status: 'resumable', sent: Math.min(action.sent, c.size) }));
    case 'waiting':
      return withChip(state, action.key, (c) => (c.status === 'done' ? c : { ...c, status: 'waiting', error: null }));
    case 'started':
      return withChip(state, action.key, (c) => (c.status === 'done' ? c : { ...c, status: 'uploading', error: null }));
    case 'progressed':
      return withChip(state, action.key, (c) =>
        c.status !== 'uploading' ? c : { ...c, sent: Math.max(0, Math.min(action.sent, c.size)) },
      );
    case 'finished':
      return withChip(state, action.key, (c) => ({ ...c, status: 'done', sent: c.size, fileId: action.fileId, error: null }));
    case 'failed':
      return withChip(state, action.key, (c) => (c.status === 'done' ? c : { ...c, status: 'failed', error: action.error }));
    case 'removed': {
      const chip = findChip(state, action.key);
      if (!chip) return state;
      return withRoom(state, chip.roomId, (room) => ({ ...room, chips: room.chips.filter((c) => c.key !== action.key) }));
    }
    case 'queued':
      return withRoom(state, action.roomId, (room) => (room.chips.length ? { ...room, queued: action.message } : room));
    case 'unqueued':
      return withRoom(state, action.roomId, (room) => (room.queued ? { ...room, queued: null } : room));
    case 'cleared':
      return withRoom(state, action.roomId, () => noUploads);
  }
}
