import { Route, Routes } from 'react-router-dom';
import { GuestOnly, RequireAuth } from '../auth/guards';
import { RegisterPage } from '../auth/RegisterPage';
import { SignInPage } from '../auth/SignInPage';
import { ChatShell } from './ChatShell';

export function App() {
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
