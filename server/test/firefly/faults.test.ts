import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/providers/interface.ts';
import { createHarness, runJob, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h.close());

describe('Firefly upstream faults', () => {
  it('429 → waits Retry-After (seconds) before the retry, then succeeds', async () => {
    h = await createHarness();
    h.emu.inject({
      route: 'fill',
      status: 429,
      body: { error_code: 'rate_limited', message: 'Too many requests. Please try again later.' },
      headers: { 'retry-after': '1', 'x-access-rate-limit-level': 'org' },
    });
    const waits: number[] = [];
    const started = Date.now();
    const out = await runJob(h.provider, h.input(), { waits });
    expect(out.state).toBe('succeeded');
    expect(waits).toEqual([1000]);
    const fills = h.emu.requests.filter((r) => r.route === 'fill');
    expect(fills).toHaveLength(2);
    expect(fills[1]!.at - fills[0]!.at).toBeGreaterThanOrEqual(990);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // The upload ids were cached: the retry only re-sent the fill.
    expect(h.emu.count('upload')).toBe(2);
  });

  it('429 with an HTTP-date Retry-After and with an empty body (gateway style)', async () => {
    h = await createHarness();
    const at = new Date(Date.now() + 3000).toUTCString();
    h.emu.inject({ route: 'fill', status: 429, headers: { 'retry-after': at } });
    const err = (await h.provider.submit(h.input()).catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: 'rate_limited', retryable: true });
    // HTTP dates have 1 s resolution.
    expect(err.retryAfterMs).toBeGreaterThan(1000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(3000);
  });

  it('the emulator’s own per-minute limit answers 429 with Retry-After, which the provider passes on', async () => {
    h = await createHarness({ emulator: { rpm: 1 } });
    await h.provider.submit(h.input());
    const err = (await h.provider.submit(h.input()).catch((e: unknown) => e)) as ProviderError;
    expect(err).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(err.retryAfterMs).toBeGreaterThan(50_000);
    expect(err.message).toMatch(/rate limit/);
  });

  it('permanent 500 → the job fails with a clear error after bounded retries', async () => {
    h = await createHarness();
    h.emu.inject({ route: 'fill', status: 500, body: { error_code: 'runtime_error' }, times: Infinity });
    const out = await runJob(h.provider, h.input(), { retries: 3 });
    expect(out.state).toBe('failed');
    if (out.state !== 'failed') return;
    expect(out.error.code).toBe('upstream_error');
    expect(out.error.message).toMatch(/Adobe Firefly had a problem \(fill: HTTP 500 runtime_error\)/);
    expect(out.error.message).toMatch(/gave up after 4 attempts/);
    expect(h.emu.count('fill')).toBe(4);
  });

  it('a 503 on upload and a dropped connection on status are retried', async () => {
    h = await createHarness();
    h.emu.inject({ route: 'upload', status: 503, body: { error_code: 'model_not_loaded' } });
    h.emu.inject({ route: 'status', drop: true });
    const err = await h.provider.submit(h.input()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'upstream_error', retryable: true });
    const ref = await h.provider.submit(h.input());
    const dropped = await h.provider.poll(ref, new AbortController().signal).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(ProviderError);
    expect(dropped).toMatchObject({ code: 'upstream_error', retryable: true });
    expect((dropped as Error).message).toMatch(/Could not reach Adobe Firefly \(status: network error\)/);
    const out = await runJob(h.provider, h.input(), { ref });
    expect(out.state).toBe('succeeded');
  });

  it('a response slower than the request timeout becomes a retryable error', async () => {
    h = await createHarness({ config: { requestTimeoutMs: 150 } });
    h.emu.inject({ route: 'fill', delayMs: 400 });
    const started = Date.now();
    const err = await h.provider.submit(h.input()).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(err).toMatchObject({ code: 'upstream_error', retryable: true });
    expect((err as Error).message).toMatch(/no answer within/);
  });

  it('a 422 validation error is terminal with the reason, and a 403 quota error says so', async () => {
    h = await createHarness();
    h.emu.inject({
      route: 'fill',
      status: 422,
      body: {
        error_code: 'validation_error',
        validation_errors: [{ loc: ['body', 'size'], msg: 'unsupported size', type: 'value_error.const' }],
      },
    });
    const err = await h.provider.submit(h.input()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_request', retryable: false });
    expect((err as Error).message).toMatch(/size: unsupported size/);

    h.emu.inject({
      route: 'fill',
      status: 403,
      body: { error_code: 'access_error' },
      headers: { 'x-access-error': 'quota_exhausted' },
    });
    const quota = await h.provider.submit(h.input()).catch((e: unknown) => e);
    expect(quota).toMatchObject({ code: 'provider_unavailable', retryable: false });
    expect((quota as Error).message).toMatch(/quota is used up/);
  });
});
