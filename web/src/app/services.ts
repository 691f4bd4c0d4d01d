import { createAuthApi } from '../api/authApi';
import { createApiClient } from '../api/client';
import type { FetchLike } from '../api/http';
import { AuthSession } from '../auth/authSession';
import { crossTabLock } from '../auth/refreshLock';
import { browserStorage, localTokenStore } from '../auth/tokenStore';

/** The app's long-lived objects, made once per page load. */
export function createServices() {
  const fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init);
  const session = new AuthSession({
    api: createAuthApi(fetchFn),
    store: localTokenStore(browserStorage()),
    lock: crossTabLock('parley.auth.refresh'),
  });
  const api = createApiClient(fetchFn, session);
  // Timers stall while a device sleeps; catch up when the page is seen again or back online.
  const renewIfDue = () => {
    if (document.visibilityState === 'visible') session.renewIfDue();
  };
  document.addEventListener('visibilitychange', renewIfDue);
  window.addEventListener('online', renewIfDue);
  return { session, api };
}
