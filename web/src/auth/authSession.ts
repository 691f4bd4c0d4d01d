import type { AuthApi } from '../api/authApi';
import { ApiError, signedOutError } from '../api/errors';
import type { AuthResponse, LoginRequest, RegisterRequest, User } from '../api/types';
import type { RefreshLock } from './refreshLock';
import { isExpired, isExpiring, sessionFrom, type Session } from './session';
import type { TokenStore } from './tokenStore';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AuthSessionOptions {
  api: AuthApi;
  store: TokenStore;
  /** Held while reading and spending the refresh token; cross-tab in the browser. */
  lock: RefreshLock;
  clock?: Clock;
  /** Wait before retrying a background renewal that failed for a reason other than rejection. */
  retryDelayMs?: number;
}

/** The shortest wait between background renewals, so a token with a tiny lifetime cannot spin. */
const MIN_RENEW_DELAY_MS = 1_000;

/** A refresh the server refused: the refresh token is spent, revoked or unknown. */
export function isRejection(error: unknown): boolean {
  return error instanceof ApiError && [400, 401, 403].includes(error.status);
}

function sameSession(a: Session | null, b: Session | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.accessToken === b.accessToken &&
    a.refreshToken === b.refreshToken &&
    JSON.stringify(a.user) === JSON.stringify(b.user)
  );
}

/**
 * The signed-in state of this tab. A refresh token is sent at most once: refreshes are
 * serialized (one in flight per tab, shared by every caller; one at a time across tabs through
 * the lock) and each re-reads the stored tokens first, adopting those another tab already got.
 */
export class AuthSession {
  private session: Session | null;
  private inflight: Promise<Session> | null = null;
  private timer: unknown = null;
  private disposed = false;
  private readonly listeners = new Set<() => void>();
  private readonly api: AuthApi;
  private readonly store: TokenStore;
  private readonly lock: RefreshLock;
  private readonly clock: Clock;
  private readonly retryDelayMs: number;
  private readonly unsubscribeStore: () => void;

  constructor(options: AuthSessionOptions) {
    this.api = options.api;
    this.store = options.store;
    this.lock = options.lock;
    this.clock = options.clock ?? systemClock;
    this.retryDelayMs = options.retryDelayMs ?? 15_000;
    this.session = this.store.load();
    this.unsubscribeStore = this.store.subscribe((session) => this.adopt(session));
    this.schedule();
  }

  /** The current session or null; the same object until it changes. */
  readonly current = (): Session | null => this.session;

  /** Calls `listener` whenever the session changes (sign-in, renewal, sign-out, another tab). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async login(request: LoginRequest): Promise<Session> {
    return this.start(await this.api.login(request));
  }

  async register(request: RegisterRequest): Promise<Session> {
    return this.start(await this.api.register(request));
  }

  /** An access token that is not about to expire, renewing it first when needed. */
  async getAccessToken(): Promise<string> {
    const session = this.session;
    if (!session) throw signedOutError();
    if (!isExpiring(session, this.clock.now())) return session.accessToken;
    try {
      return (await this.refresh(session.accessToken)).accessToken;
    } catch (error) {
      // Unreachable server: the old token still works until it actually expires.
      const stillValid = this.session === session && !isExpired(session, this.clock.now());
      if (!isRejection(error) && stillValid) return session.accessToken;
      throw error;
    }
  }

  /**
   * Renews the access token. `staleAccessToken` is the token found wanting (rejected with 401,
   * or expiring); if the session already moved past it, the newer tokens are returned as is.
   * A rejected refresh ends the session.
   */
  refresh(staleAccessToken?: string): Promise<Session> {
    const current = this.session;
    if (!current) return Promise.reject(signedOutError());
    const stale = staleAccessToken ?? current.accessToken;
    if (current.accessToken !== stale && !isExpiring(current, this.clock.now())) {
      return Promise.resolve(current);
    }
    if (!this.inflight) {
      this.inflight = this.lock(() => this.refreshHoldingLock(stale)).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /** Renews now if the access token is expiring: for a device waking up after its timer was due. */
  renewIfDue(): void {
    const session = this.session;
    if (session && isExpiring(session, this.clock.now())) this.renewInBackground(session.accessToken);
  }

  /** Replaces the user in the session after a profile change. */
  updateUser(user: User): void {
    const stored = this.store.load();
    if (!stored || stored.user.id !== user.id) return;
    const next = { ...stored, user };
    this.store.save(next);
    this.adopt(next);
  }

  /** Forgets the session locally if it still uses `accessToken`, which the server no longer accepts. */
  expire(accessToken: string): void {
    const stored = this.store.load();
    if (stored && stored.accessToken !== accessToken) {
      this.adopt(stored);
      return;
    }
    this.store.save(null);
    this.adopt(null);
  }

  /** Signs out in every tab and revokes the refresh token on the server. */
  async signOut(): Promise<void> {
    const refreshToken = await this.lock(async () => {
      const token = (this.store.load() ?? this.session)?.refreshToken;
      this.store.save(null);
      this.adopt(null);
      return token;
    });
    if (!refreshToken) return;
    try {
      await this.api.logout(refreshToken);
    } catch {
      // Signed out here regardless; the server lets the token lapse on its own.
    }
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribeStore();
    this.clearTimer();
    this.listeners.clear();
  }

  private start(response: AuthResponse): Session {
    const session = sessionFrom(response, this.clock.now());
    this.store.save(session);
    this.adopt(session);
    return session;
  }

  private async refreshHoldingLock(stale: string): Promise<Session> {
    const stored = this.store.load();
    if (!stored) {
      this.adopt(null);
      throw signedOutError();
    }
    if (stored.accessToken !== stale && !isExpiring(stored, this.clock.now())) {
      this.adopt(stored);
      return stored;
    }
    let response: AuthResponse;
    try {
      response = await this.api.refresh(stored.refreshToken);
    } catch (error) {
      if (isRejection(error)) {
        this.store.save(null);
        this.adopt(null);
      }
      throw error;
    }
    const next = sessionFrom(response, this.clock.now());
    this.store.save(next);
    this.adopt(next);
    return next;
  }

  private adopt(session: Session | null): void {
    if (this.disposed || sameSession(this.session, session)) return;
    this.session = session;
    this.schedule();
    for (const listener of [...this.listeners]) listener();
  }

  private schedule(): void {
    this.clearTimer();
    const session = this.session;
    if (!session || this.disposed) return;
    const delay = Math.max(MIN_RENEW_DELAY_MS, session.refreshAt - this.clock.now());
    this.setTimer(() => this.renewInBackground(session.accessToken), delay);
  }

  private renewInBackground(stale: string): void {
    this.refresh(stale).catch((error: unknown) => {
      if (isRejection(error) || !this.session || this.timer !== null) return;
      this.setTimer(() => this.renewInBackground(stale), this.retryDelayMs);
    });
  }

  private setTimer(callback: () => void, ms: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      callback();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
