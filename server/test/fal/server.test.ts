import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFalProvider, type FalProviderConfig } from '../../src/providers/fal/index.ts';
import type { ProviderId } from '../../src/contract/index.ts';
import type { Provider } from '../../src/providers/interface.ts';
import { startFalEmulator, type FalEmulator } from '../emulators/fal.ts';
import {
  getJob,
  postFill,
  startHarness,
  until,
  uploadImage,
  waitForJob,
  type Harness,
} from '../support/harness.ts';
import { maskPng, sourcePng } from './harness.ts';

// The fal provider inside the real server (routes, runner, job store), against the emulator.
let emu: FalEmulator;
let servers: Harness[] = [];
let logs: string[] = [];

beforeEach(async () => {
  emu = await startFalEmulator();
  servers = [];
  logs = [];
});
afterEach(async () => {
  for (const s of servers.reverse()) await s.cleanup();
  await emu.close();
});

async function start(dataDir?: string): Promise<Harness> {
  const config: FalProviderConfig = {
    key: emu.key,
    queueBaseUrl: emu.url,
    restBaseUrl: emu.url,
    resultHosts: [new URL(emu.url).host],
  };
  const server = await startHarness({
    ...(dataDir ? { dataDir } : {}),
    log: (m) => logs.push(m),
    providers: (deps) => ({
      registry: new Map<ProviderId, Provider>([
        ['fal', createFalProvider(config, { ...deps, log: (m) => logs.push(m) })],
      ]),
      close: () => Promise.resolve(),
    }),
  });
  servers.push(server);
  return server;
}

async function fill(server: Harness, extra: Record<string, unknown> = {}) {
  const image = await uploadImage(server.app, await sourcePng());
  const mask = await uploadImage(server.app, await maskPng());
  return postFill(server.app, { provider: 'fal', imageId: image.body.id, maskId: mask.body.id, ...extra });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('fal through the server', () => {
  it('refuses an empty prompt with 400 before any upstream call', async () => {
    const server = await start();
    const { res, body } = await fill(server, { prompt: ' ' });
    expect(res.status).toBe(400);
    expect(body).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringMatching(/needs a prompt/) as string },
    });
    expect(emu.requests).toHaveLength(0);
  });

  it('runs a job to success; a restart mid-job resumes the same request id; the key is nowhere', async () => {
    emu.script({ queuePolls: 6, progressPolls: 2 });
    const first = await start();
    const { res, body } = await fill(first, {
      prompt: 'a mossy stone',
      numVariations: 2,
      options: { output_format: 'png' },
    });
    expect(res.status).toBe(202);
    const id = body.id as string;
    await until(async () => (await first.services.jobs.get(id))?.upstreamRef != null);
    await first.close();
    // Still upstream, not finished: the second server has to pick it up.
    const statusPolls = () => emu.requests.filter((r) => r.path.endsWith('/status')).length;
    const pollsBefore = statusPolls();
    expect([...emu.jobs.values()].map((j) => j.phase)).not.toContain('completed');

    const second = await start(first.dataDir);
    const job = await waitForJob(second.app, id);
    expect(job.status).toBe('succeeded');
    expect(job.outputs).toHaveLength(2);
    expect(job.notes).toContain('fal: Step 2/2');
    const submitted = emu.requests.filter((r) => r.path === '/fal-ai/flux-pro/v1/fill');
    expect(submitted).toHaveLength(1);
    const polled = new Set(emu.requests.filter((r) => r.path.endsWith('/status')).map((r) => r.path));
    expect(polled.size).toBe(1);
    expect(statusPolls()).toBeGreaterThan(pollsBefore);
    const image = await second.app.request(job.outputs[0]!.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');

    // The key: not in responses, SSE frames, logs, or any file under DATA_DIR (job DB included).
    const texts = [
      JSON.stringify(await getJob(second.app, id)),
      await (await second.app.request('/api/jobs')).text(),
      await (await second.app.request(`/api/jobs/${id}/events`)).text(),
      await (await second.app.request('/api/providers')).text(),
      ...logs,
    ];
    for (const file of await filesUnder(first.dataDir)) texts.push((await readFile(file)).toString('latin1'));
    for (const part of [emu.key, ...emu.key.split(':')]) {
      for (const text of texts) expect(text).not.toContain(part);
    }
  });
});
