import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, createHarness, pixels, runJob, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => h.close());

describe('Firefly provider against the emulator: happy path', () => {
  it('fills 4 variations with the given seeds and stores every result', async () => {
    const seeds = [11, 22, 33, 44];
    const input = h.input({
      seeds,
      size: { width: 1152, height: 896 },
      request: {
        provider: 'firefly',
        imageId: h.image.id,
        maskId: h.mask.id,
        prompt: 'a stone wall',
        negativePrompt: 'people',
        locale: 'fr-FR',
        numVariations: 4,
        seeds,
      },
    });
    const out = await runJob(h.provider, input);
    expect(out.state).toBe('succeeded');
    if (out.state !== 'succeeded') return;
    expect(out.outputs.map((o) => o.seed)).toEqual(seeds);
    expect(new Set(out.outputs.map((o) => o.imageId)).size).toBe(4);
    for (const o of out.outputs) {
      expect(o).toMatchObject({ width: 1152, height: 896, url: `/api/images/${o.imageId}` });
      const px = await pixels(h.sink.stored.get(o.imageId)!.path);
      // Outside the hole the source survives (red left, blue right); the green hole was filled.
      const [lr, , lb] = px(50, 50);
      expect(lr).toBeGreaterThan(180);
      expect(lb).toBeLessThan(80);
      const [rr, , rb] = px(1100, 800);
      expect(rb).toBeGreaterThan(180);
      expect(rr).toBeLessThan(80);
      const [, cg] = px(576, 448);
      expect(cg).toBeLessThan(120);
    }
    // Progress was reported while running, as a fraction.
    const progress = out.polls.flatMap((p) =>
      p.state === 'running' && p.progress !== undefined ? [p.progress] : [],
    );
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(1);
    }

    // The wire: exactly what the reference documents.
    const fill = h.emu.requests.find((r) => r.route === 'fill')!;
    const body = JSON.parse(fill.body!);
    expect(body).toEqual({
      image: { source: { uploadId: expect.any(String) } },
      mask: { source: { uploadId: expect.any(String) } },
      prompt: 'a stone wall',
      negativePrompt: 'people',
      numVariations: 4,
      seeds,
      size: { width: 1152, height: 896 },
      promptBiasingLocaleCode: 'fr-FR',
    });
    expect(body.image.source.uploadId).not.toBe(body.mask.source.uploadId);
    expect(fill.headers['content-type']).toBe('application/json');
    for (const r of h.emu.requests.filter((r) => ['upload', 'fill', 'status'].includes(r.route))) {
      expect(r.headers.authorization).toMatch(/^Bearer \S+$/);
      expect(r.headers['x-api-key']).toBe(CLIENT_ID);
    }
    // Result downloads carry no credentials.
    for (const r of h.emu.requests.filter((r) => r.route === 'result')) {
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers['x-api-key']).toBeUndefined();
    }
    expect(h.emu.count('result')).toBe(4);
    // Status is polled on the configured base URL, by job id.
    const status = h.emu.requests.filter((r) => r.route === 'status');
    expect(status.every((r) => r.path === `/v3/status/${out.ref!.id}`)).toBe(true);
    const ims = h.emu.requests.find((r) => r.route === 'ims')!;
    expect(ims.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(ims.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_id')).toBe(CLIENT_ID);
    expect(form.get('scope')).toBe('openid,AdobeID,read_organizations,firefly_api,ff_apis');
  });

  it('uploads the source and mask with their content types, once for many prompts on one image', async () => {
    for (const prompt of ['moss', 'ivy', 'brick']) {
      const out = await runJob(h.provider, h.input({ request: { ...h.input().request, prompt } }));
      expect(out.state).toBe('succeeded');
    }
    const uploads = h.emu.requests.filter((r) => r.route === 'upload');
    expect(uploads).toHaveLength(2);
    expect(uploads.map((u) => u.headers['content-type'])).toEqual(['image/png', 'image/png']);
    // Source and mask upload concurrently, so their order is not fixed.
    const bySize = (a: number, b: number) => a - b;
    expect(uploads.map((u) => u.bodyBytes).sort(bySize)).toEqual([h.image.bytes, h.mask.bytes].sort(bySize));
    expect(h.emu.count('fill')).toBe(3);
    expect(h.emu.count('ims')).toBe(1);
  });

  it('leaves an empty prompt out (minLength 1) and picks the Firefly size closest to the source', async () => {
    const out = await runJob(
      h.provider,
      h.input({
        size: null,
        request: { provider: 'firefly', imageId: h.image.id, maskId: h.mask.id, prompt: '  ' },
      }),
    );
    expect(out.state).toBe('succeeded');
    const body = JSON.parse(h.emu.requests.find((r) => r.route === 'fill')!.body!);
    expect(body).not.toHaveProperty('prompt');
    expect(body).not.toHaveProperty('negativePrompt');
    // 640×480 is 4:3 → 1152×896 (9:7) is the closest documented shape at a similar size.
    expect(body.size).toEqual({ width: 1152, height: 896 });
    expect((out.polls[0] as { notes?: string[] }).notes?.join(' ')).toMatch(/1152×896/);
  });

  it('polls with a growing interval, about 1 s up to 5 s', async () => {
    await h.close();
    h = await createHarness({ emulator: { pendingPolls: 2, runningPolls: 8 } });
    const out = await runJob(h.provider, h.input(), { pollCapMs: 1 });
    const waits = out.polls.flatMap((p) => (p.state === 'running' ? [p.nextPollMs] : []));
    expect(waits[0]).toBe(1000);
    expect(waits).toEqual([...waits].sort((a, b) => a! - b!));
    expect(waits.at(-1)).toBe(5000);
  });
});

describe('Firefly upload ids', () => {
  it('are reused for 7 days at most, then the image is uploaded again', async () => {
    await h.close();
    let clock = 5_000_000;
    h = await createHarness({ now: () => clock });
    await h.provider.submit(h.input());
    clock += 6 * 24 * 3600_000;
    await h.provider.submit(h.input());
    expect(h.emu.count('upload')).toBe(2);
    clock += 24 * 3600_000;
    await h.provider.submit(h.input());
    expect(h.emu.count('upload')).toBe(4);
  });

  it('are forgotten when Firefly refuses a fill that used them', async () => {
    await h.provider.submit(h.input());
    h.emu.inject({
      route: 'fill',
      status: 400,
      body: { error_code: 'bad_request', message: 'Unknown or expired uploadId' },
    });
    await expect(h.provider.submit(h.input())).rejects.toMatchObject({ code: 'invalid_request' });
    await h.provider.submit(h.input());
    expect(h.emu.count('upload')).toBe(4);
  });

  it('the runner admits submits at FIREFLY_RPM', () => {
    expect(h.provider.limits).toEqual({ concurrency: 4, requestsPerMinute: 4 });
  });
});
