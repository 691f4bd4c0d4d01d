import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { requestJson, type FetchLike } from './http';

function respond(response: Response) {
  return vi.fn<FetchLike>(() => Promise.resolve(response));
}

describe('requestJson', () => {
  it('sends JSON with a bearer token and parses the JSON answer', async () => {
    const fetchFn = respond(new Response('{"ok":true}', { status: 200 }));
    const body = await requestJson<{ ok: boolean }>(fetchFn, '/api/me', {
      method: 'PATCH',
      body: { displayName: 'Al' },
      token: 'abc',
    });
    expect(body).toEqual({ ok: true });
    const [path, init] = fetchFn.mock.calls[0] ?? [];
    expect(path).toBe('/api/me');
    expect(init?.method).toBe('PATCH');
    expect(init?.body).toBe('{"displayName":"Al"}');
    expect(init?.headers).toMatchObject({
      Authorization: 'Bearer abc',
      'Content-Type': 'application/json',
      Accept: 'application/json',
    });
  });

  it('sends no body or content type for a GET', async () => {
    const fetchFn = respond(new Response('{}', { status: 200 }));
    await requestJson(fetchFn, '/api/me');
    const init = fetchFn.mock.calls[0]?.[1];
    expect(init?.method).toBe('GET');
    expect(init?.body).toBeUndefined();
    expect(init?.headers).not.toHaveProperty('Content-Type');
    expect(init?.headers).not.toHaveProperty('Authorization');
  });

  it('resolves with undefined for 204 No Content', async () => {
    await expect(requestJson(respond(new Response(null, { status: 204 })), '/api/auth/logout')).resolves.toBeUndefined();
  });

  it('rejects with the parsed ApiError for an error status', async () => {
    const fetchFn = respond(
      new Response('{"error":{"code":"invalid_credentials","message":"Invalid username or password."}}', { status: 401 }),
    );
    await expect(requestJson(fetchFn, '/api/auth/login')).rejects.toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      message: 'Invalid username or password.',
    });
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    const fetchFn = vi.fn<FetchLike>(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await requestJson(fetchFn, '/api/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: 'network', isNetworkError: true });
  });

  it('lets an abort through unchanged', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    const fetchFn = vi.fn<FetchLike>(() => Promise.reject(abort));
    await expect(requestJson(fetchFn, '/api/users?query=a')).rejects.toBe(abort);
  });

  it('reports a success response that is not JSON', async () => {
    const fetchFn = respond(new Response('<html></html>', { status: 200 }));
    await expect(requestJson(fetchFn, '/api/me')).rejects.toMatchObject({ code: 'bad_response' });
  });
});
