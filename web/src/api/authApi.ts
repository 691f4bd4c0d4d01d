import { requestJson, type FetchLike } from './http';
import type { AuthResponse, LoginRequest, RegisterRequest } from './types';

/** The unauthenticated auth endpoints. */
export interface AuthApi {
  register(request: RegisterRequest): Promise<AuthResponse>;
  login(request: LoginRequest): Promise<AuthResponse>;
  refresh(refreshToken: string): Promise<AuthResponse>;
  logout(refreshToken: string): Promise<void>;
}

/**
 * Refresh and logout run while holding the cross-tab refresh lock, so they must not hang for
 * ever on a stalled connection.
 */
const LOCKED_REQUEST_TIMEOUT_MS = 20_000;

function timeout(): AbortSignal | undefined {
  return typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(LOCKED_REQUEST_TIMEOUT_MS) : undefined;
}

export function createAuthApi(fetchFn: FetchLike): AuthApi {
  return {
    register: (body) => requestJson(fetchFn, '/api/auth/register', { method: 'POST', body }),
    login: (body) => requestJson(fetchFn, '/api/auth/login', { method: 'POST', body }),
    refresh: (refreshToken) =>
      requestJson(fetchFn, '/api/auth/refresh', { method: 'POST', body: { refreshToken }, signal: timeout() }),
    logout: (refreshToken) =>
      requestJson(fetchFn, '/api/auth/logout', { method: 'POST', body: { refreshToken }, signal: timeout() }),
  };
}
