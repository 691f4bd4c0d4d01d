/**
 * Uploads this browser started for this user and never finished (the page was closed or reloaded
 * under them), as tus remembered them. The composer lists them: attaching the same file again
 * resumes it, "Forget" deletes what the server holds of it (an unfinished upload counts against
 * the user's limit until it expires) and drops the browser's note.
 */
import type { UserId } from '../api/types';

export interface UnfinishedUpload {
  /** The browser's storage key of the note. */
  key: string;
  name: string;
  size: number | null;
  uploadUrl: string | null;
}

/** What tus keeps in the browser, and a way to delete an upload on the server. */
export interface UnfinishedStorage {
  /** Every note whose fingerprint starts with `prefix`. */
  find(prefix: string): Promise<UnfinishedUpload[]>;
  remove(key: string): Promise<void>;
  terminate(uploadUrl: string): Promise<void>;
}

/** The start of every fingerprint this user's uploads get (see UploadsStore). */
export function fingerprintPrefix(userId: UserId): string {
  return `parley/${userId}/`;
}

const NONE: readonly UnfinishedUpload[] = [];

export class UnfinishedUploads {
  private list: readonly UnfinishedUpload[] = NONE;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: UnfinishedStorage,
    private readonly userId: UserId,
  ) {}

  readonly getSnapshot = (): readonly UnfinishedUpload[] => this.list;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads the notes again (after uploads start, finish or are removed). */
  async refresh(): Promise<void> {
    let found: UnfinishedUpload[];
    try {
      found = await this.storage.find(fingerprintPrefix(this.userId));
    } catch {
      found = [];
    }
    const same = found.length === this.list.length && found.every((u, i) => u.key === this.list[i]?.key);
    if (same) return;
    this.list = found.length ? found : NONE;
    for (const listener of [...this.listeners]) listener();
  }

  /** Deletes the upload on the server (if it is still there) and forgets it here. */
  async forget(upload: UnfinishedUpload): Promise<void> {
    if (upload.uploadUrl) await this.storage.terminate(upload.uploadUrl).catch(() => undefined);
    await this.storage.remove(upload.key).catch(() => undefined);
    await this.refresh();
  }
}
