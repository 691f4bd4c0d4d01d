import type { AuthResponse, User } from '../api/types';

/** What a signed-in browser keeps: the token pair, when to renew the access token, and who it is. */
export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  accessExpiresAt: number;
  /** Epoch ms from which the access token counts as expiring and is renewed. */
  refreshAt: number;
}

/** Renew this long before expiry, but never more than a fifth of the token's lifetime early. */
const RENEW_AHEAD_MS = 60_000;

export function sessionFrom(response: AuthResponse, now: number): Session {
  const lifetimeMs = Math.max(0, response.expiresIn) * 1000;
  const accessExpiresAt = now + lifetimeMs;
  return {
    user: response.user,
    accessToken: response.accessToken,
    refreshToken: response.refreshToken,
    accessExpiresAt,
    refreshAt: accessExpiresAt - Math.min(RENEW_AHEAD_MS, lifetimeMs / 5),
  };
}

export function isExpiring(session: Session, now: number): boolean {
  return now >= session.refreshAt;
}

export function isExpired(session: Session, now: number): boolean {
  return now >= session.accessExpiresAt;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isUser(value: unknown): value is User {
  return (
    isRecord(value) &&
    typeof value.id === 'number' &&
    typeof value.username === 'string'
  );
}

/** Checks data read back from storage; anything malformed counts as no session. */
export function asSession(value: unknown): Session | null {
  if (
    isRecord(value) &&
    isUser(value.user) &&
    typeof value.accessToken === 'string' &&
    typeof value.refreshToken === 'string' &&
    typeof value.accessExpiresAt === 'number' &&
    typeof value.refreshAt === 'number'
  ) {
    return value as unknown as Session;
  }
  return null;
}
