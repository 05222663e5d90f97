// Starts the app for e2e: the real server entry on loopback with a fresh DATA_DIR, and the Firefly and
// fal emulators (test equipment) standing in for the upstream APIs, so every provider can be driven.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { startFireflyEmulator } from '../../server/test/emulators/firefly.ts';
import { startFalEmulator } from '../../server/test/emulators/fal.ts';

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'maskfill-e2e-'));
const firefly = await startFireflyEmulator({
  clientId: 'e2e-client-id',
  clientSecret: 'e2e-client-secret',
  pendingPolls: 1,
  runningPolls: 2,
  fillMethod: 'diffusion',
});
const fal = await startFalEmulator({ key: 'e2e-key-id:e2e-key-secret' });

const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'server/src/index.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? '8790',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIST_DIR: process.env.E2E_WEB_DIST ?? join(root, 'dist/web'),
    FIREFLY_SERVICES_CLIENT_ID: 'e2e-client-id',
    FIREFLY_SERVICES_CLIENT_SECRET: 'e2e-client-secret',
    FIREFLY_API_BASE_URL: firefly.apiBaseUrl,
    FIREFLY_IMS_URL: firefly.imsUrl,
    FAL_KEY: fal.key,
    FAL_QUEUE_BASE_URL: fal.url,
    FAL_REST_BASE_URL: fal.url,
    RESULT_HOSTS: [firefly.host, new URL(fal.url).host].join(','),
  },
});
async function stop() {
  child.kill('SIGTERM');
  await Promise.all([firefly.close(), fal.close()]);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
child.on('exit', (code) => process.exit(code ?? 0));
