import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import type { LoginRequest, RegisterRequest, User } from '../api/types';
import type { AuthSession } from './authSession';

interface Services {
  session: AuthSession;
  api: ApiClient;
}

const ServicesContext = createContext<Services | null>(null);

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('AuthProvider is missing above this component');
  return services;
}

/** Provides the session and the API client; re-renders on sign-in, sign-out and profile changes. */
export function AuthProvider({ session, api, children }: Services & { children: ReactNode }) {
  const services = useMemo(() => ({ session, api }), [session, api]);

  // A session restored from storage may hold an outdated profile: fetch the current one.
  useEffect(() => {
    if (!session.current()) return;
    api.me().then(
      (user) => session.updateUser(user),
      () => {
        // Offline, or the session ended (the session handles that); the stored profile will do.
      },
    );
  }, [session, api]);

  return <ServicesContext value={services}>{children}</ServicesContext>;
}

export interface Auth {
  user: User | null;
  login(request: LoginRequest): Promise<void>;
  register(request: RegisterRequest): Promise<void>;
  signOut(): Promise<void>;
}

export function useAuth(): Auth {
  const { session } = useServices();
  const current = useSyncExternalStore(session.subscribe, session.current);
  return useMemo(
    () => ({
      user: current?.user ?? null,
      login: async (request) => void (await session.login(request)),
      register: async (request) => void (await session.register(request)),
      signOut: () => session.signOut(),
    }),
    [session, current],
  );
}

export function useApi(): ApiClient {
  return useServices().api;
}

export function useSession(): AuthSession {
  return useServices().session;
}
