import type { FetchLike } from '../api/http';
import type { AuthResponse, User } from '../api/types';

export const alice: User = {
  id: 1,
  username: 'alice',
  email: 'alice@example.com',
  displayName: 'Alice',
  createdAt: 1735689600000,
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function unauthorized(message: string): Response {
  return json(401, { error: { code: 'unauthorized', message } });
}

/**
 * An in-memory stand-in for the server's auth rules: access tokens expire when told to,
 * refresh tokens rotate, and reusing a spent refresh token revokes the whole family.
 */
export function fakeAuthServer(options: { expiresIn?: number } = {}) {
  const expiresIn = options.expiresIn ?? 900;
  let counter = 0;
  const liveAccess = new Set<string>();
  const liveRefresh = new Set<string>();
  const spentRefresh = new Set<string>();
  let gate: Promise<void> | null = null;
  let releaseGate: () => void = () => undefined;

  const state = {
    refreshCalls: 0,
    logoutCalls: [] as string[],
    reuseDetected: false,
    /** Makes the next refresh answer with this status, or fail at the network level. */
    nextRefreshFailure: null as number | 'network' | null,
    /** Authorization headers seen on /api/me, in order. */
    meAuthorizations: [] as string[],
  };

  function issue(): AuthResponse {
    counter += 1;
    const accessToken = `access-${counter}`;
    const refreshToken = `refresh-${counter}`;
    liveAccess.add(accessToken);
    liveRefresh.add(refreshToken);
    return { user: alice, accessToken, refreshToken, expiresIn };
  }

  function revokeAll(): void {
    liveAccess.clear();
    for (const token of liveRefresh) spentRefresh.add(token);
    liveRefresh.clear();
  }

  const fetch: FetchLike = async (path, init) => {
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, string>) : {};
    const headers = (init?.headers ?? {}) as Record<string, string>;
    await Promise.resolve();
    switch (path) {
      case '/api/auth/login':
        return json(200, issue());
      case '/api/auth/refresh': {
        state.refreshCalls += 1;
        if (gate) await gate;
        const failure = state.nextRefreshFailure;
        state.nextRefreshFailure = null;
        if (failure === 'network') throw new TypeError('Failed to fetch');
        if (failure !== null) return json(failure, { error: { code: 'refresh_failed', message: 'No.' } });
        const token = body.refreshToken ?? '';
        if (spentRefresh.has(token)) {
          state.reuseDetected = true;
          revokeAll();
          return unauthorized('Refresh token reused; session revoked.');
        }
        if (!liveRefresh.delete(token)) return unauthorized('Unknown refresh token.');
        spentRefresh.add(token);
        return json(200, issue());
      }
      case '/api/auth/logout':
        state.logoutCalls.push(body.refreshToken ?? '');
        revokeAll();
        return new Response(null, { status: 204 });
      case '/api/me': {
        const authorization = headers.Authorization ?? '';
        state.meAuthorizations.push(authorization);
        const token = authorization.replace(/^Bearer /, '');
        return liveAccess.has(token) ? json(200, alice) : unauthorized('Token expired.');
      }
      default:
        return json(404, { error: { code: 'not_found', message: 'Not found.' } });
    }
  };

  return {
    fetch,
    state,
    issue,
    /** Server-side expiry of every access token issued so far. */
    expireAccessTokens: () => liveAccess.clear(),
    /** Holds refresh responses until `release` is called. */
    holdRefreshes: () => {
      gate = new Promise((resolve) => {
        releaseGate = () => {
          gate = null;
          resolve();
        };
      });
    },
    release: () => releaseGate(),
  };
}
