import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { fireflyDescriptor, FIREFLY_SIZES } from '../../src/providers/firefly/index.ts';
import { ProviderInfo } from '../../src/contract/index.ts';
import { createHarness, pixels, runJob, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h.close());

describe('Firefly validate (before any upstream call)', () => {
  it('refuses sizes outside the 8 documented ones and over-long prompts, calling nothing', async () => {
    h = await createHarness();
    const base = h.input().request;
    const bad = [
      { ...base, size: { width: 1000, height: 1000 } },
      { ...base, size: { width: 2688, height: 1537 } },
      { ...base, prompt: 'x'.repeat(1025) },
      { ...base, negativePrompt: 'y'.repeat(1025) },
      { ...base, locale: 'english' },
    ];
    for (const request of bad) {
      let caught: unknown;
      try {
        h.provider.validate(request, h.image);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('invalid_request');
      expect((caught as AppError).status).toBe(400);
    }
    for (const size of FIREFLY_SIZES)
      expect(() => h.provider.validate({ ...base, size }, h.image)).not.toThrow();
    expect(() => h.provider.validate({ ...base, prompt: 'x'.repeat(1024) }, h.image)).not.toThrow();
    expect(h.fetched).toEqual([]);
    expect(h.emu.requests).toEqual([]);
  });

  it('describes itself as the contract says', () => {
    h = { close: async () => undefined } as Harness;
    const info = ProviderInfo.parse(fireflyDescriptor());
    expect(info).toMatchObject({
      id: 'firefly',
      label: 'Adobe Firefly',
      available: true,
      anySize: false,
      maxVariations: 4,
      promptRequired: false,
      usesPrompt: true,
      supports: { negativePrompt: true, seeds: true, locale: true, cancel: 'always' },
    });
    expect(info.sizes).toHaveLength(8);
    expect(info.sizes).toContainEqual({ width: 2688, height: 1536 });
    expect(fireflyDescriptor('no credentials')).toMatchObject({
      available: false,
      unavailableReason: 'no credentials',
    });
  });
});

describe('Firefly image preparation', () => {
  it('scales a source under 600 px together with its mask, keeps the mask hard, and says so', async () => {
    h = await createHarness({ width: 400, height: 300 });
    const out = await runJob(h.provider, h.input());
    expect(out.state).toBe('succeeded');
    const uploads = [...h.emu.requests.filter((r) => r.route === 'upload')];
    expect(uploads).toHaveLength(2);
    const dims = await Promise.all(
      [...h.emu.jobs.values()]
        .flatMap((j) => [j.spec.sourceUploadId, j.spec.maskUploadId])
        .map(async (id) => {
          const res = h.emu.uploadInfo(id)!;
          const meta = await sharp(res.bytes).metadata();
          return { width: meta.width, height: meta.height, id };
        }),
    );
    expect(dims.map((d) => [d.width, d.height])).toEqual([
      [600, 450],
      [600, 450],
    ]);
    const maskBytes = h.emu.uploadInfo([...h.emu.jobs.values()][0]!.spec.maskUploadId)!.bytes;
    const grey = await sharp(maskBytes).greyscale().raw().toBuffer();
    expect(grey.every((v) => v === 0 || v === 255)).toBe(true);
    const notes = out.polls.flatMap((p) => ('notes' in p && p.notes) || []);
    expect(notes.join(' ')).toMatch(/Scaled the source and mask from 400×300 to 600×450 for Adobe Firefly/);
    // The fill still landed where the mask was.
    if (out.state !== 'succeeded') return;
    const px = await pixels(h.sink.stored.get(out.outputs[0]!.imageId)!.path);
    expect(px(512, 512)[1]).toBeLessThan(120);
  });

  it('re-encodes an image over the upload limit (15 MB) as JPEG to fit', async () => {
    h = { close: async () => undefined } as Harness;
    const { preparePair } = await import('../../src/providers/firefly/prepare.ts');
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'ff-big-'));
    const width = 700;
    const height = 120;
    const noise = randomBytes(width * height * 3);
    const png = await sharp(noise, { raw: { width, height, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const limit = 150_000;
    expect(png.byteLength).toBeGreaterThan(limit);
    const mask = await sharp({ create: { width, height, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await writeFile(join(dir, 'src.png'), png);
    await writeFile(join(dir, 'mask.png'), mask);
    const image = {
      id: 'a'.repeat(64),
      path: join(dir, 'src.png'),
      width,
      height,
      contentType: 'image/png' as const,
      bytes: png.byteLength,
    };
    const maskImage = { ...image, id: 'b'.repeat(64), path: join(dir, 'mask.png'), bytes: mask.byteLength };
    // The real limit is 15 MB; a small one exercises the same path quickly.
    const pair = preparePair(image, maskImage, limit);
    const source = await pair.source.load();
    const maskUp = await pair.mask.load();
    expect(source.bytes.byteLength).toBeLessThanOrEqual(limit);
    expect(source.contentType).toBe('image/jpeg');
    expect(maskUp.contentType).toBe('image/png');
    expect(pair.notes.join(' ')).toMatch(/Re-encoded a .* MB image as JPEG/);
    const meta = await sharp(source.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([width, height]);
    await rm(dir, { recursive: true, force: true });
  });
});
