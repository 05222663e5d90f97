import { describe, expect, it } from 'vitest';
import { createFireflyEmulator } from '../emulators/firefly.ts';
import { maskPng, sourcePng } from './harness.ts';

/** The emulator itself answers as the reference documents (in-process, no port). */
async function signedIn() {
  const emu = createFireflyEmulator({ clientId: 'id', clientSecret: 'secret', fillMethod: 'diffusion' });
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'id',
    client_secret: 'secret',
    scope: 'firefly_api',
  });
  const res = await emu.app.request('/ims/token/v3', { method: 'POST', body: form });
  const token = ((await res.json()) as { access_token: string }).access_token;
  const auth = { authorization: `Bearer ${token}`, 'x-api-key': 'id' };
  const upload = async (bytes: Uint8Array<ArrayBuffer>, type = 'image/png') => {
    const r = await emu.app.request('/v2/storage/image', {
      method: 'POST',
      body: bytes,
      headers: { ...auth, 'content-type': type },
    });
    return { status: r.status, body: (await r.json()) as { images: { id: string }[] } };
  };
  const fill = (body: unknown, type = 'application/json') =>
    emu.app.request('/v3/images/fill-async', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { ...auth, 'content-type': type },
    });
  return { emu, auth, upload, fill };
}

describe('Firefly emulator', () => {
  it('IMS: bearer token for good credentials, invalid_client otherwise', async () => {
    const emu = createFireflyEmulator({ clientId: 'id', clientSecret: 'secret' });
    const ok = await emu.app.request('/ims/token/v3', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'id',
        client_secret: 'secret',
      }),
    });
    expect(await ok.json()).toMatchObject({
      token_type: 'bearer',
      expires_in: 86399,
      access_token: expect.any(String),
    });
    const bad = await emu.app.request('/ims/token/v3', {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'id', client_secret: 'nope' }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('gateway: 401 401013 without a valid token, 403 403003 with a wrong api key', async () => {
    const { emu, auth } = await signedIn();
    const none = await emu.app.request('/v3/status/x', { headers: { 'x-api-key': 'id' } });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error_code: '401013', message: 'Oauth token is not valid' });
    const key = await emu.app.request('/v3/status/x', { headers: { ...auth, 'x-api-key': 'other' } });
    expect(key.status).toBe(403);
  });

  it('upload: jpeg/png/webp only, decodable, answers images[0].id', async () => {
    const { upload, emu, auth } = await signedIn();
    const png = await sourcePng(640, 480);
    const ok = await upload(png);
    expect(ok.status).toBe(200);
    expect(ok.body.images[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    const gif = await emu.app.request('/v2/storage/image', {
      method: 'POST',
      body: png,
      headers: { ...auth, 'content-type': 'image/gif' },
    });
    expect(gif.status).toBe(415);
    expect((await upload(png, 'image/jpeg')).status).toBe(400);
  });

  it('fill-async: validates the body as the reference does', async () => {
    const { upload, fill } = await signedIn();
    const src = (await upload(await sourcePng(640, 480))).body.images[0]!.id;
    const mask = (await upload(await maskPng(640, 480))).body.images[0]!.id;
    const small = (await upload(await maskPng(400, 300))).body.images[0]!.id;
    const good = {
      image: { source: { uploadId: src } },
      mask: { source: { uploadId: mask } },
      size: { width: 1024, height: 1024 },
    };

    const accepted = await fill(good);
    expect(accepted.status).toBe(202);
    const job = (await accepted.json()) as { jobId: string; statusUrl: string; cancelUrl: string };
    expect(job.jobId).toMatch(/^urn:ff:jobs:/);
    expect(job.statusUrl).toMatch(/\/v3\/status\/urn:ff:jobs:/);
    expect(job.cancelUrl).toMatch(/\/v3\/cancel\/urn:ff:jobs:/);
    // Deprecated image.mask is still accepted.
    expect(
      (await fill({ image: { source: { uploadId: src }, mask: { uploadId: mask } }, size: good.size }))
        .status,
    ).toBe(202);

    const invalid: [unknown, string][] = [
      [{ ...good, size: { width: 1000, height: 1000 } }, 'size'],
      [{ ...good, prompt: '' }, 'prompt'],
      [{ ...good, prompt: 'x'.repeat(1025) }, 'prompt'],
      [{ ...good, numVariations: 5 }, 'numVariations'],
      [{ ...good, seeds: [1, 1] }, 'seeds'],
      [{ ...good, numVariations: 2, seeds: [1] }, 'seeds'],
      [{ image: good.image, size: good.size }, 'mask'],
      [{ ...good, image: { source: { uploadId: src, url: 'https://x.amazonaws.com/a' } } }, 'image'],
      [{ ...good, mask: { source: { uploadId: small } } }, 'mask'],
    ];
    for (const [body, field] of invalid) {
      const res = await fill(body);
      expect(res.status).toBe(422);
      const json = (await res.json()) as { error_code: string; validation_errors: { loc: string[] }[] };
      expect(json.error_code).toBe('validation_error');
      expect(json.validation_errors[0]!.loc).toContain(field);
    }
    expect((await fill('')).status).toBe(400);
    expect((await fill(good, 'text/plain')).status).toBe(415);
    expect(
      (await fill({ ...good, mask: { source: { uploadId: '00000000-0000-4000-8000-000000000000' } } }))
        .status,
    ).toBe(400);
  });

  it('status walks pending → running → succeeded with result URLs; cancel answers 200/409/404', async () => {
    const { upload, fill, emu, auth } = await signedIn();
    const src = (await upload(await sourcePng(640, 480))).body.images[0]!.id;
    const mask = (await upload(await maskPng(640, 480))).body.images[0]!.id;
    const body = {
      image: { source: { uploadId: src } },
      mask: { source: { uploadId: mask } },
      size: { width: 1024, height: 1024 },
      seeds: [9],
    };
    const { jobId } = (await (await fill(body)).json()) as { jobId: string };
    const status = async () =>
      (await (await emu.app.request(`/v3/status/${jobId}`, { headers: auth })).json()) as Record<
        string,
        unknown
      >;
    expect((await status()).status).toBe('pending');
    expect(await status()).toMatchObject({ status: 'running', progress: 33 });
    expect(await status()).toMatchObject({ status: 'running', progress: 67 });
    const done = (await status()) as {
      status: string;
      result: { outputs: { seed: number; image: { url: string } }[]; size: unknown };
    };
    expect(done.status).toBe('succeeded');
    expect(done.result.size).toEqual({ width: 1024, height: 1024 });
    expect(done.result.outputs[0]!.seed).toBe(9);
    const img = await emu.app.request(new URL(done.result.outputs[0]!.image.url).pathname);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect((await emu.app.request(`/v3/cancel/${jobId}`, { method: 'PUT', headers: auth })).status).toBe(409);
    expect(
      (await emu.app.request('/v3/cancel/urn:ff:jobs:nope', { method: 'PUT', headers: auth })).status,
    ).toBe(404);
    expect((await emu.app.request('/v3/status/urn:ff:jobs:nope', { headers: auth })).status).toBe(404);
  });
});
