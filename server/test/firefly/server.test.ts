import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFireflyProvider } from '../../src/providers/firefly/index.ts';
import type { Provider } from '../../src/providers/interface.ts';
import {
  startFireflyEmulator,
  type FireflyEmulatorOptions,
  type RunningFireflyEmulator,
} from '../emulators/firefly.ts';
import { postFill, startHarness, until, uploadImage, waitForJob, type Harness } from '../support/harness.ts';
import { SseReader } from '../support/sse.ts';
import { CLIENT_ID, CLIENT_SECRET, maskPng, sourcePng } from './harness.ts';

/** The real server (routes, runner, job store) with Firefly pointed at the emulator. */
const servers: Harness[] = [];
const emulators: RunningFireflyEmulator[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.cleanup();
  for (const e of emulators.splice(0)) await e.close();
});

async function emulator(options: FireflyEmulatorOptions = {}) {
  const e = await startFireflyEmulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    fillMethod: 'diffusion',
    ...options,
  });
  emulators.push(e);
  return e;
}

async function server(emu: RunningFireflyEmulator, dataDir?: string) {
  const h = await startHarness({
    ...(dataDir ? { dataDir } : {}),
    providers: (deps) => {
      const firefly = createFireflyProvider(
        {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          apiBaseUrl: emu.apiBaseUrl,
          imsUrl: emu.imsUrl,
          scopes: 'openid,AdobeID,read_organizations,firefly_api,ff_apis',
          rpm: 60,
          requestTimeoutMs: 5000,
          pollIntervalMs: { minMs: 20, maxMs: 100 },
        },
        deps,
      );
      return { registry: new Map<'firefly', Provider>([['firefly', firefly]]), close: async () => undefined };
    },
  });
  servers.push(h);
  return h;
}

async function ids(h: Harness, width: number, height: number) {
  return {
    imageId: (await uploadImage(h.app, await sourcePng(width, height))).body.id,
    maskId: (await uploadImage(h.app, await maskPng(width, height))).body.id,
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const p = join(dir, name);
    if ((await stat(p)).isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

describe('Firefly through the server', () => {
  it('a fill runs end to end; outputs are served; no secret in bodies, SSE, logs or DATA_DIR', async () => {
    const emu = await emulator();
    const h = await server(emu);
    const { res, body } = await postFill(h.app, {
      provider: 'firefly',
      ...(await ids(h, 640, 480)),
      prompt: 'a stone wall',
      size: { width: 1024, height: 1024 },
      numVariations: 2,
    });
    expect(res.status).toBe(202);
    const id = body.id as string;
    const events = await h.app.request(`/api/jobs/${id}/events`);
    const job = await waitForJob(h.app, id);
    expect(job.status).toBe('succeeded');
    expect(job.outputs).toHaveLength(2);
    const frames: string[] = [];
    const sse = new SseReader(events);
    for (let f = await sse.next(10_000); f !== null; f = await sse.next(10_000)) frames.push(f);
    expect(frames.some((f) => f.includes('"status":"succeeded"'))).toBe(true);
    const image = await h.app.request(job.outputs[0]!.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');

    const seen = [JSON.stringify(body), JSON.stringify(job), ...frames, ...h.logs];
    seen.push(
      await (await h.app.request('/api/jobs')).text(),
      await (await h.app.request('/api/providers')).text(),
    );
    await h.close();
    for (const f of await filesUnder(h.dataDir)) seen.push((await readFile(f)).toString('latin1'));
    const text = seen.join('\n');
    expect(emu.emulator.issuedTokens()).toHaveLength(1);
    for (const secret of [CLIENT_SECRET, ...emu.emulator.issuedTokens()]) expect(text).not.toContain(secret);
  });

  it('a source under 600 px is scaled for Firefly and the job says so', async () => {
    const emu = await emulator();
    const h = await server(emu);
    const { body } = await postFill(h.app, {
      provider: 'firefly',
      ...(await ids(h, 400, 300)),
      size: { width: 1024, height: 1024 },
    });
    const job = await waitForJob(h.app, body.id as string);
    expect(job.status).toBe('succeeded');
    expect(job.notes?.join(' ')).toMatch(/Scaled the source and mask from 400×300 to 600×450/);
  });

  it('a size Firefly does not make is refused with 400 before any upstream call', async () => {
    const emu = await emulator();
    const h = await server(emu);
    const { res, body } = await postFill(h.app, {
      provider: 'firefly',
      ...(await ids(h, 640, 480)),
      size: { width: 1000, height: 1000 },
    });
    expect(res.status).toBe(400);
    expect((body.error as { code: string }).code).toBe('invalid_request');
    expect(emu.emulator.requests.filter((r) => r.route !== 'ims')).toEqual([]);
  });

  it('a permanent 500 fails the job with a clear error after the runner’s bounded retries', async () => {
    const emu = await emulator();
    emu.emulator.inject({
      route: 'fill',
      status: 500,
      body: { error_code: 'runtime_error' },
      times: Infinity,
    });
    const h = await server(emu);
    const { body } = await postFill(h.app, {
      provider: 'firefly',
      ...(await ids(h, 640, 480)),
      size: { width: 1024, height: 1024 },
    });
    const job = await waitForJob(h.app, body.id as string);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('upstream_error');
    expect(job.error?.message).toMatch(/Adobe Firefly had a problem \(fill: HTTP 500 runtime_error\)/);
    const fills = emu.emulator.count('fill');
    expect(fills).toBeGreaterThan(1);
    expect(job.error?.message).toContain(`gave up after ${fills} attempts`);
  });

  it('a restart mid-job resumes polling the same upstream job', async () => {
    const emu = await emulator({ pendingPolls: 2, runningPolls: 6 });
    const first = await server(emu);
    const { body } = await postFill(first.app, {
      provider: 'firefly',
      ...(await ids(first, 640, 480)),
      size: { width: 1024, height: 1024 },
    });
    const id = body.id as string;
    await until(() => emu.emulator.count('status') >= 1, 10_000);
    await first.close();
    const polled = emu.emulator.count('status');
    expect(polled).toBeLessThan(8);

    const second = await server(emu, first.dataDir);
    const job = await waitForJob(second.app, id);
    expect(job.status).toBe('succeeded');
    expect(emu.emulator.count('fill')).toBe(1);
    expect(emu.emulator.count('status')).toBeGreaterThan(polled);
    expect(new Set(emu.emulator.requests.filter((r) => r.route === 'status').map((r) => r.path)).size).toBe(
      1,
    );
  });

  it('429 with Retry-After: the runner waits that long, then the job succeeds', async () => {
    const emu = await emulator();
    emu.emulator.inject({
      route: 'fill',
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error_code: 'rate_limited' },
    });
    const h = await server(emu);
    const { body } = await postFill(h.app, {
      provider: 'firefly',
      ...(await ids(h, 640, 480)),
      size: { width: 1024, height: 1024 },
    });
    const job = await waitForJob(h.app, body.id as string);
    expect(job.status).toBe('succeeded');
    const fills = emu.emulator.requests.filter((r) => r.route === 'fill');
    expect(fills).toHaveLength(2);
    expect(fills[1]!.at - fills[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('cancel mid-run reaches Firefly and the job ends cancelled', async () => {
    const emu = await emulator({ pendingPolls: 2, runningPolls: 200 });
    const h = await server(emu);
    const { body } = await postFill(h.app, {
      provider: 'firefly',
      ...(await ids(h, 640, 480)),
      size: { width: 1024, height: 1024 },
    });
    const id = body.id as string;
    await until(() => emu.emulator.count('status') >= 2, 10_000);
    const res = await h.app.request(`/api/jobs/${id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(202);
    const job = await waitForJob(h.app, id);
    expect(job.status).toBe('cancelled');
    await until(() => emu.emulator.count('cancel', 'PUT') === 1, 5000);
  });

  it('an unsafe prompt fails the job as prompt_unsafe with a readable message', async () => {
    const emu = await emulator();
    emu.emulator.nextJob({ status: 'failed', error_code: 'prompt_unsafe' });
    const h = await server(emu);
    const { body } = await postFill(h.app, {
      provider: 'firefly',
      ...(await ids(h, 640, 480)),
      prompt: 'something',
      size: { width: 1024, height: 1024 },
    });
    const job = await waitForJob(h.app, body.id as string);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'prompt_unsafe', retryable: false });
    expect(job.error?.message).toMatch(/Rephrase the prompt/);
  });
});
