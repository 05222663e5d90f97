import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/browser.ts';

const port = Number(process.env.E2E_PORT ?? 8790);
export const baseURL = `http://127.0.0.1:${port}`;
// Several people (or agents) can run e2e at once in one checkout: each gives its own port and build folder.
const webDist = process.env.E2E_WEB_DIST ?? resolve(import.meta.dirname, '../dist/web');

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    // The secret scan runs after every studio spec, pass or fail (a teardown project), and is a test in
    // the report like any other.
    { name: 'studio', testIgnore: /secret-scan\.spec\.ts/, teardown: 'secret-scan' },
    { name: 'secret-scan', testMatch: /secret-scan\.spec\.ts/ },
  ],
  webServer: {
    // Build the page, then start the API + page on one port with a fresh data folder.
    command: `../node_modules/.bin/vite build --config ../vite.config.ts --logLevel warn --outDir ${webDist} --emptyOutDir && ../node_modules/.bin/tsx support/stack.ts`,
    cwd: import.meta.dirname,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port), E2E_WEB_DIST: webDist },
  },
});
