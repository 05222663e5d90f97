import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';

// Absolute paths: the config is also used from e2e/ (Playwright's web server builds the page).
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const apiTarget = process.env.MASKFILL_API_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: here('./web'),
  plugins: [react(), tailwindcss()],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own: a deploy that changes only app code leaves them cached.
        // Match `/node_modules/<name>/`: pnpm's store folder names carry peer suffixes (`konva@10…`).
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            {
              name: 'konva',
              test: /[\\/]node_modules[\\/](konva|react-konva|react-reconciler|its-fine)[\\/]/,
              priority: 20,
            },
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 20 },
            { name: 'query', test: /[\\/]node_modules[\\/]@tanstack[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'web',
          root: here('./web'),
          environment: 'jsdom',
          setupFiles: ['./src/setup-tests.ts'],
          include: ['src/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'server',
          root: here('./server'),
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          // Vitest's default is cores − 1 (one file at a time on a 2-core CI runner), but most server
          // files spend their time waiting on timers, emulators and child servers: overlap three. Its
          // own maxWorkers needs its own group: the server files run after the web ones.
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
