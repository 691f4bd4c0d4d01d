/**
 * Why an upload failed, as a sentence. The server answers tus requests with its usual JSON error
 * (`{"error": {code, message}}`) and a status; the code decides when known, the status otherwise,
 * and an error without a response is a lost connection.
 */
import { parseErrorBody, parseRetryAfter } from '../api/errors';

/** What tus-js-client's DetailedError carries of the server's answer. */
interface ResponseLike {
  getStatus(): number;
  getBody(): string;
  getHeader(header: string): string | undefined;
}

function responseOf(error: unknown): ResponseLike | null {
  if (typeof error !== 'object' || error === null || !('originalResponse' in error)) return null;
  const response = (error as { originalResponse: unknown }).originalResponse;
  if (typeof response !== 'object' || response === null || !('getStatus' in response)) return null;
  return response as ResponseLike;
}

function parsedBody(response: ResponseLike): unknown {
  try {
    const text = response.getBody();
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function waitHint(seconds: number | null): string {
  if (!seconds || seconds <= 0) return '';
  return ` Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

/** The status of the server's answer to the failed request, 0 when there was none. */
export function uploadErrorStatus(error: unknown): number {
  return responseOf(error)?.getStatus() ?? 0;
}

/** A sentence fit to show under the file's chip. */
export function describeUploadError(error: unknown): string {
  const response = responseOf(error);
  const status = response?.getStatus() ?? 0;
  if (!response || status === 0) return 'The connection was lost before the file was sent.';
  const parsed = parseErrorBody(status, parsedBody(response));
  const retryAfter = parseRetryAfter(response.getHeader('Retry-After') ?? null);
  switch (parsed.code) {
    case 'too_large':
      return 'This file is too large to share.';
    case 'quota_exceeded':
      return 'You have used all your storage space. Delete some files and try again.';
    case 'rate_limited':
      return `${parsed.message}${waitHint(retryAfter)}`;
  }
  switch (status) {
    case 413:
      return 'This file is too large to share.';
    case 415:
      return 'This type of file can’t be shared.';
    case 429:
      return `You are uploading too many files at once.${waitHint(retryAfter) || ' Wait a moment and try again.'}`;
    case 410:
      return 'This upload expired. Try again to send the file from the start.';
    case 460:
      return 'The file arrived damaged. Try again.';
    case 507:
      return 'The server has no space left for files.';
    case 401:
      return 'Your session has ended. Please sign in again.';
  }
  if (status === 403) return 'You can’t upload this file.';
  if (status >= 500) return 'The server had a problem storing the file. Try again.';
  return parsed.message;
}

/**
 * Whether tus should try the request again by itself: a lost connection, a server error or an
 * offset conflict (it asks the server where to go on) are passing; everything the server refused
 * on purpose is final and shown with "Retry".
 */
export function shouldRetryUpload(error: unknown): boolean {
  const status = uploadErrorStatus(error);
  if (status === 0) return true;
  if (status === 409 || status === 423) return true;
  return status >= 500 && status !== 507 && status !== 501;
}
