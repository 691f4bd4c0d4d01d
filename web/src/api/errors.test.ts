import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse, parseErrorBody, parseRetryAfter, userMessage } from './errors';

describe('parseErrorBody', () => {
  it('reads code, message and field messages from the error shape', () => {
    const error = parseErrorBody(409, {
      error: { code: 'conflict', message: 'Username already taken', fields: { username: 'already taken' } },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Username already taken');
    expect(error.fields).toEqual({ username: 'already taken' });
  });

  it('falls back to a readable message and code when the body is not the error shape', () => {
    expect(parseErrorBody(403, null)).toMatchObject({ code: 'http_403', message: "You don't have permission to do that." });
    expect(parseErrorBody(502, 'Bad gateway')).toMatchObject({ code: 'server_error', message: 'The server had a problem. Please try again.' });
    expect(parseErrorBody(418, { error: { message: '  ' } }).message).toBe('Unexpected response from the server (418).');
  });

  it('keeps only string field messages', () => {
    const error = parseErrorBody(400, {
      error: { code: 'invalid', message: 'Invalid', fields: { email: 'invalid email', password: 7, bio: '' } },
    });
    expect(error.fields).toEqual({ email: 'invalid email' });
  });

  it('ignores fields that are not an object', () => {
    expect(parseErrorBody(400, { error: { code: 'x', message: 'y', fields: ['username'] } }).fields).toEqual({});
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:42 GMT', now)).toBe(42);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('errorFromResponse', () => {
  it('parses a JSON error response with Retry-After', async () => {
    const response = new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Too many sign-in attempts.' } }), {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '12' },
    });
    const error = await errorFromResponse(response);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 12 });
    expect(userMessage(error)).toBe('Too many sign-in attempts. Try again in 12 seconds.');
  });

  it('copes with a body that is not JSON', async () => {
    const error = await errorFromResponse(new Response('<html>Bad Gateway</html>', { status: 502 }));
    expect(error).toMatchObject({ status: 502, code: 'server_error' });
  });

  it('copes with an empty body', async () => {
    const error = await errorFromResponse(new Response(null, { status: 401 }));
    expect(error).toMatchObject({ status: 401, message: 'Your session has ended. Please sign in again.' });
  });
});

describe('userMessage', () => {
  it('uses the singular for one second', () => {
    const error = new ApiError({ status: 429, code: 'rate_limited', message: 'Slow down.', retryAfterSeconds: 1 });
    expect(userMessage(error)).toBe('Slow down. Try again in 1 second.');
  });

  it('has a generic message for anything that is not an ApiError', () => {
    expect(userMessage(new Error('boom'))).toBe('Something went wrong. Please try again.');
  });
});
