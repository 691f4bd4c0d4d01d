/**
 * Web Push for this browser: subscribing with the server's key and telling the server, so that
 * direct messages and mentions reach the person while no tab of the app is open; and taking the
 * subscription back on sign-out.
 */
import type { ApiClient } from '../api/client';

/** What is used of `navigator.serviceWorker` (a seam for tests). */
export interface WorkerContainer {
  /** Resolves once a service worker is active (never, where none is registered). */
  readonly ready: Promise<{ pushManager: PushManagerLike }>;
  /** The registration now, if any: used where waiting would hold something up. */
  getRegistration(): Promise<{ pushManager: PushManagerLike } | undefined>;
}

export interface PushManagerLike {
  getSubscription(): Promise<SubscriptionLike | null>;
  subscribe(options: { userVisibleOnly: boolean; applicationServerKey: Uint8Array<ArrayBuffer> }): Promise<SubscriptionLike>;
}

export interface SubscriptionLike {
  readonly endpoint: string;
  toJSON(): { endpoint?: string; keys?: Record<string, string> };
  unsubscribe(): Promise<boolean>;
}

function container(): WorkerContainer | null {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || typeof PushManager === 'undefined') return null;
  return navigator.serviceWorker as unknown as WorkerContainer;
}

/** The bytes of a base64url string (the server's key). */
export function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Subscribes this browser (or reuses its subscription) and registers it with the server; false where push is unsupported. */
export async function turnOnPush(api: ApiClient, workers: WorkerContainer | null = container()): Promise<boolean> {
  if (!workers) return false;
  const { pushManager } = await workers.ready;
  let subscription = await pushManager.getSubscription();
  if (!subscription) {
    const { publicKey } = await api.request<{ publicKey: string }>('/api/push/key');
    subscription = await pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlBytes(publicKey) });
  }
  const json = subscription.toJSON();
  await api.request<void>('/api/push/subscriptions', {
    method: 'POST',
    body: { endpoint: json.endpoint ?? subscription.endpoint, keys: { p256dh: json.keys?.p256dh, auth: json.keys?.auth } },
  });
  return true;
}

/** Tells the server to stop pushing to this browser, and drops the browser's subscription. */
export async function turnOffPush(api: ApiClient, workers: WorkerContainer | null = container()): Promise<void> {
  if (!workers) return;
  const registration = await workers.getRegistration();
  const subscription = registration ? await registration.pushManager.getSubscription() : null;
  if (!subscription) return;
  try {
    await api.request<void>('/api/push/subscriptions', { method: 'DELETE', body: { endpoint: subscription.endpoint } });
  } finally {
    await subscription.unsubscribe();
  }
}
