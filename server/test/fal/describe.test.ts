import { describe, expect, it } from 'vitest';
import { ProviderInfo, type FillRequest } from '../../src/contract/index.ts';
import { AppError } from '../../src/errors.ts';
import { createFalProvider, falDescriptor } from '../../src/providers/fal/index.ts';
import type { StoredImage } from '../../src/providers/interface.ts';

const image: StoredImage = {
  id: 'a'.repeat(64),
  path: '/nowhere',
  width: 640,
  height: 480,
  contentType: 'image/png',
  bytes: 1,
};
const base: FillRequest = { provider: 'fal', imageId: image.id, maskId: 'b'.repeat(64), prompt: 'a cat' };
const provider = createFalProvider(
  {
    key: 'id:secret',
    queueBaseUrl: 'http://127.0.0.1:9',
    restBaseUrl: 'http://127.0.0.1:9',
    resultHosts: [],
  },
  { images: null as never, fetch, now: Date.now, log: () => {} },
);

function refusal(request: FillRequest): AppError {
  try {
    provider.validate(request, image);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('validate accepted the request');
}

describe('fal descriptor', () => {
  it('describes FLUX.1 [pro] Fill for /api/providers', async () => {
    const info = ProviderInfo.parse(await provider.describe());
    expect(info).toMatchObject({
      id: 'fal',
      label: 'FLUX.1 [pro] Fill (fal)',
      available: true,
      sizes: null,
      maxVariations: 4,
      promptRequired: true,
      usesPrompt: true,
      supports: { negativePrompt: false, seeds: true, locale: false, cancel: 'before_start' },
      pricing: { usdPerMegapixelPerImage: 0.05 },
    });
    expect(info.options.map((o) => [o.key, o.type, o.default])).toEqual([
      ['output_format', 'enum', 'jpeg'],
      ['safety_tolerance', 'enum', '2'],
      ['enhance_prompt', 'boolean', false],
    ]);
    const safety = info.options[1];
    expect(safety?.type === 'enum' && safety.values.map((v) => v.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
  });

  it('says why it is unavailable', () => {
    expect(falDescriptor('Set FAL_KEY to use fal.')).toMatchObject({
      available: false,
      unavailableReason: 'Set FAL_KEY to use fal.',
    });
  });
});

describe('fal validate', () => {
  it('accepts a prompt with valid options', () => {
    expect(() =>
      provider.validate({ ...base, options: { output_format: 'png', safety_tolerance: '6' } }, image),
    ).not.toThrow();
  });

  it('refuses an empty or blank prompt with 400', () => {
    for (const prompt of [undefined, '', '   ']) {
      const err = refusal({ ...base, prompt });
      expect(err.code).toBe('invalid_request');
      expect(err.status).toBe(400);
      expect(err.message).toMatch(/^FLUX\.1 Fill needs a prompt/);
    }
  });

  it('refuses what the model cannot do and bad options', () => {
    expect(refusal({ ...base, negativePrompt: 'blurry' }).message).toMatch(/negative prompt/);
    expect(refusal({ ...base, size: { width: 1024, height: 1024 } }).message).toMatch(
      /keeps the source size \(640×480\)/,
    );
    expect(refusal({ ...base, options: { safety_tolerance: '7' } }).message).toMatch(
      /^options\.safety_tolerance/,
    );
    expect(refusal({ ...base, options: { guidance_scale: 3 } }).message).toMatch(/guidance_scale/);
  });
});
