import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageInfo } from '../../src/contract/index.ts';
import { listDir, startHarness, uploadImage, type Harness } from '../support/harness.ts';
import { texturedPng } from '../support/images.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.cleanup());

describe('POST /api/images', () => {
  it('stores a PNG under its sha-256 and describes it', async () => {
    const png = await texturedPng(40, 24);
    const { res, body } = await uploadImage(h.app, png);
    expect(res.status).toBe(201);
    const id = createHash('sha256').update(png).digest('hex');
    expect(ImageInfo.parse(body)).toEqual({
      id,
      width: 40,
      height: 24,
      contentType: 'image/png',
      bytes: png.length,
      url: `/api/images/${id}`,
    });
    expect(res.headers.get('location')).toBe(`/api/images/${id}`);
    expect(await listDir(join(h.dataDir, 'images'))).toEqual([`${id}.png`]);
    expect(await listDir(join(h.dataDir, 'tmp'))).toEqual([]);
  });

  it('gives the same id for the same bytes, 201 both times, one file', async () => {
    const png = await texturedPng(32, 32);
    const a = await uploadImage(h.app, png);
    const b = await uploadImage(h.app, png);
    expect([a.res.status, b.res.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect(await listDir(join(h.dataDir, 'images'))).toHaveLength(1);
  });

  it('accepts JPEG and WebP, with a charset-style parameter on the type', async () => {
    const raw = await sharp(await texturedPng(48, 32))
      .raw()
      .toBuffer();
    const src = sharp(raw, { raw: { width: 48, height: 32, channels: 4 } });
    const jpeg = new Uint8Array(await src.clone().jpeg().toBuffer());
    const webp = new Uint8Array(await src.clone().webp().toBuffer());
    const j = await uploadImage(h.app, jpeg, 'image/jpeg');
    const w = await uploadImage(h.app, webp, 'image/webp; q=1');
    expect([j.res.status, j.body.contentType, j.body.width]).toEqual([201, 'image/jpeg', 48]);
    expect([w.res.status, w.body.contentType, w.body.height]).toEqual([201, 'image/webp', 32]);
    const files = await listDir(join(h.dataDir, 'images'));
    expect(files.sort()).toEqual([`${j.body.id}.jpg`, `${w.body.id}.webp`].sort());
  });

  it('streams a body in many chunks without buffering it whole', async () => {
    const png = await texturedPng(64, 64);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < png.length; i += 100) controller.enqueue(png.subarray(i, i + 100));
        controller.close();
      },
    });
    const res = await h.app.request('/api/images', {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { bytes: number }).bytes).toBe(png.length);
  });
});

describe('GET /api/images/:id', () => {
  it('returns the bytes with immutable caching and an ETag', async () => {
    const png = await texturedPng(20, 20);
    const { body } = await uploadImage(h.app, png);
    const res = await h.app.request(body.url as string);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('etag')).toBe(`"${body.id}"`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(png);
    const again = await h.app.request(body.url as string, { headers: { 'if-none-match': `"${body.id}"` } });
    expect(again.status).toBe(304);
  });

  it('serves the fixture photo byte for byte', async () => {
    const photo = new Uint8Array(await readFile(new URL('../fixtures/astronaut_512.png', import.meta.url)));
    const { body } = await uploadImage(h.app, photo);
    expect([body.width, body.height]).toEqual([512, 512]);
    const res = await h.app.request(`/api/images/${body.id}`);
    expect(
      createHash('sha256')
        .update(new Uint8Array(await res.arrayBuffer()))
        .digest('hex'),
    ).toBe(body.id);
  });
});
