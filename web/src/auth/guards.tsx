import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './AuthContext';

interface FromState {
  from?: string;
}

/** Shows its children to signed-in users; sends everyone else to sign in, remembering where they were going. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) {
    const from = location.pathname + location.search + location.hash;
    return <Navigate to="/sign-in" replace state={{ from } satisfies FromState} />;
  }
  return children;
}

/** Shows its children to signed-out users; sends signed-in users on to where they were going. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user) {
    const from = (location.state as FromState | null)?.from;
    const target = from && from.startsWith('/') && !from.startsWith('//') ? from : '/';
    return <Navigate to={target} replace />;
  }
  return children;
}
