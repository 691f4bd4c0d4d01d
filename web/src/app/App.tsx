import { useEffect } from 'react';
import { Route, Routes } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { applyTheme } from '../ui/colorScheme';
import { GuestOnly, RequireAuth } from '../auth/guards';
import { RegisterPage } from '../auth/RegisterPage';
import { SignInPage } from '../auth/SignInPage';
import { ChatShell } from './ChatShell';

export function App() {
  const theme = useAuth().user?.theme;
  // The account's colour scheme, on every device it signs in on; signed out, the device's.
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <Routes>
      <Route
        path="/sign-in"
        element={
          <GuestOnly>
            <SignInPage />
          </GuestOnly>
        }
      />
      <Route
        path="/register"
        element={
          <GuestOnly>
            <RegisterPage />
          </GuestOnly>
        }
      />
      {/* One route for the signed-in app, so moving between its pages keeps the chat connection. */}
      <Route
        path="/*"
        element={
          <RequireAuth>
            <ChatShell />
          </RequireAuth>
        }
      />
    </Routes>
  );
}
