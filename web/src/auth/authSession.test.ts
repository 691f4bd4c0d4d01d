import { describe, expect, it, vi } from 'vitest';
import { createAuthApi } from '../api/authApi';
import { createApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { FetchLike } from '../api/http';
import { fakeAuthServer } from '../test/fakeAuthServer';
import { manualClock, settle } from '../test/manualClock';
import { AuthSession } from './authSession';
import { pageLock, type RefreshLock } from './refreshLock';
import { memoryTokenStore, type TokenStore } from './tokenStore';

const credentials = { login: 'alice', password: 'correct horse' };

function tab(
  fetchFn: FetchLike,
  shared: { store?: TokenStore; lock?: RefreshLock; clock?: ReturnType<typeof manualClock> } = {},
) {
  const store = shared.store ?? memoryTokenStore();
  const clock = shared.clock ?? manualClock();
  const session = new AuthSession({
    api: createAuthApi(fetchFn),
    store,
    lock: shared.lock ?? pageLock(),
    clock,
    retryDelayMs: 5_000,
  });
  return { session, store, clock, api: createApiClient(fetchFn, session) };
}

function setup(options: { expiresIn?: number } = {}) {
  const server = fakeAuthServer(options);
  return { server, ...tab(server.fetch) };
}

describe('AuthSession refresh coordination', () => {
  it('turns concurrent 401s into exactly one refresh and retries each request with the new token', async () => {
    const { server, session, api } = setup();
    await session.login(credentials);
    server.expireAccessTokens();
    server.holdRefreshes();

    const requests = Array.from({ length: 5 }, () => api.me());
    await settle();
    expect(server.state.refreshCalls).toBe(1);
    server.release();

    const users = await Promise.all(requests);
    expect(users.map((user) => user.username)).toEqual(Array(5).fill('alice'));
    expect(server.state.refreshCalls).toBe(1);
    expect(server.state.meAuthorizations.slice(5)).toEqual(Array(5).fill('Bearer access-2'));
    expect(session.current()?.refreshToken).toBe('refresh-2');
    expect(server.state.reuseDetected).toBe(false);
  });

  it('shares one in-flight refresh among callers in the same tab, even with no lock at all', async () => {
    const server = fakeAuthServer();
    const noLock: RefreshLock = (task) => task();
    const { session, api } = tab(server.fetch, { lock: noLock });
    await session.login(credentials);
    server.expireAccessTokens();
    server.holdRefreshes();

    const requests = Array.from({ length: 3 }, () => api.me());
    await settle();
    server.release();
    await Promise.all(requests);

    expect(server.state.refreshCalls).toBe(1);
    expect(server.state.reuseDetected).toBe(false);
  });

  it('answers a late 401 for an already replaced token with the current tokens, without a refresh', async () => {
    const { server, session } = setup();
    await session.login(credentials);
    await session.refresh('access-1');
    expect(server.state.refreshCalls).toBe(1);

    const renewed = await session.refresh('access-1');
    expect(renewed.accessToken).toBe('access-2');
    expect(server.state.refreshCalls).toBe(1);
  });

  it('renews an expiring token before use, once for all concurrent callers', async () => {
    const { server, session, clock } = setup();
    await session.login(credentials);
    clock.jump(850_000);

    const tokens = await Promise.all([session.getAccessToken(), session.getAccessToken(), session.getAccessToken()]);
    expect(tokens).toEqual(['access-2', 'access-2', 'access-2']);
    expect(server.state.refreshCalls).toBe(1);
  });

  it('renews in the background a minute before expiry', async () => {
    const { server, session, clock } = setup();
    await session.login(credentials);

    await clock.advance(839_000);
    expect(server.state.refreshCalls).toBe(0);
    await clock.advance(1_000);
    expect(server.state.refreshCalls).toBe(1);
    expect(session.current()?.accessToken).toBe('access-2');
    expect(clock.pendingTimers()).toBe(1);
  });

  it('renews at once when asked after the device slept past the renewal time', async () => {
    const { server, session, clock } = setup();
    await session.login(credentials);
    clock.jump(2 * 3_600_000);

    session.renewIfDue();
    session.renewIfDue();
    await settle();

    expect(server.state.refreshCalls).toBe(1);
    expect(session.current()?.accessToken).toBe('access-2');
  });

  it('does nothing when asked to renew a token that is still fresh', async () => {
    const { server, session } = setup();
    await session.login(credentials);
    session.renewIfDue();
    await settle();
    expect(server.state.refreshCalls).toBe(0);
  });

  it('renews short-lived tokens early enough but never in a tight loop', async () => {
    const { server, session, clock } = setup({ expiresIn: 2 });
    await session.login(credentials);

    await clock.advance(10_000);
    expect(server.state.refreshCalls).toBeGreaterThanOrEqual(5);
    expect(server.state.refreshCalls).toBeLessThanOrEqual(10);
    expect(server.state.reuseDetected).toBe(false);
  });

  it('signs out and rejects every waiting caller when the refresh is refused', async () => {
    const { server, session, store, api } = setup();
    await session.login(credentials);
    const listener = vi.fn();
    session.subscribe(listener);
    server.expireAccessTokens();
    server.state.nextRefreshFailure = 401;

    const results = await Promise.allSettled([api.me(), api.me(), api.me()]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ApiError);
      expect(((result as PromiseRejectedResult).reason as ApiError).status).toBe(401);
    }
    expect(server.state.refreshCalls).toBe(1);
    expect(session.current()).toBeNull();
    expect(store.load()).toBeNull();
    expect(listener).toHaveBeenCalled();
  });

  it('keeps the session when the server cannot be reached, using the old token until it expires', async () => {
    const { server, session, clock } = setup();
    await session.login(credentials);
    clock.jump(850_000);
    server.state.nextRefreshFailure = 'network';

    await expect(session.getAccessToken()).resolves.toBe('access-1');
    expect(session.current()).not.toBeNull();

    clock.jump(60_000);
    server.state.nextRefreshFailure = 'network';
    await expect(session.getAccessToken()).rejects.toMatchObject({ status: 0, code: 'network' });
    expect(session.current()?.refreshToken).toBe('refresh-1');

    await expect(session.getAccessToken()).resolves.toBe('access-2');
  });

  it('retries a failed background renewal later', async () => {
    const { server, session, clock } = setup();
    await session.login(credentials);
    server.state.nextRefreshFailure = 503;

    await clock.advance(840_000);
    expect(server.state.refreshCalls).toBe(1);
    expect(session.current()?.accessToken).toBe('access-1');

    await clock.advance(5_000);
    expect(server.state.refreshCalls).toBe(2);
    expect(session.current()?.accessToken).toBe('access-2');
  });

  it('ends the session when even a freshly renewed token is refused', async () => {
    const server = fakeAuthServer();
    const fetchFn: FetchLike = (path, init) =>
      path === '/api/me'
        ? Promise.resolve(new Response('{"error":{"code":"unauthorized","message":"Revoked."}}', { status: 401 }))
        : server.fetch(path, init);
    const { session, api } = tab(fetchFn);
    await session.login(credentials);

    await expect(api.me()).rejects.toMatchObject({ status: 401, message: 'Revoked.' });
    expect(server.state.refreshCalls).toBe(1);
    expect(session.current()).toBeNull();
  });
});

describe('AuthSession across tabs', () => {
  it('spends the refresh token once when two tabs need a new access token at the same time', async () => {
    const server = fakeAuthServer();
    const store = memoryTokenStore();
    const lock = pageLock(); // stands in for the cross-tab Web Lock
    const clock = manualClock();
    const first = tab(server.fetch, { store, lock, clock });
    await first.session.login(credentials);
    const second = tab(server.fetch, { store, lock, clock });
    expect(second.session.current()?.accessToken).toBe('access-1');

    server.expireAccessTokens();
    const [a, b] = await Promise.all([first.api.me(), second.api.me()]);

    expect(a.username).toBe('alice');
    expect(b.username).toBe('alice');
    expect(server.state.refreshCalls).toBe(1);
    expect(server.state.reuseDetected).toBe(false);
    expect(first.session.current()?.accessToken).toBe('access-2');
    expect(second.session.current()?.accessToken).toBe('access-2');
  });

  it('follows another tab signing out', async () => {
    const server = fakeAuthServer();
    const store = memoryTokenStore();
    const { session, clock } = tab(server.fetch, { store });
    await session.login(credentials);
    const listener = vi.fn();
    session.subscribe(listener);

    store.writeFromElsewhere(null);

    expect(session.current()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(clock.pendingTimers()).toBe(0);
    await expect(session.getAccessToken()).rejects.toMatchObject({ status: 401, code: 'signed_out' });
  });

  it('follows another tab renewing the tokens', async () => {
    const server = fakeAuthServer();
    const store = memoryTokenStore();
    const { session, clock } = tab(server.fetch, { store });
    await session.login(credentials);
    const current = session.current();
    if (!current) throw new Error('expected a session');

    store.writeFromElsewhere({ ...current, accessToken: 'access-9', refreshToken: 'refresh-9' });

    expect(session.current()?.refreshToken).toBe('refresh-9');
    expect(clock.pendingTimers()).toBe(1);
  });
});

describe('AuthSession sign-out', () => {
  it('revokes the refresh token on the server and forgets the session', async () => {
    const { server, session, store } = setup();
    await session.login(credentials);

    await session.signOut();

    expect(server.state.logoutCalls).toEqual(['refresh-1']);
    expect(session.current()).toBeNull();
    expect(store.load()).toBeNull();
  });

  it('signs out locally even when the server cannot be reached', async () => {
    const server = fakeAuthServer();
    const fetchFn: FetchLike = (path, init) =>
      path === '/api/auth/logout' ? Promise.reject(new TypeError('Failed to fetch')) : server.fetch(path, init);
    const { session, store } = tab(fetchFn);
    await session.login(credentials);

    await expect(session.signOut()).resolves.toBeUndefined();
    expect(session.current()).toBeNull();
    expect(store.load()).toBeNull();
  });

  it('rejects refresh and token requests when nobody is signed in', async () => {
    const { session } = setup();
    await expect(session.refresh()).rejects.toMatchObject({ code: 'signed_out' });
    await expect(session.getAccessToken()).rejects.toMatchObject({ code: 'signed_out' });
  });
});
