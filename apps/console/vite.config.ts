import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by `chronicle serve` from dist/ (CONSOLE_DIR). In development,
// `vite` serves it and passes the API and sign-in through to a server on port 3000.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@chronicle/source'] },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/auth': 'http://127.0.0.1:3000',
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
