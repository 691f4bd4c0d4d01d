import { describe, expect, it, vi } from 'vitest';
import { createApiClient, type AccessTokens } from './client';
import type { FetchLike } from './http';

const me = { id: 7, username: 'bob', email: 'bob@example.com', displayName: null, createdAt: 1735689600000 };

function tokens(overrides: Partial<AccessTokens> = {}): AccessTokens {
  return {
    getAccessToken: vi.fn(() => Promise.resolve('old')),
    refresh: vi.fn(() => Promise.resolve({ accessToken: 'new' })),
    expire: vi.fn(),
    ...overrides,
  };
}

function byToken(answers: Record<string, () => Response>): FetchLike {
  return (_path, init) => {
    const auth = (init?.headers as Record<string, string>).Authorization ?? '';
    const answer = answers[auth.replace('Bearer ', '')];
    return Promise.resolve(answer ? answer() : new Response(null, { status: 500 }));
  };
}

const unauthorized = () => new Response('{"error":{"code":"unauthorized","message":"Expired."}}', { status: 401 });
const ok = () => new Response(JSON.stringify(me), { status: 200 });

describe('ApiClient', () => {
  it('renews the token after a 401 and retries once', async () => {
    const source = tokens();
    const api = createApiClient(byToken({ old: unauthorized, new: ok }), source);
    await expect(api.me()).resolves.toEqual(me);
    expect(source.refresh).toHaveBeenCalledExactlyOnceWith('old');
    expect(source.expire).not.toHaveBeenCalled();
  });

  it('gives up and ends the session when the retry is refused too', async () => {
    const source = tokens();
    const api = createApiClient(byToken({ old: unauthorized, new: unauthorized }), source);
    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    expect(source.refresh).toHaveBeenCalledTimes(1);
    expect(source.expire).toHaveBeenCalledExactlyOnceWith('new');
  });

  it('does not renew for errors other than 401', async () => {
    const source = tokens();
    const forbidden = () => new Response('{"error":{"code":"forbidden","message":"Nope."}}', { status: 403 });
    const api = createApiClient(byToken({ old: forbidden }), source);
    await expect(api.me()).rejects.toMatchObject({ status: 403, message: 'Nope.' });
    expect(source.refresh).not.toHaveBeenCalled();
  });

  it('fails without a request when there is no session', async () => {
    const fetchFn = vi.fn<FetchLike>();
    const source = tokens({ getAccessToken: () => Promise.reject(new Error('signed out')) });
    await expect(createApiClient(fetchFn, source).me()).rejects.toThrow('signed out');
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('encodes the user search query and unwraps the list', async () => {
    const fetchFn = vi.fn<FetchLike>(() =>
      Promise.resolve(new Response('{"users":[{"id":1,"username":"al","displayName":null}]}', { status: 200 })),
    );
    const users = await createApiClient(fetchFn, tokens()).searchUsers('a&b c');
    expect(fetchFn.mock.calls[0]?.[0]).toBe('/api/users?query=a%26b%20c');
    expect(users).toEqual([{ id: 1, username: 'al', displayName: null }]);
  });
});
