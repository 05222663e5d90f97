import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/contract/index.ts';
import { postFill, startHarness, uploadImage, type Harness } from '../support/harness.ts';
import { rectMaskPng, rgbaPng, texturedPng } from '../support/images.ts';

let h: Harness;
let imageId: string;
let maskId: string;
beforeAll(async () => {
  h = await startHarness();
  imageId = (await uploadImage(h.app, await texturedPng(32, 24))).body.id;
  maskId = (await uploadImage(h.app, await rectMaskPng(32, 24, { x: 4, y: 4, w: 8, h: 8 }))).body.id;
});
afterAll(() => h.cleanup());

async function expectError(
  body: Record<string, unknown>,
  status: number,
  code: string,
  message?: string | RegExp,
) {
  const { res, body: json } = await postFill(h.app, body);
  expect(res.status).toBe(status);
  const error = ErrorBody.parse(json).error;
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}

describe('POST /api/fills errors', () => {
  it('400 naming the field for a bad body', async () => {
    await expectError(
      { provider: 'local', imageId, maskId, numVariations: 9 },
      400,
      'invalid_request',
      /^numVariations: /,
    );
    await expectError(
      { provider: 'local', imageId: 'nope', maskId },
      400,
      'invalid_request',
      /^imageId: must be a 64-character hex image id/,
    );
    await expectError({ provider: 'midjourney', imageId, maskId }, 400, 'invalid_request', /^provider: /);
    await expectError({ provider: 'local', imageId, maskId, extra: 1 }, 400, 'invalid_request', /extra/);
    await expectError(
      { provider: 'local', imageId, maskId, seeds: [1, 1] },
      400,
      'invalid_request',
      'seeds: seeds must be unique',
    );
    await expectError(
      { provider: 'local', imageId, maskId, prompt: 'a\u0000b' },
      400,
      'invalid_request',
      /prompt: must not contain control characters/,
    );
  });

  it('400 for an option the local provider does not have, or a bad method', async () => {
    await expectError(
      { provider: 'local', imageId, maskId, options: { steps: 4 } },
      400,
      'invalid_request',
      /options\.steps/,
    );
    await expectError(
      { provider: 'local', imageId, maskId, options: { method: 'magic' } },
      400,
      'invalid_request',
      /options\.method: must be one of auto, patchmatch, diffusion/,
    );
  });

  it('503 provider_unavailable with the reason for a provider without credentials', async () => {
    const error = await expectError(
      { provider: 'firefly', imageId, maskId, prompt: 'x' },
      503,
      'provider_unavailable',
    );
    expect(error.message).toContain('FIREFLY_SERVICES_CLIENT_ID');
    await expectError(
      { provider: 'fal', imageId, maskId, prompt: 'x' },
      503,
      'provider_unavailable',
      /FAL_KEY/,
    );
  });

  it('404 naming which id is unknown', async () => {
    const unknown = 'f'.repeat(64);
    await expectError(
      { provider: 'local', imageId: unknown, maskId },
      404,
      'not_found',
      /^imageId: no image with id f{64}/,
    );
    await expectError(
      { provider: 'local', imageId, maskId: unknown },
      404,
      'not_found',
      /^maskId: no image with id/,
    );
  });

  it('422 invalid_mask for a mask of another size, with both sizes', async () => {
    const other = (await uploadImage(h.app, await rectMaskPng(24, 32, { x: 0, y: 0, w: 4, h: 4 }))).body.id;
    await expectError(
      { provider: 'local', imageId, maskId: other },
      422,
      'invalid_mask',
      'The mask is 24×32 but the image is 32×24; they must be the same size.',
    );
  });

  it('422 invalid_mask for an empty mask (all black, or all transparent)', async () => {
    const black = (await uploadImage(h.app, await rgbaPng(32, 24, () => [0, 0, 0, 255]))).body.id;
    const clear = (await uploadImage(h.app, await rgbaPng(32, 24, () => [255, 255, 255, 0]))).body.id;
    for (const id of [black, clear]) {
      await expectError(
        { provider: 'local', imageId, maskId: id },
        422,
        'invalid_mask',
        'The mask is empty: paint the area to fill.',
      );
    }
  });

  it('413 for a JSON body far larger than any fill request', async () => {
    const res = await h.app.request('/api/fills', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'local', imageId, maskId, options: { pad: 'x'.repeat(100_000) } }),
    });
    expect(res.status).toBe(413);
    expect(ErrorBody.parse(await res.json()).error).toEqual({
      code: 'payload_too_large',
      message: 'The request body is larger than 64 KB.',
    });
  });

  it('no job is created by a refused request', async () => {
    const res = await h.app.request('/api/jobs');
    expect(((await res.json()) as { jobs: unknown[] }).jobs).toEqual([]);
  });
});

describe('a mask covering the whole image on the local engine', () => {
  it('is refused with 422 before any job is created', async () => {
    const all = (await uploadImage(h.app, await rgbaPng(32, 24, () => [255, 255, 255, 255]))).body.id;
    await expectError(
      { provider: 'local', imageId, maskId: all },
      422,
      'invalid_mask',
      'The mask covers the whole image: the local engine needs some unmasked area to copy from.',
    );
  });
});
