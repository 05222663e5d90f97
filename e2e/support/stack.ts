// Starts the app for e2e: the real server entry on loopback, a fresh DATA_DIR, no credentials.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'maskfill-e2e-'));
const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'server/src/index.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? '8790',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIST_DIR: join(root, 'dist/web'),
    FIREFLY_SERVICES_CLIENT_ID: '',
    FIREFLY_SERVICES_CLIENT_SECRET: '',
    FAL_KEY: '',
  },
});
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => process.exit(code ?? 0));
