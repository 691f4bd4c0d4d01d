/**
 * Sends the files a person attaches, over tus (`/api/uploads`), and the message that goes with
 * them once every file is stored. Each file is one tus upload: chunked, retried by itself after a
 * dropped connection, remembered in this browser (by a fingerprint of the user and the file) so
 * that after a reload picking the same file again offers to resume it. At most MAX_ACTIVE uploads
 * run at once (the server limits concurrent uploads per user); the rest wait their turn.
 *
 * Every request carries a fresh access token (`onBeforeRequest`). The store holds its state in
 * `uploadsReducer` and notifies subscribers on every change; the tus objects live beside it.
 */
import type { AccessTokens } from '../api/client';
import type { UserId } from '../api/types';
import type { Attachment, RoomId, Seq } from '../chat/types';
import { fingerprintPrefix } from './unfinishedUploads';
import type { PreviousUploadLike, UploadFactory, UploadHandle } from './uploadHandle';
import { describeUploadError, shouldRetryUpload, uploadErrorStatus } from './uploadErrors';
import {
  activeCount,
  allDone,
  attachmentsOf,
  findChip,
  roomUploads,
  uploadsReducer,
  type UploadsAction,
  type UploadsState,
} from './uploadsState';

/** Sends the message once its files are stored (the chat store's `messages.send`). */
export type SendWithAttachments = (roomId: RoomId, content: string, replyTo: Seq | null, attachments: Attachment[]) => void;

export interface UploadsStoreOptions {
  createUpload: UploadFactory;
  tokens: Pick<AccessTokens, 'getAccessToken' | 'refresh'>;
  userId: UserId;
  send: SendWithAttachments;
  /** Object URLs for image previews; the browser's by default. */
  previews?: { create(file: File): string; revoke(url: string): void };
  chunkSize?: number;
  retryDelays?: number[];
}

export const UPLOAD_ENDPOINT = '/api/uploads';
export const MAX_ACTIVE = 3;
/** The server takes at most this many files with one message. */
export const MAX_FILES_PER_MESSAGE = 10;
const DEFAULT_CHUNK = 2 * 1024 * 1024;
const DEFAULT_RETRY_DELAYS = [0, 1_000, 3_000, 5_000, 10_000, 20_000, 30_000];

/** The file id is the upload's id: the last path segment of its URL. */
export function fileIdOf(uploadUrl: string): string {
  const path = uploadUrl.split(/[?#]/)[0]!.replace(/\/+$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

interface Entry {
  file: File;
  upload: UploadHandle;
  previous: PreviousUploadLike | null;
  /** The token sent last, to renew it when refused. */
  token: string;
}

const browserPreviews = {
  create: (file: File) => URL.createObjectURL(file),
  revoke: (url: string) => URL.revokeObjectURL(url),
};

let nextKey = 0;

export class UploadsStore {
  private state: UploadsState = {};
  private readonly listeners = new Set<() => void>();
  private readonly entries = new Map<string, Entry>();
  private readonly previews: NonNullable<UploadsStoreOptions['previews']>;

  constructor(private readonly options: UploadsStoreOptions) {
    this.previews = options.previews ?? browserPreviews;
  }

  readonly getState = (): UploadsState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Attaches files to the room's next message; each starts uploading unless it can be resumed.
   * Files beyond MAX_FILES_PER_MESSAGE are left out: returns how many.
   */
  add(roomId: RoomId, files: Iterable<File>): number {
    let left = 0;
    for (const file of files) {
      if (roomUploads(this.state, roomId).chips.length >= MAX_FILES_PER_MESSAGE) {
        left += 1;
        continue;
      }
      const key = `upload-${++nextKey}`;
      const previewUrl = file.type.startsWith('image/') ? this.previews.create(file) : null;
      this.dispatch({ type: 'added', chip: { key, roomId, name: file.name, size: file.size, type: file.type, previewUrl } });
      const entry: Entry = { file, upload: this.createUpload(key, file), previous: null, token: '' };
      this.entries.set(key, entry);
      void this.check(key, entry);
    }
    return left;
  }

  /** Goes on with the unfinished upload of the same file from an earlier visit. */
  resume(key: string): void {
    const entry = this.entries.get(key);
    const chip = findChip(this.state, key);
    if (!entry || chip?.status !== 'resumable') return;
    if (entry.previous) entry.upload.resumeFromPreviousUpload(entry.previous);
    this.dispatch({ type: 'waiting', key });
    this.pump();
  }

  /** Uploads the file afresh instead of resuming the earlier upload. */
  startOver(key: string): void {
    const entry = this.entries.get(key);
    if (!entry || findChip(this.state, key)?.status !== 'resumable') return;
    entry.previous = null;
    this.dispatch({ type: 'waiting', key });
    this.pump();
  }

  /** Stops an upload but keeps the file: "Retry" goes on where it stopped. */
  cancel(key: string): void {
    const entry = this.entries.get(key);
    const status = findChip(this.state, key)?.status;
    if (!entry || (status !== 'uploading' && status !== 'waiting')) return;
    if (status === 'uploading') void entry.upload.abort(false).catch(() => undefined);
    this.dispatch({ type: 'failed', key, error: 'Upload cancelled.' });
    this.pump();
  }

  /** Tries a failed upload again; tus asks the server how much it already has. */
  retry(key: string): void {
    if (findChip(this.state, key)?.status !== 'failed') return;
    this.dispatch({ type: 'waiting', key });
    this.pump();
  }

  /**
   * Removes a file from the message. What the server already holds of it is deleted there (an
   * unfinished upload, or a stored file no message carries); an earlier upload only offered for
   * resuming is left alone.
   */
  remove(key: string): void {
    const chip = findChip(this.state, key);
    if (!chip) return;
    const entry = this.entries.get(key);
    this.entries.delete(key);
    if (entry && chip.status !== 'resumable' && chip.status !== 'checking') {
      void entry.upload.abort(entry.upload.url !== null).catch(() => undefined);
    }
    if (chip.previewUrl) this.previews.revoke(chip.previewUrl);
    this.dispatch({ type: 'removed', key });
    this.sendIfReady(chip.roomId);
    this.pump();
  }

  /**
   * Sends the message with the room's files: at once when every file is stored, otherwise as
   * soon as the last one is. Returns false when the room has no files (send it as plain text).
   */
  send(roomId: RoomId, content: string, replyTo: Seq | null): boolean {
    if (roomUploads(this.state, roomId).chips.length === 0) return false;
    this.dispatch({ type: 'queued', roomId, message: { content, replyTo } });
    this.sendIfReady(roomId);
    return true;
  }

  /** Keeps the files but no longer sends the queued message by itself. */
  unqueue(roomId: RoomId): void {
    this.dispatch({ type: 'unqueued', roomId });
  }

  /** Stops every upload (they stay resumable) and forgets everything. */
  stop(): void {
    for (const entry of this.entries.values()) void entry.upload.abort(false).catch(() => undefined);
    this.entries.clear();
    for (const room of Object.values(this.state)) {
      for (const chip of room.chips) if (chip.previewUrl) this.previews.revoke(chip.previewUrl);
    }
    this.state = {};
    this.listeners.clear();
  }

  private dispatch(action: UploadsAction): void {
    const next = uploadsReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }

  private async check(key: string, entry: Entry): Promise<void> {
    let previous: PreviousUploadLike[] = [];
    try {
      previous = await entry.upload.findPreviousUploads();
    } catch {
      previous = [];
    }
    if (this.entries.get(key) !== entry) return;
    const resumable = previous
      .filter((p) => p.uploadUrl)
      .sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime))[0];
    if (resumable) {
      entry.previous = resumable;
      this.dispatch({ type: 'resumable', key, sent: 0 });
    } else {
      this.dispatch({ type: 'waiting', key });
      this.pump();
    }
  }

  /** Starts waiting uploads, oldest first, while fewer than MAX_ACTIVE run. */
  private pump(): void {
    for (const room of Object.values(this.state)) {
      for (const chip of room.chips) {
        if (activeCount(this.state) >= MAX_ACTIVE) return;
        if (chip.status !== 'waiting') continue;
        const entry = this.entries.get(chip.key);
        if (!entry) continue;
        this.dispatch({ type: 'started', key: chip.key });
        entry.upload.start();
      }
    }
  }

  private sendIfReady(roomId: RoomId): void {
    const room = roomUploads(this.state, roomId);
    if (!room.queued || !allDone(room)) return;
    const { content, replyTo } = room.queued;
    const attachments = attachmentsOf(room);
    for (const chip of room.chips) {
      this.entries.delete(chip.key);
      if (chip.previewUrl) this.previews.revoke(chip.previewUrl);
    }
    this.dispatch({ type: 'cleared', roomId });
    this.options.send(roomId, content, replyTo, attachments);
  }

  private createUpload(key: string, file: File): UploadHandle {
    const { userId, tokens } = this.options;
    const entry = () => this.entries.get(key);
    return this.options.createUpload(file, {
      endpoint: UPLOAD_ENDPOINT,
      chunkSize: this.options.chunkSize ?? DEFAULT_CHUNK,
      retryDelays: this.options.retryDelays ?? DEFAULT_RETRY_DELAYS,
      metadata: { filename: file.name, filetype: file.type || 'application/octet-stream' },
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      fingerprint: (f) => Promise.resolve(fingerprintPrefix(userId) + [f.name, f.type, f.size, f.lastModified].join('/')),
      onBeforeRequest: async (request) => {
        const token = await tokens.getAccessToken();
        const current = entry();
        if (current) current.token = token;
        request.setHeader('Authorization', `Bearer ${token}`);
      },
      onProgress: (bytesSent) => this.dispatch({ type: 'progressed', key, sent: bytesSent }),
      onSuccess: () => {
        const current = entry();
        if (!current?.upload.url) return;
        const roomId = findChip(this.state, key)?.roomId;
        this.dispatch({ type: 'finished', key, fileId: fileIdOf(current.upload.url) });
        if (roomId !== undefined) this.sendIfReady(roomId);
        this.pump();
      },
      onError: (error) => {
        if (!entry()) return;
        this.dispatch({ type: 'failed', key, error: describeUploadError(error) });
        this.pump();
      },
      onShouldRetry: (error, retryAttempt) => {
        if (uploadErrorStatus(error) === 401 && retryAttempt === 0) {
          const stale = entry()?.token;
          if (stale) void tokens.refresh(stale).catch(() => undefined);
          return true;
        }
        return shouldRetryUpload(error);
      },
    });
  }
}
