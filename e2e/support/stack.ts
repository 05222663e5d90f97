// Starts the app for e2e: the real server entry on loopback with a fresh DATA_DIR, and the Firefly and
// fal emulators (test equipment) standing in for the upstream APIs, so every provider can be driven.
import { createWriteStream, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { startFireflyEmulator } from '../../server/test/emulators/firefly.ts';
import { startFalEmulator } from '../../server/test/emulators/fal.ts';

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'maskfill-e2e-'));
// For the secret scan (specs/secret-scan.spec.ts): the server's output, and the pages' recorded traffic.
const scanDir = mkdtempSync(join(tmpdir(), 'maskfill-e2e-scan-'));
const logFile = join(scanDir, 'server.log');
const log = createWriteStream(logFile, { flags: 'a' });
const recordDir = join(scanDir, 'record');
mkdirSync(recordDir);
const firefly = await startFireflyEmulator({
  clientId: 'e2e-client-id',
  clientSecret: 'e2e-client-secret',
  pendingPolls: 1,
  runningPolls: 2,
  fillMethod: 'diffusion',
});
const fal = await startFalEmulator({ key: 'e2e-key-id:e2e-key-secret' });

const port = process.env.E2E_PORT ?? '8790';
const spawnServer = () => {
  const server = spawnApp();
  // Shown as before, and kept in a file for the scan.
  server.stdout?.on('data', (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
  server.stderr?.on('data', (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));
  return server;
};
const spawnApp = () =>
  spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'server/src/index.ts')], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: port,
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
let child: ChildProcess = spawnServer();
let restarting = false;
async function stop() {
  child.kill('SIGTERM');
  control.close();
  await Promise.all([firefly.close(), fal.close()]);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
const exitWithServer = (code: number | null) => {
  if (!restarting) process.exit(code ?? 0);
};
child.on('exit', exitWithServer);

/**
 * Test equipment, never the product: a control port beside the app (E2E_CONTROL_PORT, default app port +
 * 20000) where a spec restarts the server on the same DATA_DIR and port, or learns the emulators' URLs to
 * inject faults through their own control routes.
 */
async function restartServer(): Promise<number> {
  const started = Date.now();
  restarting = true;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  child = spawnServer();
  child.on('exit', exitWithServer);
  restarting = false;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
const control = createServer((req, res) => {
  const reply = (body: unknown) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (req.method === 'POST' && req.url === '/restart') {
    restartServer().then(
      (ms) => reply({ ok: true, ms }),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  } else if (req.method === 'GET' && req.url === '/scan') {
    reply({
      dataDir,
      logFile,
      recordDir,
      webDist: process.env.E2E_WEB_DIST ?? join(root, 'dist/web'),
      secrets: [
        'e2e-client-secret',
        fal.key,
        ...fal.key.split(':'),
        ...firefly.emulator.issuedTokens(),
        ...(process.env.MASKFILL_ACCESS_TOKEN ? [process.env.MASKFILL_ACCESS_TOKEN] : []),
      ],
    });
  } else if (req.method === 'GET' && req.url === '/emulators') {
    reply({ fireflyApiBaseUrl: firefly.apiBaseUrl, falUrl: fal.url });
  } else res.writeHead(404).end();
});
control.listen(Number(process.env.E2E_CONTROL_PORT ?? Number(port) + 20000), '127.0.0.1');
