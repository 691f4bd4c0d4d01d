/**
 * The real uploads: tus-js-client's `Upload` with the store's settings. The library is loaded the
 * first time a file is attached, so the chat does not wait for it; until then the handle only
 * remembers what was asked of it.
 */
import type { Upload } from 'tus-js-client';
import type { PreviousUploadLike, UploadFactory, UploadHandle, UploadSettings } from './UploadsStore';

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
