import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/providers/interface.ts';
import { createHarness, last, maskPng, pollToEnd, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  h.emu.script({ queuePolls: 0, progressPolls: 0 });
});
afterEach(() => h.close());

const calls = (path: string) => h.emu.requests.filter((r) => r.path === path);
const signal = () => new AbortController().signal;

async function thrown(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(err)}`);
  return err;
}

describe('fal provider: failed requests', () => {
  it('a {"detail":[…]} result becomes a clear, final job error', async () => {
    const detail = [
      { loc: ['body', 'image_url'], msg: 'Could not load the image', type: 'image_load_error' },
    ];
    h.emu.script({ queuePolls: 0, progressPolls: 0, failResult: { status: 422, body: { detail } } });
    const ref = await h.provider.submit(h.input());
    const result = last(await pollToEnd(h.provider, ref));
    expect(result).toMatchObject({
      state: 'failed',
      error: {
        code: 'invalid_request',
        message: 'fal rejected the request: image_url: Could not load the image',
        retryable: false,
      },
    });
  });

  it('a {"detail","error_type"} result names the failure and says whether trying again may help', async () => {
    const body = { detail: 'Request timed out', error_type: 'request_timeout' };
    h.emu.script({ queuePolls: 0, progressPolls: 0, failResult: { status: 504, body } });
    const ref = await h.provider.submit(h.input());
    const result = last(await pollToEnd(h.provider, ref));
    expect(result).toMatchObject({
      state: 'failed',
      error: {
        code: 'upstream_error',
        message: 'fal could not complete the request (request_timeout): Request timed out',
        retryable: true,
      },
    });
  });

  it('a content-policy failure becomes prompt_unsafe', async () => {
    const detail = [
      { loc: ['body', 'prompt'], msg: 'The prompt was flagged', type: 'content_policy_violation' },
    ];
    h.emu.script({ queuePolls: 0, progressPolls: 0, failResult: { status: 422, body: { detail } } });
    const result = last(await pollToEnd(h.provider, await h.provider.submit(h.input())));
    expect(result).toMatchObject({ state: 'failed', error: { code: 'prompt_unsafe', retryable: false } });
  });

  it('the emulator itself answers 422 detail for a mask of another size (real validation)', async () => {
    const { createFalHttpClient } = await import('../../src/providers/fal/client.ts');
    const client = createFalHttpClient(h.config, fetch, Date.now);
    const small = Buffer.from(await maskPng(10, 10)).toString('base64');
    const { readFile } = await import('node:fs/promises');
    const source = (await readFile(h.image.path)).toString('base64');
    const receipt = await client.queue.submit('fal-ai/flux-pro/v1/fill', {
      input: {
        prompt: 'x',
        image_url: `data:image/png;base64,${source}`,
        mask_url: `data:image/png;base64,${small}`,
      },
    });
    const result = last(await pollToEnd(h.provider, { id: receipt.request_id }));
    expect(result).toMatchObject({
      state: 'failed',
      error: {
        code: 'invalid_request',
        message: expect.stringContaining('Mask dimensions (10x10)') as string,
      },
    });
  });

  it('refuses a mask/source size mismatch before any upstream call', async () => {
    const other = await h.sink.put(await maskPng(10, 10));
    const err = await thrown(h.provider.submit(h.input({ mask: other })));
    expect(err).toMatchObject({ code: 'invalid_mask', retryable: false });
    expect(h.emu.requests).toHaveLength(0);
  });

  it('a result on a host outside the allow-list is not downloaded', async () => {
    const strict = (await import('../../src/providers/fal/index.ts')).createFalProvider(
      { ...h.config, resultHosts: ['v3.fal.media'] },
      h.deps,
    );
    const result = last(await pollToEnd(strict, await strict.submit(h.input())));
    expect(result).toMatchObject({ state: 'failed', error: { code: 'upstream_error', retryable: false } });
    expect(h.emu.requests.filter((r) => r.path.startsWith('/files/out/'))).toHaveLength(0);
  });
  it('follows a result redirect only while it stays on allowed hosts', async () => {
    h.emu.fault({ route: 'file', status: 302, headers: { location: '?hop=1' }, body: '' });
    const ok = last(await pollToEnd(h.provider, await h.provider.submit(h.input())));
    expect(ok.state).toBe('succeeded');
    expect(h.emu.requests.filter((r) => r.query.hop === '1')).toHaveLength(1);

    h.emu.fault({
      route: 'file',
      status: 302,
      headers: { location: 'http://169.254.169.254/latest/meta-data' },
    });
    const bad = last(await pollToEnd(h.provider, await h.provider.submit(h.input())));
    expect(bad).toMatchObject({
      state: 'failed',
      error: { code: 'upstream_error', message: expect.stringContaining('169.254.169.254') as string },
    });
  });

  it('a result that is not an image fails clearly', async () => {
    h.emu.fault({ route: 'file', status: 200, body: '<html>login</html>' });
    const result = last(await pollToEnd(h.provider, await h.provider.submit(h.input())));
    expect(result).toMatchObject({
      state: 'failed',
      error: { code: 'upstream_error', message: 'A fal result was text/html, not an image.' },
    });
  });
});

describe('fal provider: transient upstream trouble is left to the runner', () => {
  it('429 on submit → retryable rate_limited with Retry-After, after exactly one call', async () => {
    h.emu.fault({
      route: 'submit',
      status: 429,
      body: { detail: 'Too many requests' },
      headers: { 'retry-after': '7' },
    });
    const err = await thrown(h.provider.submit(h.input()));
    expect(err).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 7000 });
    expect(calls('/fal-ai/flux-pro/v1/fill')).toHaveLength(1);
    // The next attempt (the runner's retry) goes through and reuses the uploads.
    await h.provider.submit(h.input());
    expect(calls('/storage/upload/initiate')).toHaveLength(2);
  });

  it('502 (HTML gateway page) and 503 while polling → retryable upstream_error; polling then recovers', async () => {
    const ref = await h.provider.submit(h.input());
    h.emu.fault({ route: 'status', status: 502, body: '<html>Bad Gateway</html>' });
    expect(await thrown(h.provider.poll(ref, signal()))).toMatchObject({
      code: 'upstream_error',
      message: 'fal answered HTTP 502 while checking the request status',
      retryable: true,
    });
    h.emu.fault({ route: 'status', status: 503 });
    expect(await thrown(h.provider.poll(ref, signal()))).toMatchObject({
      code: 'upstream_error',
      retryable: true,
    });
    expect(calls(`/fal-ai/flux-pro/requests/${ref.id}/status`)).toHaveLength(2);
    expect(last(await pollToEnd(h.provider, ref)).state).toBe('succeeded');
  });

  it('a 503 without a fal error body on the result call is retried, not a failed job', async () => {
    const ref = await h.provider.submit(h.input());
    h.emu.fault({ route: 'result', status: 503, body: 'Service Unavailable' });
    await expect(pollToEnd(h.provider, ref)).rejects.toMatchObject({
      code: 'upstream_error',
      retryable: true,
    });
    expect(last(await pollToEnd(h.provider, ref)).state).toBe('succeeded');
  });

  it('a dropped connection is a retryable network error', async () => {
    const ref = await h.provider.submit(h.input());
    h.emu.fault({ route: 'status', drop: true });
    const err = await thrown(h.provider.poll(ref, signal()));
    expect(err).toMatchObject({ code: 'upstream_error', retryable: true });
    expect(err.message).toMatch(/connection/);
  });

  it('a failed storage upload falls back to data URIs', async () => {
    h.emu.fault({ route: 'initiate', status: 500, body: { detail: 'storage down' }, times: 2 });
    const ref = await h.provider.submit(h.input());
    const body = calls('/fal-ai/flux-pro/v1/fill')[0]?.body as { image_url: string; mask_url: string };
    expect(body.image_url).toMatch(/^data:image\/png;base64,/);
    expect(body.mask_url).toMatch(/^data:image\/png;base64,/);
    expect(h.logs.some((l) => l.includes('sending it inline'))).toBe(true);
    expect(last(await pollToEnd(h.provider, ref)).state).toBe('succeeded');
  });

  it('a stalled upstream times out as a retryable error instead of hanging the job', async () => {
    const ref = await h.provider.submit(h.input());
    const impatient = (await import('../../src/providers/fal/index.ts')).createFalProvider(
      { ...h.config, requestTimeoutMs: 200 },
      h.deps,
    );
    h.emu.fault({ route: 'status', status: 200, delayMs: 1_000 });
    const err = await thrown(impatient.poll(ref, signal()));
    expect(err).toMatchObject({ code: 'upstream_error', retryable: true });
    expect(err.message).toMatch(/did not answer/);
  });

  it('the runner aborting a poll is an abort, not an upstream error', async () => {
    const ref = await h.provider.submit(h.input());
    const ctl = new AbortController();
    ctl.abort();
    const err = await h.provider.poll(ref, ctl.signal).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ProviderError);
    expect((err as Error).name).toBe('AbortError');
  });

  it('an unknown request id is reported lost', async () => {
    expect(await h.provider.poll({ id: 'no-such-request' }, signal())).toEqual({ state: 'lost' });
  });
});
