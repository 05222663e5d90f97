import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/contract/index.ts';
import { startFireflyEmulator, type RunningFireflyEmulator } from '../emulators/firefly.ts';
import { listDir, startHarness, uploadImage, type Harness } from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';
import { badCases, type BadCase } from './cases.ts';

let h: Harness;
let firefly: RunningFireflyEmulator;
let cases: BadCase[] = [];
let storedBefore: string[] = [];

beforeAll(async () => {
  firefly = await startFireflyEmulator({ clientId: 'bad-input-client', clientSecret: 'bad-input-secret' });
  h = await startHarness({
    env: {
      MAX_UPLOAD_MB: '0.05',
      // Off here: the table sends ~80 fills in a second; the limits have their own tests.
      RATE_LIMIT_FILLS_PER_MIN: '0',
      FIREFLY_SERVICES_CLIENT_ID: 'bad-input-client',
      FIREFLY_SERVICES_CLIENT_SECRET: 'bad-input-secret',
      FIREFLY_API_BASE_URL: firefly.apiBaseUrl,
      FIREFLY_IMS_URL: firefly.imsUrl,
      RESULT_HOSTS: firefly.host,
    },
  });
  const png = await texturedPng(32, 24);
  const imageId = (await uploadImage(h.app, png)).body.id;
  const maskId = (await uploadImage(h.app, await rectMaskPng(32, 24, { x: 4, y: 4, w: 8, h: 8 }))).body.id;
  const emptyMaskId = (await uploadImage(h.app, await rectMaskPng(32, 24, { x: 0, y: 0, w: 0, h: 0 }))).body
    .id;
  const smallMaskId = (await uploadImage(h.app, await rectMaskPng(20, 20, { x: 2, y: 2, w: 8, h: 8 }))).body
    .id;
  const jpeg = new Uint8Array(await sharp(png).jpeg().toBuffer());
  const webp = new Uint8Array(await sharp(png).webp().toBuffer());
  cases = badCases({ imageId, maskId, smallMaskId, emptyMaskId }, png, jpeg, webp);
  storedBefore = await listDir(join(h.dataDir, 'images'));
});
afterAll(async () => {
  await h.cleanup();
  await firefly.close();
});

async function send(c: BadCase) {
  const body = typeof c.body === 'function' ? await c.body() : c.body;
  return h.app.request(c.path, {
    method: c.method ?? 'GET',
    headers: c.headers ?? {},
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }),
  });
}

const asList = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

describe('bad input: every case is a readable 4xx, the server keeps serving, nothing stray on disk', () => {
  it('has at least 100 cases with unique names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('answers each case as its row says', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const res = await send(c);
      const text = await res.text();
      let parsed: ReturnType<typeof ErrorBody.safeParse> | undefined;
      try {
        parsed = ErrorBody.safeParse(JSON.parse(text));
      } catch {
        parsed = undefined;
      }
      const problem =
        res.status >= 500
          ? `5xx (${res.status})`
          : !asList(c.status).includes(res.status)
            ? `status ${res.status}, expected ${String(c.status)}`
            : !parsed?.success
              ? `not the JSON error body: ${text.slice(0, 120)}`
              : !asList(c.code).includes(parsed.data.error.code)
                ? `code ${parsed.data.error.code}`
                : !c.message.test(parsed.data.error.message)
                  ? `message ${JSON.stringify(parsed.data.error.message)}`
                  : parsed.data.error.message.length < 10 ||
                      /^\w+Error\b|\bat \S+:\d+/.test(parsed.data.error.message)
                    ? `message not readable: ${parsed.data.error.message}`
                    : null;
      if (problem) failures.push(`${c.name}: ${problem}`);
      const health = await h.app.request('/api/health');
      if (health.status !== 200) failures.push(`${c.name}: health ${health.status} afterwards`);
    }
    expect(failures).toEqual([]);
  });

  it('leaves no stray files: no temp uploads, no new images, no jobs', async () => {
    expect(await listDir(join(h.dataDir, 'tmp'))).toEqual([]);
    expect((await listDir(join(h.dataDir, 'images'))).sort()).toEqual([...storedBefore].sort());
    const list = (await (await h.app.request('/api/jobs')).json()) as { jobs: unknown[] };
    expect(list.jobs).toEqual([]);
    expect(h.logs.filter((l) => /unhandled/.test(l))).toEqual([]);
    // Nothing reached Firefly but the sign-in: every bad fill was refused before a paid call.
    for (const route of ['upload', 'fill'] as const) expect(firefly.emulator.count(route)).toBe(0);
  });
});
