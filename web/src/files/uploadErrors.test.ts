import { describe, expect, it } from 'vitest';
import { describeUploadError, shouldRetryUpload, uploadErrorStatus } from './uploadErrors';

/** The shape of tus-js-client's DetailedError: the server's answer in `originalResponse`. */
function refused(status: number, body: unknown = '', headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return Object.assign(new Error(`tus: unexpected response, status ${status}`), {
    originalResponse: {
      getStatus: () => status,
      getBody: () => text,
      getHeader: (name: string) => headers[name],
    },
  });
}

const lost = Object.assign(new Error('tus: failed to upload chunk'), { originalResponse: null });

describe('describeUploadError', () => {
  it('names the server’s reasons', () => {
    expect(describeUploadError(refused(413, { error: { code: 'too_large', message: 'x' } }))).toBe('This file is too large to share.');
    expect(describeUploadError(refused(403, { error: { code: 'quota_exceeded', message: 'x' } }))).toMatch(/used all your storage/);
    expect(describeUploadError(refused(415, { error: { code: 'invalid_input', message: 'x' } }))).toBe('This type of file can’t be shared.');
    expect(describeUploadError(refused(507))).toBe('The server has no space left for files.');
    expect(describeUploadError(refused(410))).toMatch(/expired/);
  });

  it('says how long to wait when rate limited', () => {
    const error = refused(429, { error: { code: 'rate_limited', message: 'Slow down' } }, { 'Retry-After': '12' });
    expect(describeUploadError(error)).toBe('Slow down Try again in 12 seconds.');
    const concurrent = refused(429, { error: { code: 'rate_limited', message: 'At most 4 unfinished uploads at once.' } });
    expect(describeUploadError(concurrent)).toBe('At most 4 unfinished uploads at once.');
    expect(describeUploadError(refused(429))).toMatch(/Wait a moment/);
  });

  it('goes by status when the body is not the error shape', () => {
    expect(describeUploadError(refused(413, '<html>too big</html>'))).toBe('This file is too large to share.');
    expect(describeUploadError(refused(503))).toMatch(/server had a problem/);
  });

  it('passes on other messages of the server', () => {
    expect(describeUploadError(refused(400, { error: { code: 'invalid_input', message: 'Upload-Length is required.' } }))).toBe(
      'Upload-Length is required.',
    );
  });

  it('calls an error without an answer a lost connection', () => {
    expect(describeUploadError(lost)).toMatch(/connection was lost/);
    expect(describeUploadError(new Error('anything'))).toMatch(/connection was lost/);
    expect(uploadErrorStatus(lost)).toBe(0);
  });
});

describe('shouldRetryUpload', () => {
  it('retries what passes and not what the server refused', () => {
    expect(shouldRetryUpload(lost)).toBe(true);
    expect(shouldRetryUpload(refused(409))).toBe(true);
    expect(shouldRetryUpload(refused(502))).toBe(true);
    for (const status of [400, 403, 404, 410, 413, 415, 429, 460, 507]) expect(shouldRetryUpload(refused(status))).toBe(false);
  });
});
