/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The hub serves the built files; in development Vite forwards the API and the live feed to a running hub
// (WILLOW_HUB_URL, default the demo's address).
const hub = process.env.WILLOW_HUB_URL ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': hub,
      '/hubs': { target: hub, ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
  },
});
