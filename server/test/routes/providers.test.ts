import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderList } from '../../src/contract/index.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.cleanup());

describe('GET /api/providers', () => {
  it('lists local (available) and the cloud providers disabled with the reason', async () => {
    const res = await h.app.request('/api/providers');
    expect(res.status).toBe(200);
    const list = ProviderList.parse(await res.json());
    expect(list.default).toBe('local');
    expect(list.providers.map((p) => [p.id, p.available])).toEqual([
      ['local', true],
      ['firefly', false],
      ['fal', false],
    ]);
    const [local, firefly, fal] = list.providers;
    expect(local).toMatchObject({
      label: 'Local content-aware fill',
      sizes: null,
      anySize: true,
      maxVariations: 4,
      promptRequired: false,
      usesPrompt: false,
      supports: { negativePrompt: false, seeds: true, locale: false, cancel: 'always' },
    });
    expect(local!.unavailableReason).toBeUndefined();
    expect(local!.options).toEqual([
      expect.objectContaining({
        type: 'enum',
        key: 'method',
        default: 'auto',
        values: [
          expect.objectContaining({ value: 'auto' }),
          expect.objectContaining({ value: 'patchmatch' }),
          expect.objectContaining({ value: 'diffusion' }),
        ],
      }),
    ]);
    expect(firefly!.unavailableReason).toBe(
      'Set FIREFLY_SERVICES_CLIENT_ID and FIREFLY_SERVICES_CLIENT_SECRET on the server.',
    );
    expect(firefly!.sizes).toHaveLength(8);
    expect(fal!.unavailableReason).toMatch(/FAL_KEY/);
  });
});
