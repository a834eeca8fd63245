import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WillowApi } from './api/client';
import { App } from './App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={new WillowApi()} />
  </StrictMode>,
);

// Installable as an app, and opens offline with what was last loaded (see public/sw.js). Only the built
// dashboard registers it: under Vite's dev server it would cache modules that change on every save.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
