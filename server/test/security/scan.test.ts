import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFalEmulator, type FalEmulator } from '../emulators/fal.ts';
import { startFireflyEmulator, type RunningFireflyEmulator } from '../emulators/firefly.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';

const ACCESS_TOKEN = 'scan-access-token-9d41c7';
const FF_SECRET = 'scan-firefly-secret-3be0a2f7';
let fal: FalEmulator;
let firefly: RunningFireflyEmulator;
let h: Harness;
/** Everything that left the server: status lines, headers and bodies, SSE streams included. */
const seen: string[] = [];

async function call(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${ACCESS_TOKEN}`);
  const res = await h.app.request(path, { ...init, headers });
  const body = Buffer.from(await res.arrayBuffer());
  seen.push(
    `${res.status} ${path}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${body.toString('latin1')}`,
  );
  return { res, body };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return files.flat();
}

beforeAll(async () => {
  fal = await startFalEmulator();
  firefly = await startFireflyEmulator({
    clientId: 'scan-client',
    clientSecret: FF_SECRET,
    fillMethod: 'diffusion',
  });
  h = await startHarness({
    env: {
      LOG_LEVEL: 'debug',
      MASKFILL_ACCESS_TOKEN: ACCESS_TOKEN,
      FAL_KEY: fal.key,
      FAL_QUEUE_BASE_URL: fal.url,
      FAL_REST_BASE_URL: fal.url,
      FIREFLY_SERVICES_CLIENT_ID: 'scan-client',
      FIREFLY_SERVICES_CLIENT_SECRET: FF_SECRET,
      FIREFLY_API_BASE_URL: firefly.apiBaseUrl,
      FIREFLY_IMS_URL: firefly.imsUrl,
      RESULT_HOSTS: `${new URL(fal.url).host},${firefly.host}`,
    },
  });
}, 30_000);
afterAll(async () => {
  await h.cleanup();
  await fal.close();
  await firefly.close();
});

describe('secrets leak nowhere', () => {
  it('after fills on every provider, logins and errors: not in responses, SSE, logs, DATA_DIR or the built app', async () => {
    const image = await texturedPng(64, 48);
    const mask = await rectMaskPng(64, 48, { x: 16, y: 12, w: 20, h: 16 });
    const up = async (bytes: Uint8Array) => {
      const { body } = await call('/api/images', {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: new Uint8Array(bytes),
      });
      return (JSON.parse(body.toString()) as { id: string }).id;
    };
    const imageId = await up(image);
    const maskId = await up(mask);
    await call('/api/providers');
    await call('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: ACCESS_TOKEN }),
    });
    await call('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'wrong' }),
    });
    const requests = [
      { provider: 'local', imageId, maskId },
      { provider: 'firefly', imageId, maskId, prompt: 'moss', size: { width: 1024, height: 1024 } },
      { provider: 'fal', imageId, maskId, prompt: 'moss' },
    ];
    for (const request of requests) {
      const { res, body } = await call('/api/fills', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      expect(res.status, body.toString()).toBe(202);
      const { id } = JSON.parse(body.toString()) as { id: string };
      // The stream ends after the terminal frame.
      await call(`/api/jobs/${id}/events`);
      const { body: job } = await call(`/api/jobs/${id}`);
      const parsed = JSON.parse(job.toString()) as { status: string; outputs: { imageId: string }[] };
      expect(parsed.status, job.toString()).toBe('succeeded');
      for (const o of parsed.outputs) await call(`/api/images/${o.imageId}`);
    }
    // A listing and an unknown route (error body).
    await call('/api/jobs');
    await call('/api/nope');

    const secrets = [
      ACCESS_TOKEN,
      FF_SECRET,
      fal.key,
      ...fal.key.split(':'),
      ...firefly.emulator.issuedTokens(),
    ].filter((s) => s.length >= 8);
    expect(firefly.emulator.issuedTokens().length).toBeGreaterThan(0);

    const where: string[] = [];
    const scan = (label: string, text: string) => {
      for (const s of secrets) if (text.includes(s)) where.push(`${label} contains ${s.slice(0, 4)}…`);
    };
    seen.forEach((text, i) => scan(`response ${i}`, text));
    scan('log', h.logs.join('\n'));
    const dataFiles = await walk(h.dataDir);
    expect(dataFiles.length).toBeGreaterThan(3);
    for (const file of dataFiles) scan(file, (await readFile(file)).toString('latin1'));
    const dist = resolve(import.meta.dirname, '../../../dist/web');
    if (existsSync(dist))
      for (const file of await walk(dist)) scan(file, (await readFile(file)).toString('latin1'));
    expect(where).toEqual([]);
    // The scan is not vacuous: the SSE frames and logs it read are there.
    expect(seen.some((t) => t.includes('event: job') || t.includes('data: {'))).toBe(true);
  }, 60_000);
});
