/** Errors from the API, parsed from `{"error": {"code", "message", "fields"?}}`. */

export type FieldMessages = Readonly<Record<string, string>>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldMessages;
  /** Seconds to wait before retrying, from Retry-After (429 and 503). */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: FieldMessages;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** True when the request never reached the server or its answer never arrived. */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'That request was not valid.',
  401: 'Your session has ended. Please sign in again.',
  403: "You don't have permission to do that.",
  404: "That doesn't exist.",
  409: 'That conflicts with something that already exists.',
  413: 'That is too large.',
  429: 'Too many attempts. Please wait a moment and try again.',
};

function fallbackMessage(status: number): string {
  if (status >= 500) return 'The server had a problem. Please try again.';
  return FALLBACK_MESSAGES[status] ?? `Unexpected response from the server (${status}).`;
}

function fallbackCode(status: number): string {
  return status >= 500 ? 'server_error' : `http_${status}`;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringFields(value: unknown): FieldMessages {
  if (!isRecord(value)) return {};
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(value)) {
    if (typeof message === 'string' && message.trim()) fields[name] = message;
  }
  return fields;
}

/** Builds an ApiError from a status and a response body that may or may not follow the error shape. */
export function parseErrorBody(
  status: number,
  body: unknown,
  retryAfterSeconds: number | null = null,
): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = typeof error?.code === 'string' && error.code ? error.code : fallbackCode(status);
  const message =
    typeof error?.message === 'string' && error.message.trim()
      ? error.message
      : fallbackMessage(status);
  return new ApiError({ status, code, message, fields: stringFields(error?.fields), retryAfterSeconds });
}

/** Reads an unsuccessful response into an ApiError; never throws. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return parseErrorBody(response.status, body, parseRetryAfter(response.headers.get('Retry-After')));
}

export function networkError(): ApiError {
  return new ApiError({
    status: 0,
    code: 'network',
    message: "Can't reach the server. Check your connection and try again.",
  });
}

export function signedOutError(): ApiError {
  return new ApiError({ status: 401, code: 'signed_out', message: fallbackMessage(401) });
}

/** A message fit to show a person, including how long to wait when rate limited. */
export function userMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.retryAfterSeconds !== null && error.retryAfterSeconds > 0) {
    const seconds = error.retryAfterSeconds;
    return `${error.message} Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  }
  return error.message;
}
