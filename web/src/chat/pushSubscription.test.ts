import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/client';
import { base64UrlBytes, turnOffPush, turnOnPush, type PushManagerLike, type SubscriptionLike } from './pushSubscription';

function fakeApi(calls: { path: string; method?: string; body?: unknown }[]): ApiClient {
  return {
    request: async <T,>(path: string, options: { method?: string; body?: unknown } = {}) => {
      calls.push({ path, method: options.method, body: options.body });
      return (path === '/api/push/key' ? { publicKey: 'BAEC_w' } : undefined) as T;
    },
    me: async () => { throw new Error('unused'); },
    updateMe: async () => { throw new Error('unused'); },
    searchUsers: async () => [],
  };
}

function fakeBrowser(existing: SubscriptionLike | null) {
  const state = { subscribedWith: null as Uint8Array | null, current: existing, unsubscribed: false };
  const made: SubscriptionLike = {
    endpoint: 'https://push.example/abc',
    toJSON: () => ({ endpoint: 'https://push.example/abc', keys: { p256dh: 'P', auth: 'A' } }),
    unsubscribe: async () => { state.unsubscribed = true; return true; },
  };
  const pushManager: PushManagerLike = {
    getSubscription: async () => state.current,
    subscribe: async (options) => {
      state.subscribedWith = options.applicationServerKey;
      state.current = made;
      return made;
    },
  };
  const workers = { ready: Promise.resolve({ pushManager }), getRegistration: async () => ({ pushManager }) };
  return { state, workers };
}

describe('push subscription', () => {
  it('decodes the server key from base64url', () => {
    expect([...base64UrlBytes('BAEC_w')]).toEqual([4, 1, 2, 255]);
  });

  it('subscribes with the server key and posts the subscription', async () => {
    const calls: { path: string; method?: string; body?: unknown }[] = [];
    const { state, workers } = fakeBrowser(null);
    expect(await turnOnPush(fakeApi(calls), workers)).toBe(true);
    expect([...(state.subscribedWith ?? [])]).toEqual([4, 1, 2, 255]);
    expect(calls.at(-1)).toEqual({
      path: '/api/push/subscriptions',
      method: 'POST',
      body: { endpoint: 'https://push.example/abc', keys: { p256dh: 'P', auth: 'A' } },
    });
  });

  it('does nothing where push is unsupported', async () => {
    const calls: { path: string }[] = [];
    expect(await turnOnPush(fakeApi(calls), null)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('on sign-out tells the server and drops the browser subscription', async () => {
    const calls: { path: string; method?: string; body?: unknown }[] = [];
    const { state, workers } = fakeBrowser(null);
    await turnOnPush(fakeApi(calls), workers);
    await turnOffPush(fakeApi(calls), workers);
    expect(calls.at(-1)).toEqual({ path: '/api/push/subscriptions', method: 'DELETE', body: { endpoint: 'https://push.example/abc' } });
    expect(state.unsubscribed).toBe(true);
  });
});
