import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app/App';
import { createServices } from './app/services';
import { AuthProvider } from './auth/AuthContext';
import { applyTheme } from './ui/colorScheme';
import './ui/theme.css';

const { session, api } = createServices();
// The stored profile's theme, before the first render; the fetched profile may change it.
applyTheme(session.current()?.user.theme);
const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <AuthProvider session={session} api={api}>
        <App />
      </AuthProvider>
    </BrowserRouter>
  </StrictMode>,
);

// The app shell works offline and the app can be installed; only in built versions.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without a service worker the app still works, just not offline.
    });
  });
}
