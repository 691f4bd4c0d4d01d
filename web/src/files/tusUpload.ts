/**
 * The real uploads: tus-js-client's `Upload` with the store's settings, and the notes it keeps in
 * `localStorage` of uploads to resume. The library is loaded the first time a file is attached
 * (or a note exists), so the chat does not wait for it; until then a handle only remembers what
 * was asked of it.
 */
import type { Upload } from 'tus-js-client';
import type { AccessTokens } from '../api/client';
import type { UnfinishedStorage } from './unfinishedUploads';
import type { PreviousUploadLike, UploadFactory, UploadHandle, UploadSettings } from './uploadHandle';
import { UPLOAD_ENDPOINT } from './UploadsStore';

let library: Promise<typeof import('tus-js-client')> | null = null;

function load(): Promise<typeof import('tus-js-client')> {
  library ??= import('tus-js-client');
  return library;
}

class LazyUpload implements UploadHandle {
  private upload: Upload | null = null;
  private readonly ready: Promise<Upload>;
  private stopped = false;

  constructor(file: File, settings: UploadSettings) {
    this.ready = load().then((tus) => {
      this.upload = new tus.Upload(file, settings);
      return this.upload;
    });
  }

  get url(): string | null {
    return this.upload?.url ?? null;
  }

  start(): void {
    this.stopped = false;
    void this.ready.then((upload) => {
      if (!this.stopped) upload.start();
    });
  }

  async abort(terminate = false): Promise<void> {
    this.stopped = true;
    const upload = await this.ready;
    await upload.abort(terminate);
  }

  async findPreviousUploads(): Promise<PreviousUploadLike[]> {
    return (await this.ready).findPreviousUploads();
  }

  resumeFromPreviousUpload(previous: PreviousUploadLike): void {
    // Only offered after findPreviousUploads, so the library is loaded by then.
    this.upload?.resumeFromPreviousUpload(previous as Parameters<Upload['resumeFromPreviousUpload']>[0]);
  }
}

export const tusUpload: UploadFactory = (file, settings) => new LazyUpload(file, settings);

const NOTE_PREFIX = 'tus::';

function hasNotes(prefix: string): boolean {
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      if (localStorage.key(i)?.startsWith(NOTE_PREFIX + prefix)) return true;
    }
  } catch {
    return false;
  }
  return false;
}

/** tus's notes of unfinished uploads; deleting one on the server sends a tus DELETE. */
export function tusUnfinishedStorage(tokens: Pick<AccessTokens, 'getAccessToken'>): UnfinishedStorage {
  return {
    find: async (prefix) => {
      if (!hasNotes(prefix)) return [];
      const tus = await load();
      const notes = await tus.defaultOptions.urlStorage.findAllUploads();
      return notes
        .filter((n) => n.urlStorageKey.startsWith(NOTE_PREFIX + prefix))
        .map((n) => ({ key: n.urlStorageKey, name: n.metadata.filename ?? 'file', size: n.size, uploadUrl: n.uploadUrl }));
    },
    remove: async (key) => (await load()).defaultOptions.urlStorage.removeUpload(key),
    terminate: async (uploadUrl) => {
      const url = new URL(uploadUrl, location.href);
      if (url.origin !== location.origin || !url.pathname.startsWith(`${UPLOAD_ENDPOINT}/`)) return;
      const token = await tokens.getAccessToken();
      await fetch(url, { method: 'DELETE', headers: { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0' } });
    },
  };
}
