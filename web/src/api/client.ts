import { ApiError } from './errors';
import { requestJson, type FetchLike, type RequestOptions } from './http';
import type { ThemePreference, User, UserSummary } from './types';

/** What authorized requests need from the signed-in session. */
export interface AccessTokens {
  getAccessToken(): Promise<string>;
  /** Renews after `staleAccessToken` was rejected; shared with concurrent callers. */
  refresh(staleAccessToken: string): Promise<{ accessToken: string }>;
  /** The server rejected even a freshly renewed token: the session is over. */
  expire(accessToken: string): void;
}

export type AuthorizedOptions = Omit<RequestOptions, 'token'>;

export interface ApiClient {
  /** Any authorized JSON request; on 401 renews the access token and retries once. */
  request<T>(path: string, options?: AuthorizedOptions): Promise<T>;
  me(): Promise<User>;
  updateMe(changes: { displayName?: string; theme?: ThemePreference }): Promise<User>;
  searchUsers(query: string, signal?: AbortSignal): Promise<UserSummary[]>;
}

function isUnauthorized(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 401;
}

export function createApiClient(fetchFn: FetchLike, tokens: AccessTokens): ApiClient {
  async function request<T>(path: string, options: AuthorizedOptions = {}): Promise<T> {
    const token = await tokens.getAccessToken();
    try {
      return await requestJson<T>(fetchFn, path, { ...options, token });
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
    }
    const renewed = await tokens.refresh(token);
    try {
      return await requestJson<T>(fetchFn, path, { ...options, token: renewed.accessToken });
    } catch (error) {
      if (isUnauthorized(error)) tokens.expire(renewed.accessToken);
      throw error;
    }
  }

  return {
    request,
    me: () => request<User>('/api/me'),
    updateMe: (changes) => request<User>('/api/me', { method: 'PATCH', body: changes }),
    searchUsers: async (query, signal) => {
      const options: AuthorizedOptions = signal ? { signal } : {};
      const page = await request<{ users: UserSummary[] }>(
        `/api/users?query=${encodeURIComponent(query)}`,
        options,
      );
      return page.users;
    },
  };
}
