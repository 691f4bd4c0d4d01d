import { describe, expect, it } from 'vitest';
import type { Attachment } from '../chat/types';
import { MAX_ACTIVE, MAX_FILES_PER_MESSAGE, UploadsStore, fileIdOf } from './UploadsStore';
import type { PreviousUploadLike, UploadHandle, UploadSettings } from './uploadHandle';
import { findChip, roomUploads } from './uploadsState';

/** Stands in for tus-js-client's Upload: records what the store asks and lets the test answer. */
class FakeUpload implements UploadHandle {
  url: string | null = null;
  started = 0;
  aborted: boolean[] = [];
  resumedFrom: PreviousUploadLike | null = null;
  constructor(
    readonly file: File,
    readonly settings: UploadSettings,
    private readonly previous: PreviousUploadLike[],
  ) {}
  start() {
    this.started += 1;
  }
  abort(terminate = false) {
    this.aborted.push(terminate);
    return Promise.resolve();
  }
  findPreviousUploads() {
    return Promise.resolve(this.previous);
  }
  resumeFromPreviousUpload(previous: PreviousUploadLike) {
    this.resumedFrom = previous;
    this.url = previous.uploadUrl;
  }
  /** The server stored every byte under this id. */
  succeed(id: string) {
    this.url = `http://localhost/api/uploads/${id}`;
    this.settings.onProgress(this.file.size, this.file.size);
    this.settings.onSuccess();
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(previous: Record<string, PreviousUploadLike[]> = {}) {
  const uploads: FakeUpload[] = [];
  const sent: { roomId: number; content: string; replyTo: number | null; attachments: Attachment[] }[] = [];
  const revoked: string[] = [];
  let tokenCount = 0;
  const refreshed: string[] = [];
  const store = new UploadsStore({
    userId: 7,
    createUpload: (file, settings) => {
      const upload = new FakeUpload(file, settings, previous[file.name] ?? []);
      uploads.push(upload);
      return upload;
    },
    tokens: {
      getAccessToken: () => Promise.resolve(`token-${++tokenCount}`),
      refresh: (stale) => {
        refreshed.push(stale);
        return Promise.resolve({ accessToken: 'renewed' });
      },
    },
    send: (roomId, content, replyTo, attachments) => sent.push({ roomId, content, replyTo, attachments }),
    previews: { create: (file) => `blob:${file.name}`, revoke: (url) => revoked.push(url) },
  });
  const chips = (roomId = 1) => roomUploads(store.getState(), roomId).chips;
  return { store, uploads, sent, revoked, refreshed, chips };
}

const png = (name = 'cat.png', size = 1000) => new File([new Uint8Array(size)], name, { type: 'image/png', lastModified: 5 });
const pdf = (name = 'report.pdf') => new File([new Uint8Array(300)], name, { type: 'application/pdf', lastModified: 5 });

describe('UploadsStore', () => {
  it('uploads each file to the tus endpoint with its name and type', async () => {
    const { store, uploads, chips } = setup();
    store.add(1, [png(), pdf()]);
    expect(chips().map((c) => [c.name, c.status, c.previewUrl])).toEqual([
      ['cat.png', 'checking', 'blob:cat.png'],
      ['report.pdf', 'checking', null],
    ]);
    await tick();
    expect(chips().map((c) => c.status)).toEqual(['uploading', 'uploading']);
    const settings = uploads[0]!.settings;
    expect(settings.endpoint).toBe('/api/uploads');
    expect(settings.metadata).toEqual({ filename: 'cat.png', filetype: 'image/png' });
    expect(settings.storeFingerprintForResuming).toBe(true);
    expect(settings.retryDelays.length).toBeGreaterThan(2);
    expect(settings.chunkSize).toBeGreaterThan(0);
    expect(uploads.map((u) => u.started)).toEqual([1, 1]);
  });

  it('sends a fresh token with every request', async () => {
    const { store, uploads } = setup();
    store.add(1, [png()]);
    await tick();
    const headers: string[] = [];
    const request = { setHeader: (name: string, value: string) => headers.push(`${name}: ${value}`) };
    await uploads[0]!.settings.onBeforeRequest(request);
    await uploads[0]!.settings.onBeforeRequest(request);
    expect(headers).toEqual(['Authorization: Bearer token-1', 'Authorization: Bearer token-2']);
  });

  it('renews a refused token once and lets tus try again', async () => {
    const { store, uploads, refreshed } = setup();
    store.add(1, [png()]);
    await tick();
    await uploads[0]!.settings.onBeforeRequest({ setHeader: () => undefined });
    const unauthorized = Object.assign(new Error('401'), {
      originalResponse: { getStatus: () => 401, getBody: () => '', getHeader: () => undefined },
    });
    expect(uploads[0]!.settings.onShouldRetry(unauthorized, 0)).toBe(true);
    expect(refreshed).toEqual(['token-1']);
    expect(uploads[0]!.settings.onShouldRetry(unauthorized, 1)).toBe(false);
  });

  it('fingerprints the file for this user, so a reload can resume it', async () => {
    const { store, uploads } = setup();
    store.add(1, [png()]);
    await tick();
    const fingerprint = await uploads[0]!.settings.fingerprint(png());
    expect(fingerprint).toContain('7');
    expect(fingerprint).toContain('cat.png');
    expect(fingerprint).not.toBe(await uploads[0]!.settings.fingerprint(png('dog.png')));
  });

  it('shows progress, then the file id from the upload URL', async () => {
    const { store, uploads, chips } = setup();
    store.add(1, [png('cat.png', 1000)]);
    await tick();
    uploads[0]!.settings.onProgress(250, 1000);
    expect(chips()[0]).toMatchObject({ status: 'uploading', sent: 250 });
    uploads[0]!.succeed('aZ3kQ9xY2bC7dE1fG4hJ6w');
    expect(chips()[0]).toMatchObject({ status: 'done', sent: 1000, fileId: 'aZ3kQ9xY2bC7dE1fG4hJ6w' });
  });

  it('sends the message once every file is stored, with their ids', async () => {
    const { store, uploads, sent, chips, revoked } = setup();
    store.add(1, [png(), pdf()]);
    await tick();
    uploads[0]!.succeed('file-1');
    expect(store.send(1, 'look', 4)).toBe(true);
    expect(sent).toEqual([]);
    expect(roomUploads(store.getState(), 1).queued).toEqual({ content: 'look', replyTo: 4 });
    uploads[1]!.succeed('file-2');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.content).toBe('look');
    expect(sent[0]!.replyTo).toBe(4);
    expect(sent[0]!.attachments.map((a) => [a.id, a.name, a.kind])).toEqual([
      ['file-1', 'cat.png', 'image'],
      ['file-2', 'report.pdf', 'pdf'],
    ]);
    expect(chips()).toEqual([]);
    expect(revoked).toEqual(['blob:cat.png']);
  });

  it('sends at once when the files are already stored, and says when there are none', async () => {
    const { store, uploads, sent } = setup();
    expect(store.send(1, 'plain', null)).toBe(false);
    store.add(1, [pdf()]);
    await tick();
    uploads[0]!.succeed('f');
    expect(store.send(1, '', null)).toBe(true);
    expect(sent.map((s) => [s.content, s.attachments.length])).toEqual([['', 1]]);
  });

  it('says why an upload failed and retries it on request', async () => {
    const { store, uploads, chips } = setup();
    store.add(1, [png()]);
    await tick();
    const tooLarge = Object.assign(new Error('413'), {
      originalResponse: { getStatus: () => 413, getBody: () => '{"error":{"code":"too_large","message":"x"}}', getHeader: () => undefined },
    });
    uploads[0]!.settings.onError(tooLarge);
    expect(chips()[0]).toMatchObject({ status: 'failed', error: 'This file is too large to share.' });
    store.retry(chips()[0]!.key);
    expect(chips()[0]).toMatchObject({ status: 'uploading', error: null });
    expect(uploads[0]!.started).toBe(2);
  });

  it('a failed file holds the message until it is retried or removed', async () => {
    const { store, uploads, sent, chips } = setup();
    store.add(1, [png(), pdf()]);
    await tick();
    uploads[0]!.succeed('ok');
    uploads[1]!.settings.onError(new Error('lost'));
    store.send(1, 'caption', null);
    expect(sent).toEqual([]);
    store.remove(chips()[1]!.key);
    expect(sent.map((s) => s.attachments.map((a) => a.id))).toEqual([['ok']]);
  });

  it('removing a stored file deletes it on the server too', async () => {
    const { store, uploads, chips } = setup();
    store.add(1, [pdf()]);
    await tick();
    uploads[0]!.succeed('stored');
    store.remove(chips()[0]!.key);
    expect(uploads[0]!.aborted).toEqual([true]);
  });

  it('removing a file cancels its upload on the server', async () => {
    const { store, uploads, chips, revoked } = setup();
    store.add(1, [png()]);
    await tick();
    uploads[0]!.url = 'http://localhost/api/uploads/x';
    store.remove(chips()[0]!.key);
    expect(uploads[0]!.aborted).toEqual([true]);
    expect(chips()).toEqual([]);
    expect(revoked).toEqual(['blob:cat.png']);
  });

  it('cancel stops the upload and keeps the file for "Retry"', async () => {
    const { store, uploads, chips } = setup();
    store.add(1, [png()]);
    await tick();
    store.cancel(chips()[0]!.key);
    expect(uploads[0]!.aborted).toEqual([false]);
    expect(chips()[0]).toMatchObject({ status: 'failed', error: 'Upload cancelled.' });
  });

  it('offers to resume an unfinished upload of the same file, newest first', async () => {
    const older = { uploadUrl: '/api/uploads/old', size: 1000, creationTime: '2026-12-01T10:00:00Z' };
    const newer = { uploadUrl: '/api/uploads/new', size: 1000, creationTime: '2026-12-02T10:00:00Z' };
    const { store, uploads, chips } = setup({ 'cat.png': [older, newer] });
    store.add(1, [png()]);
    await tick();
    expect(chips()[0]!.status).toBe('resumable');
    expect(uploads[0]!.started).toBe(0);
    store.resume(chips()[0]!.key);
    expect(uploads[0]!.resumedFrom).toBe(newer);
    expect(uploads[0]!.started).toBe(1);
    expect(chips()[0]!.status).toBe('uploading');
  });

  it('can start over instead of resuming', async () => {
    const previous = { uploadUrl: '/api/uploads/old', size: 1000, creationTime: '2026-12-01T10:00:00Z' };
    const { store, uploads, chips } = setup({ 'cat.png': [previous] });
    store.add(1, [png()]);
    await tick();
    store.startOver(chips()[0]!.key);
    expect(uploads[0]!.resumedFrom).toBeNull();
    expect(uploads[0]!.started).toBe(1);
  });

  it(`runs at most ${MAX_ACTIVE} uploads at once and starts the next when one ends`, async () => {
    const { store, uploads, chips } = setup();
    store.add(1, [png('1.png'), png('2.png'), png('3.png'), png('4.png'), png('5.png')]);
    await tick();
    expect(chips().map((c) => c.status)).toEqual(['uploading', 'uploading', 'uploading', 'waiting', 'waiting']);
    uploads[1]!.succeed('two');
    expect(chips().map((c) => c.status)).toEqual(['uploading', 'done', 'uploading', 'uploading', 'waiting']);
    store.remove(chips()[0]!.key);
    expect(chips().map((c) => c.status)).toEqual(['done', 'uploading', 'uploading', 'uploading']);
  });

  it(`takes at most ${MAX_FILES_PER_MESSAGE} files for one message`, () => {
    const { store, chips } = setup();
    expect(store.add(1, Array.from({ length: 8 }, (_, i) => pdf(`${i}.pdf`)))).toBe(0);
    expect(store.add(1, Array.from({ length: 4 }, (_, i) => pdf(`more-${i}.pdf`)))).toBe(2);
    expect(chips()).toHaveLength(MAX_FILES_PER_MESSAGE);
  });

  it('keeps rooms apart', async () => {
    const { store, uploads, sent, chips } = setup();
    store.add(1, [png()]);
    store.add(2, [pdf()]);
    await tick();
    uploads[0]!.succeed('one');
    store.send(1, 'here', null);
    expect(sent.map((s) => s.roomId)).toEqual([1]);
    expect(chips(2).map((c) => c.name)).toEqual(['report.pdf']);
    expect(findChip(store.getState(), chips(2)[0]!.key)?.roomId).toBe(2);
  });

  it('stops every upload without deleting it, so it can be resumed later', async () => {
    const { store, uploads, chips } = setup();
    store.add(1, [png()]);
    await tick();
    store.stop();
    expect(uploads[0]!.aborted).toEqual([false]);
    expect(chips()).toEqual([]);
  });
});

describe('fileIdOf', () => {
  it('takes the last path segment of the upload URL', () => {
    expect(fileIdOf('http://localhost:8080/api/uploads/aZ3k_-9')).toBe('aZ3k_-9');
    expect(fileIdOf('/api/uploads/abc/')).toBe('abc');
    expect(fileIdOf('/api/uploads/abc?x=1')).toBe('abc');
  });
});
