import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app/App';
import { createServices } from './app/services';
import { AuthProvider } from './auth/AuthContext';
import './ui/theme.css';

const { session, api } = createServices();
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
