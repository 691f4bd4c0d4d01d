/**
 * What the uploads store needs of one tus upload, and the settings it gives each: a subset of
 * tus-js-client's `Upload` and its options, so tests can stand in for the library.
 */

/** One upload: tus-js-client's `Upload`, or a fake in tests. */
export interface UploadHandle {
  url: string | null;
  start(): void;
  abort(terminate?: boolean): Promise<void>;
  findPreviousUploads(): Promise<PreviousUploadLike[]>;
  resumeFromPreviousUpload(previous: PreviousUploadLike): void;
}

export interface PreviousUploadLike {
  uploadUrl: string | null;
  size: number | null;
  creationTime: string;
}

export interface UploadRequestLike {
  setHeader(name: string, value: string): void;
}

/** The options this store gives each upload; a subset of tus-js-client's. */
export interface UploadSettings {
  endpoint: string;
  chunkSize: number;
  retryDelays: number[];
  metadata: { filename: string; filetype: string };
  storeFingerprintForResuming: boolean;
  removeFingerprintOnSuccess: boolean;
  fingerprint: (file: File) => Promise<string>;
  onBeforeRequest: (request: UploadRequestLike) => Promise<void>;
  onProgress: (bytesSent: number, bytesTotal: number) => void;
  onSuccess: () => void;
  onError: (error: Error) => void;
  onShouldRetry: (error: Error, retryAttempt: number) => boolean;
}

export type UploadFactory = (file: File, settings: UploadSettings) => UploadHandle;
