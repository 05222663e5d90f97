import type { ProviderInfo } from '@maskfill/server/contract';
import { FillRequest } from '@maskfill/server/contract';
import { describe, expect, it } from 'vitest';
import { buildFillRequest, generateBlocker, seedsFrom } from './buildFillRequest.ts';
import { initialPromptDraft } from './promptStore.ts';

const id = 'a'.repeat(64);
const base: ProviderInfo = {
  id: 'local',
  label: 'Local',
  available: true,
  sizes: null,
  anySize: true,
  maxVariations: 4,
  promptRequired: false,
  usesPrompt: false,
  supports: { negativePrompt: false, seeds: true, locale: false, cancel: 'always' },
  options: [{ type: 'boolean', key: 'blend', label: 'Blend', default: true }],
};
const firefly: ProviderInfo = {
  ...base,
  id: 'firefly',
  label: 'Firefly',
  sizes: [
    { width: 2048, height: 2048 },
    { width: 1344, height: 768 },
  ],
  anySize: false,
  usesPrompt: true,
  supports: { ...base.supports, negativePrompt: true },
  options: [],
};
const source = { width: 800, height: 600 };

describe('buildFillRequest', () => {
  it('sends only what the provider uses, with consecutive seeds and defaulted options', () => {
    const draft = {
      ...initialPromptDraft(),
      prompt: 'ignored',
      negativePrompt: 'no',
      variations: 3,
      seed: '41',
    };
    const req = buildFillRequest(draft, base, { imageId: id, maskId: id }, source);
    expect(req).toEqual({
      provider: 'local',
      imageId: id,
      maskId: id,
      numVariations: 3,
      seeds: [41, 42, 43],
      options: { blend: true },
    });
    expect(FillRequest.safeParse(req).success).toBe(true);
  });

  it('uses a listed size, the prompts and random seeds when the seed is blank', () => {
    const draft = {
      ...initialPromptDraft(),
      prompt: ' a lake ',
      negativePrompt: 'boats',
      size: '1344x768',
      variations: 2,
    };
    const req = buildFillRequest(draft, firefly, { imageId: id, maskId: id }, source);
    expect(req).toEqual({
      provider: 'firefly',
      imageId: id,
      maskId: id,
      numVariations: 2,
      prompt: 'a lake',
      negativePrompt: 'boats',
      size: { width: 1344, height: 768 },
    });
  });

  it('falls back to the first allowed size when "same as source" is not offered', () => {
    const req = buildFillRequest(initialPromptDraft(), firefly, { imageId: id, maskId: id }, source);
    expect(req.size).toEqual({ width: 2048, height: 2048 });
    expect(
      buildFillRequest(initialPromptDraft(), base, { imageId: id, maskId: id }, source).size,
    ).toBeUndefined();
  });

  it('wraps seeds at the maximum so they stay valid and distinct', () => {
    expect(seedsFrom(2_147_483_646, 3)).toEqual([2_147_483_646, 2_147_483_647, 0]);
  });

  it('explains what blocks Generate', () => {
    const d = initialPromptDraft();
    expect(generateBlocker(d, base, false)).toBe('Upload an image first.');
    expect(generateBlocker(d, { ...base, available: false, unavailableReason: 'no key' }, true)).toBe(
      'Local is unavailable: no key',
    );
    expect(generateBlocker(d, { ...firefly, promptRequired: true }, true)).toBe('Firefly needs a prompt.');
    expect(generateBlocker({ ...d, seed: '-1' }, base, true)).toMatch(/Seed must be/);
    expect(generateBlocker(d, base, true)).toBeNull();
  });
});
