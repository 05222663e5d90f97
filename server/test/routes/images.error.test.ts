import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/contract/index.ts';
import { listDir, startHarness, uploadImage, type Harness } from '../support/harness.ts';
import { texturedPng } from '../support/images.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { MAX_UPLOAD_MB: '0.05' } }); // 52 428 bytes
});
afterEach(() => h.cleanup());

async function expectError(res: Response, status: number, code: string, message?: RegExp) {
  expect(res.status).toBe(status);
  const body = ErrorBody.parse(await res.json());
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
  return body;
}

async function noStrayFiles() {
  expect(await listDir(join(h.dataDir, 'tmp'))).toEqual([]);
  expect(await listDir(join(h.dataDir, 'images'))).toEqual([]);
}

describe('POST /api/images errors', () => {
  it('415 for a content type that is not an image we take', async () => {
    const { res } = await uploadImage(h.app, await texturedPng(20, 20), 'image/gif');
    await expectError(res, 415, 'unsupported_media_type', /image\/gif is not accepted/);
    await noStrayFiles();
  });

  it('415 without a content type', async () => {
    const res = await h.app.request('/api/images', { method: 'POST', body: await texturedPng(20, 20) });
    await expectError(res, 415, 'unsupported_media_type', /Set Content-Type/);
  });

  it('415 when the bytes are a JPEG but the type says PNG', async () => {
    const jpeg = new Uint8Array(
      await sharp({ create: { width: 20, height: 20, channels: 3, background: '#808080' } })
        .jpeg()
        .toBuffer(),
    );
    const { res } = await uploadImage(h.app, jpeg, 'image/png');
    await expectError(res, 415, 'unsupported_media_type', /is a JPEG image but Content-Type says image\/png/);
    await noStrayFiles();
  });

  it('422 when the magic bytes are not an image at all', async () => {
    const { res } = await uploadImage(
      h.app,
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    );
    await expectError(res, 422, 'invalid_image', /not a PNG, JPEG or WebP/);
    await noStrayFiles();
  });

  it('422 for a truncated PNG', async () => {
    const png = await texturedPng(64, 64);
    const { res } = await uploadImage(h.app, png.subarray(0, Math.floor(png.length / 2)));
    await expectError(res, 422, 'invalid_image', /damaged or incomplete/);
    await noStrayFiles();
  });

  it('422 for a PNG header that is all there is', async () => {
    const { res } = await uploadImage(h.app, (await texturedPng(20, 20)).subarray(0, 20));
    await expectError(res, 422, 'invalid_image');
    await noStrayFiles();
  });

  it('422 for an image under 16 px on a side', async () => {
    const { res } = await uploadImage(h.app, await texturedPng(15, 40));
    await expectError(res, 422, 'invalid_image', /15×40; each side must be at least 16 px/);
    await noStrayFiles();
  });

  it('422 for a header claiming huge dimensions, refused before decoding', async () => {
    const png = Buffer.from(await texturedPng(20, 20));
    // IHDR starts at byte 8: length(4) 'IHDR'(4) width(4) height(4) ... crc over type+data.
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    const { res } = await uploadImage(h.app, new Uint8Array(png));
    await expectError(res, 422, 'invalid_image', /100000×100000; the largest side accepted is 8192 px/);
    await noStrayFiles();
  });

  it('422 for an empty body', async () => {
    const res = await h.app.request('/api/images', {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(0),
    });
    await expectError(res, 422, 'invalid_image', /empty/);
    await noStrayFiles();
  });

  it('413 from Content-Length before reading the body', async () => {
    const res = await h.app.request('/api/images', {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'content-length': String(10 * 1024 * 1024) },
      body: await texturedPng(20, 20),
    });
    await expectError(res, 413, 'payload_too_large', /larger than the 0\.05 MB upload limit/);
    await noStrayFiles();
  });

  it('413 while streaming a chunked body over the limit, partial file removed', async () => {
    const png = await texturedPng(20, 20);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // A valid PNG start, then far more bytes than the limit, with no Content-Length.
        controller.enqueue(pulled === 0 ? png : new Uint8Array(16 * 1024));
        if (++pulled > 100) controller.close();
      },
    });
    const res = await h.app.request('/api/images', {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body,
      duplex: 'half',
    } as RequestInit);
    await expectError(res, 413, 'payload_too_large');
    // The limit stopped the read early: 52 KB of a 1.6 MB body.
    expect(pulled).toBeLessThan(20);
    await noStrayFiles();
  });
});

describe('GET /api/images/:id errors', () => {
  it('400 for an id that is not a sha-256', async () => {
    await expectError(await h.app.request('/api/images/abc'), 400, 'invalid_request', /64-character hex/);
    await expectError(await h.app.request(`/api/images/${'A'.repeat(64)}`), 400, 'invalid_request');
  });

  it('404 for an unknown id', async () => {
    await expectError(await h.app.request(`/api/images/${'0'.repeat(64)}`), 404, 'not_found');
  });
});
