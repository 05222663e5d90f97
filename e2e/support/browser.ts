// Debian's Chromium with the flags this machine needs (never a Playwright download), and the app stack
// for scripts that run outside the Playwright runner (benchmarks).
import { chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

const root = resolve(import.meta.dirname, '../..');

/** Starts e2e/support/stack.ts on `port` and resolves once /api/health answers. */
export async function startStack(port: number): Promise<ChildProcess> {
  const server = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'e2e/support/stack.ts')], {
    cwd: root,
    env: { ...process.env, E2E_PORT: String(port) },
    stdio: 'ignore',
  });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill('SIGTERM');
  throw new Error('server did not start');
}
