import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { createFireflyProvider } from '../../src/providers/firefly/index.ts';
import { ProviderError } from '../../src/providers/interface.ts';
import { createHarness, runJob, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h.close());

describe('Firefly IMS token', () => {
  it('N concurrent jobs share one token request and one upload per image', async () => {
    h = await createHarness();
    const refs = await Promise.all(
      Array.from({ length: 5 }, (_, i) => h.provider.submit(h.input({ seeds: [i + 1] }))),
    );
    expect(new Set(refs.map((r) => r.id)).size).toBe(5);
    expect(h.emu.count('ims')).toBe(1);
    expect(h.emu.count('upload')).toBe(2);
    expect(h.emu.count('fill')).toBe(5);
  });

  it('is reused until 60 s before expires_in, then requested again', async () => {
    let clock = 1_000_000;
    h = await createHarness({ now: () => clock, emulator: { tokenTtlSeconds: 3600 } });
    await h.provider.submit(h.input());
    clock += 3600_000 - 61_000;
    await h.provider.submit(h.input());
    expect(h.emu.count('ims')).toBe(1);
    clock += 2_000;
    await h.provider.submit(h.input());
    expect(h.emu.count('ims')).toBe(2);
  });

  it('refreshes once on a 401 from Firefly and retries the call', async () => {
    h = await createHarness();
    const ref = await h.provider.submit(h.input());
    h.emu.expireTokens();
    const first = await h.provider.poll(ref, new AbortController().signal);
    expect(first.state).toBe('running');
    expect(h.emu.count('ims')).toBe(2);
    const status = h.emu.requests.filter((r) => r.route === 'status');
    expect(status).toHaveLength(2);
    expect(status[0]!.headers.authorization).not.toBe(status[1]!.headers.authorization);
    const out = await runJob(h.provider, h.input(), { ref });
    expect(out.state).toBe('succeeded');
    expect(h.emu.count('ims')).toBe(2);
  });

  it('gives up with provider_unavailable when a fresh token is refused too', async () => {
    h = await createHarness();
    await h.provider.submit(h.input());
    h.emu.inject({
      route: 'fill',
      status: 401,
      body: { error_code: '401013', message: 'Oauth token is not valid' },
      times: 2,
    });
    const err = await h.provider.submit(h.input()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: 'provider_unavailable', retryable: false });
    expect(h.emu.count('ims')).toBe(2);
  });
});

describe('Firefly with bad credentials', () => {
  it('is listed unavailable with a clear reason, asks IMS once, and refuses submits', async () => {
    h = await createHarness();
    const provider = createFireflyProvider({ ...h.config, clientSecret: 'wrong-secret-value' }, h.deps);
    const info = await provider.describe();
    expect(info).toMatchObject({ id: 'firefly', label: 'Adobe Firefly', available: false });
    expect(info.unavailableReason).toMatch(/rejected the Firefly credentials \(invalid_client/);
    expect(info.unavailableReason).toMatch(/FIREFLY_SERVICES_CLIENT_SECRET/);
    expect(info.unavailableReason).not.toContain('wrong-secret-value');
    await provider.describe();
    await provider.describe();
    expect(h.emu.count('ims')).toBe(1);

    const err = await provider.submit(h.input()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'provider_unavailable', retryable: false });
    expect(() => provider.validate(h.input().request, h.image)).toThrow(AppError);
    expect(h.emu.count('ims')).toBe(1);
    expect(h.emu.count('upload')).toBe(0);
  });

  it('is available when IMS accepts the credentials, without asking again on every describe', async () => {
    h = await createHarness();
    expect((await h.provider.describe()).available).toBe(true);
    await h.provider.describe();
    await h.provider.submit(h.input());
    expect(h.emu.count('ims')).toBe(1);
  });

  it('reports an unreachable IMS as unavailable, then recovers', async () => {
    h = await createHarness();
    h.emu.inject({ route: 'ims', status: 503, body: 'down', times: 1 });
    const info = await h.provider.describe();
    expect(info.available).toBe(false);
    expect(info.unavailableReason).toMatch(/IMS is unavailable \(HTTP 503\)/);
    // A submit does not wait for the remembered outage: it asks IMS again.
    await h.provider.submit(h.input());
    expect((await h.provider.describe()).available).toBe(true);
  });
});

describe('Firefly describe() on a slow IMS', () => {
  it('answers within about 3 s instead of hanging the provider list', async () => {
    h = await createHarness();
    h.emu.inject({ route: 'ims', delayMs: 4500 });
    const started = Date.now();
    const info = await h.provider.describe();
    expect(Date.now() - started).toBeLessThan(4000);
    expect(info.available).toBe(true);
  });
});
