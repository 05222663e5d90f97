import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFireflyProvider } from '../../src/providers/firefly/index.ts';
import { isAllowedResultUrl } from '../../src/providers/firefly/results.ts';
import { CLIENT_SECRET, createHarness, runJob, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h.close());
const signal = () => new AbortController().signal;

describe('Firefly secrets', () => {
  it('the secret and tokens appear in no message, log line, ref, result or stored file', async () => {
    h = await createHarness();
    const seen: string[] = [];
    const record = (v: unknown) =>
      seen.push(typeof v === 'string' ? v : JSON.stringify(v, Object.getOwnPropertyNames(v ?? {})));
    const attempt = async (p: Promise<unknown>) =>
      record(await p.catch((e: unknown) => ({ message: (e as Error).message })));

    const ok = await runJob(h.provider, h.input({ seeds: [1, 2] }));
    record(ok);
    record(await h.provider.describe());
    const token = h.emu.issuedTokens()[0]!;
    // An upstream that echoes credentials back in its messages.
    const echo = `bad token ${token} for secret ${CLIENT_SECRET}`;
    h.emu.inject({ route: 'fill', status: 400, body: { error_code: 'bad_request', message: echo } });
    await attempt(h.provider.submit(h.input()));
    h.emu.nextJob({ status: 'failed', error_code: 'runtime_error', message: echo });
    record(await runJob(h.provider, h.input()));
    h.emu.expireTokens();
    record(await runJob(h.provider, h.input()));
    h.emu.inject({ route: 'fill', status: 500, times: Infinity });
    record(await runJob(h.provider, h.input(), { retries: 1 }));
    h.emu.reset();
    const ref = await h.provider.submit(h.input());
    record(ref);
    record(await h.provider.cancel(ref));

    const bad = createFireflyProvider({ ...h.config, clientSecret: `${CLIENT_SECRET}-typo` }, h.deps);
    h.emu.inject({
      route: 'ims',
      status: 400,
      body: { error: 'invalid_client', error_description: `client_secret ${CLIENT_SECRET}-typo is invalid` },
    });
    record(await bad.describe());
    await attempt(bad.submit(h.input()));

    for (const f of await readdir(h.dir)) seen.push((await readFile(join(h.dir, f))).toString('latin1'));

    const text = [...seen, ...h.logs].join('\n');
    expect(text).toContain('[redacted]');
    expect(h.emu.issuedTokens().length).toBeGreaterThanOrEqual(2);
    for (const secret of [CLIENT_SECRET, ...h.emu.issuedTokens()]) expect(text).not.toContain(secret);
    expect(h.logs.length).toBeGreaterThan(3);
  });
});

describe('Firefly result and status hosts', () => {
  it('never follows a statusUrl on an unknown host: polls by jobId on the configured base URL', async () => {
    h = await createHarness({ emulator: { advertisedOrigin: 'https://firefly-epo852211.adobe.io' } });
    const out = await runJob(h.provider, h.input());
    expect(out.state).toBe('succeeded');
    expect(h.fetched.some((u) => u.includes('epo852211'))).toBe(false);
    expect(h.emu.count('status')).toBeGreaterThan(0);
  });

  it('refuses to download a result from a host that is not allowed', async () => {
    h = await createHarness();
    const ref = await h.provider.submit(h.input());
    h.emu.inject({
      route: 'status',
      status: 200,
      body: {
        jobId: ref.id,
        status: 'succeeded',
        result: { outputs: [{ seed: 1, image: { url: 'https://evil.example/x.jpg' } }] },
      },
    });
    const err = await h.provider.poll(ref, signal()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'upstream_error', retryable: false });
    expect((err as Error).message).toMatch(/host that is not allowed \(evil\.example\)/);
    expect(h.fetched.some((u) => u.includes('evil.example'))).toBe(false);
  });

  it('matches allowed hosts exactly or by *.suffix, https only except loopback', () => {
    const hosts = [
      'pre-signed-firefly-prod.s3-accelerate.amazonaws.com',
      '*.blob.core.windows.net',
      '127.0.0.1:9000',
    ];
    expect(
      isAllowedResultUrl(
        'https://pre-signed-firefly-prod.s3-accelerate.amazonaws.com/images/a?X-Amz-Expires=3600',
        hosts,
      ),
    ).toBe(true);
    expect(
      isAllowedResultUrl('http://pre-signed-firefly-prod.s3-accelerate.amazonaws.com/images/a', hosts),
    ).toBe(false);
    expect(isAllowedResultUrl('https://acct.blob.core.windows.net/c/x.png', hosts)).toBe(true);
    expect(isAllowedResultUrl('https://blob.core.windows.net.evil.example/x.png', hosts)).toBe(false);
    expect(isAllowedResultUrl('https://evilblob.core.windows.net/x.png', hosts)).toBe(false);
    expect(isAllowedResultUrl('http://127.0.0.1:9000/results/a.jpg', hosts)).toBe(true);
    expect(isAllowedResultUrl('http://127.0.0.1:9001/results/a.jpg', hosts)).toBe(false);
    expect(
      isAllowedResultUrl('https://user:pw@pre-signed-firefly-prod.s3-accelerate.amazonaws.com/a', hosts),
    ).toBe(false);
    expect(isAllowedResultUrl('not a url', hosts)).toBe(false);
  });
});
