import { Navigate, Route, Routes } from 'react-router-dom';
import { GuestOnly, RequireAuth } from '../auth/guards';
import { RegisterPage } from '../auth/RegisterPage';
import { SignInPage } from '../auth/SignInPage';
import { HomePage } from './HomePage';
import { Shell } from './Shell';

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
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
