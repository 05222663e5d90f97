import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/contract/index.ts';
import { falCostUsd } from '../../src/security/spendCap.ts';
import { startFalEmulator, type FalEmulator } from '../emulators/fal.ts';
import { startFireflyEmulator, type RunningFireflyEmulator } from '../emulators/firefly.ts';
import { postFill, startHarness, uploadImage, type Harness } from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';

let fal: FalEmulator;
let firefly: RunningFireflyEmulator;
beforeAll(async () => {
  fal = await startFalEmulator();
  firefly = await startFireflyEmulator({
    clientId: 'cap-client',
    clientSecret: 'cap-secret',
    fillMethod: 'diffusion',
  });
});
afterAll(async () => {
  await fal.close();
  await firefly.close();
});

function paidEnv(extra: Record<string, string>) {
  return {
    FAL_KEY: fal.key,
    FAL_QUEUE_BASE_URL: fal.url,
    FAL_REST_BASE_URL: fal.url,
    FIREFLY_SERVICES_CLIENT_ID: 'cap-client',
    FIREFLY_SERVICES_CLIENT_SECRET: 'cap-secret',
    FIREFLY_API_BASE_URL: firefly.apiBaseUrl,
    FIREFLY_IMS_URL: firefly.imsUrl,
    RESULT_HOSTS: `${new URL(fal.url).host},${firefly.host}`,
    ...extra,
  };
}

async function images(h: Harness, width = 32, height = 24) {
  const imageId = (await uploadImage(h.app, await texturedPng(width, height))).body.id;
  const maskId = (await uploadImage(h.app, await rectMaskPng(width, height, { x: 4, y: 4, w: 8, h: 8 }))).body
    .id;
  return { imageId, maskId };
}

function expect429(res: Response, body: Record<string, unknown>, message: RegExp) {
  expect(res.status).toBe(429);
  const error = ErrorBody.parse(body).error;
  expect(error.code).toBe('rate_limited');
  expect(error.message).toMatch(message);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  return { error, retryAfter };
}

describe('per-client rate limits', () => {
  it('refuses the fourth fill in a minute with Retry-After, and counts per client', async () => {
    const h = await startHarness({ env: { RATE_LIMIT_FILLS_PER_MIN: '3' } });
    try {
      const ids = await images(h);
      for (let i = 0; i < 3; i++)
        expect((await postFill(h.app, { provider: 'local', ...ids })).res.status).toBe(202);
      const { res, body } = await postFill(h.app, { provider: 'local', ...ids });
      const { retryAfter } = expect429(
        res,
        body,
        /Too many fills: at most 3 a minute\. Try again in \d+ s\./,
      );
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Another client (remote address) has its own window.
      const other = await h.app.request(
        '/api/fills',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ provider: 'local', ...ids }),
        },
        { incoming: { socket: { remoteAddress: '10.0.0.9', remotePort: 1, remoteFamily: 'IPv4' } } },
      );
      expect(other.status).toBe(202);
    } finally {
      await h.cleanup();
    }
  });

  it('refuses uploads over the limit, and reads are not limited', async () => {
    const h = await startHarness({ env: { RATE_LIMIT_UPLOADS_PER_MIN: '2' } });
    try {
      const png = await texturedPng(20, 20);
      expect((await uploadImage(h.app, png)).res.status).toBe(201);
      expect((await uploadImage(h.app, png)).res.status).toBe(201);
      const { res, body } = await uploadImage(h.app, png);
      expect429(res, body, /Too many uploads: at most 2 a minute/);
      for (let i = 0; i < 10; i++) expect((await h.app.request('/api/jobs')).status).toBe(200);
    } finally {
      await h.cleanup();
    }
  });
});

describe('daily spend caps', () => {
  it('FIREFLY_DAILY_MAX_CALLS: over it a 429 saying when it resets; the count survives a restart', async () => {
    const h = await startHarness({ env: paidEnv({ FIREFLY_DAILY_MAX_CALLS: '2' }) });
    let dataDir = h.dataDir;
    try {
      const ids = await images(h);
      const fill = () =>
        postFill(h.app, { provider: 'firefly', ...ids, prompt: 'moss', size: { width: 1024, height: 1024 } });
      expect((await fill()).res.status).toBe(202);
      expect((await fill()).res.status).toBe(202);
      const submitsBefore = firefly.emulator.count('fill');
      const { res, body } = await fill();
      const { error, retryAfter } = expect429(
        res,
        body,
        /Adobe Firefly's daily limit on this server \(2 fills\) is used up\. It resets at 00:00 UTC/,
      );
      const resetsAt = Date.parse((error.details as { resetsAt: string }).resetsAt);
      expect(resetsAt - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
      expect(Math.abs(resetsAt - Date.now() - retryAfter * 1000)).toBeLessThan(5000);
      expect(new Date(resetsAt).getUTCHours()).toBe(0);
      // Refused before any upstream call; a refused fill is not counted.
      expect(firefly.emulator.count('fill')).toBe(submitsBefore);
      expect(JSON.parse(await readFile(join(dataDir, 'spend.json'), 'utf8'))).toMatchObject({
        fireflyCalls: 2,
      });
      // Local fills are not capped.
      expect((await postFill(h.app, { provider: 'local', ...ids })).res.status).toBe(202);
      await h.close();
      const again = await startHarness({ dataDir, env: paidEnv({ FIREFLY_DAILY_MAX_CALLS: '2' }) });
      dataDir = again.dataDir;
      try {
        const { res: r2 } = await postFill(again.app, {
          provider: 'firefly',
          ...ids,
          prompt: 'moss',
          size: { width: 1024, height: 1024 },
        });
        expect(r2.status).toBe(429);
      } finally {
        await again.cleanup();
      }
    } finally {
      await h.cleanup();
    }
  });

  it('FAL_DAILY_BUDGET_USD: counts megapixels × images, refuses what would go over, says what is left', async () => {
    expect(falCostUsd(1024, 1024, 1)).toBeCloseTo(0.1); // 1.05 MP → billed as 2
    expect(falCostUsd(1000, 1000, 4)).toBeCloseTo(0.2);
    const h = await startHarness({ env: paidEnv({ FAL_DAILY_BUDGET_USD: '0.15' }) });
    try {
      const ids = await images(h);
      // 32×24 is under 1 MP: $0.05 per image.
      expect(
        (await postFill(h.app, { provider: 'fal', ...ids, prompt: 'moss', numVariations: 2 })).res.status,
      ).toBe(202);
      const { res, body } = await postFill(h.app, {
        provider: 'fal',
        ...ids,
        prompt: 'moss',
        numVariations: 2,
      });
      expect429(
        res,
        body,
        /fal's daily budget on this server \(\$0\.15\) would be exceeded: this fill costs about \$0\.10, \$0\.05 is left today\. It resets at 00:00 UTC/,
      );
      expect((await postFill(h.app, { provider: 'fal', ...ids, prompt: 'moss' })).res.status).toBe(202);
      const { res: over } = await postFill(h.app, { provider: 'fal', ...ids, prompt: 'moss' });
      expect(over.status).toBe(429);
    } finally {
      await h.cleanup();
    }
  });

  it('concurrent submits cannot squeeze past the cap', async () => {
    const h = await startHarness({ env: paidEnv({ FIREFLY_DAILY_MAX_CALLS: '3' }) });
    try {
      const ids = await images(h);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          postFill(h.app, {
            provider: 'firefly',
            ...ids,
            prompt: 'moss',
            size: { width: 1024, height: 1024 },
          }),
        ),
      );
      const statuses = results.map((r) => r.res.status).sort();
      expect(statuses.filter((s) => s === 202)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    } finally {
      await h.cleanup();
    }
  });

  it('a QA batch counts every job it makes against the caps', async () => {
    const h = await startHarness({
      env: paidEnv({ FIREFLY_DAILY_MAX_CALLS: '3', FAL_DAILY_BUDGET_USD: '0.15' }),
    });
    try {
      const ids = await images(h);
      const fillsBefore = firefly.emulator.count('fill');
      const batch = (providers: string[], prompts: string[], seeds: number[]) =>
        h.app.request('/api/batches', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ...ids,
            providers,
            prompts,
            seeds,
            ...(providers.includes('firefly') ? { size: { width: 1024, height: 1024 } } : {}),
          }),
        });
      const ff = await batch(['firefly'], ['a', 'b'], [1, 2]);
      expect429(
        ff,
        (await ff.json()) as Record<string, unknown>,
        /Adobe Firefly's daily limit on this server \(3 fills\) would be exceeded: this batch makes 4, 3 are left today\./,
      );
      const fal = await batch(['fal', 'local'], ['a', 'b'], [1, 2]);
      expect429(
        fal,
        (await fal.json()) as Record<string, unknown>,
        /fal's daily budget on this server \(\$0\.15\) would be exceeded: this batch costs about \$0\.20/,
      );
      const small = await batch(['fal'], ['a'], [1, 2]);
      expect(small.status).toBe(201);
      const { id } = (await small.json()) as { id: string };
      const rerun = await h.app.request(`/api/batches/${id}/rerun`, { method: 'POST' });
      expect429(
        rerun,
        (await rerun.json()) as Record<string, unknown>,
        /this batch costs about \$0\.10, \$0\.05 is left today/,
      );
      const local = await batch(['local'], ['a', 'b', 'c'], [1, 2, 3, 4, 5]);
      expect(local.status).toBeLessThan(300);
      expect(firefly.emulator.count('fill')).toBe(fillsBefore);
    } finally {
      await h.cleanup();
    }
  });
});
