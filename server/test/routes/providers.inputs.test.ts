import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { ProviderList, type ProviderId, type ProviderInputs } from '../../src/contract/index.ts';
import { MIN_LONG_SIDE } from '../../src/providers/firefly/config.ts';
import { preparePair } from '../../src/providers/firefly/prepare.ts';
import { createProviders, type Providers } from '../../src/providers/index.ts';
import type { StoredImage } from '../../src/providers/interface.ts';
import { parseEnv } from '../../src/env.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { createTempSink } from '../support/tempSink.ts';

// The page's preflight reads these rules from /api/providers instead of mirroring them: each served
// value must be what the provider actually does.
let h: Harness;
let served: Map<ProviderId, ProviderInputs>;
beforeAll(async () => {
  h = await startHarness();
  const list = ProviderList.parse(await (await h.app.request('/api/providers')).json());
  served = new Map(list.providers.map((p) => [p.id, p.inputs!]));
});
afterAll(() => h.cleanup());

const stored = (width: number, height: number, id = 'a'.repeat(64)): StoredImage => ({
  id,
  path: `/nonexistent/${id}.png`,
  width,
  height,
  contentType: 'image/png',
  bytes: 1000,
});

describe('GET /api/providers input rules', () => {
  it('serves the rules of every provider, configured or not', () => {
    expect([...served.keys()]).toEqual(['local', 'firefly', 'fal']);
    for (const inputs of served.values()) expect(inputs).toBeDefined();
    expect(served.get('local')).toEqual({ minLongSide: null, refusesFullMask: true, fit: 'cover' });
    expect(served.get('firefly')).toEqual({
      minLongSide: MIN_LONG_SIDE,
      refusesFullMask: false,
      fit: 'unknown',
    });
    expect(served.get('fal')).toEqual({ minLongSide: null, refusesFullMask: false, fit: null });
  });

  it('minLongSide is the size Firefly’s prepare step scales a small source and its mask up to', () => {
    const min = served.get('firefly')!.minLongSide!;
    const small = preparePair(
      stored(min - 88, (min - 88) * 0.75),
      stored(min - 88, (min - 88) * 0.75, 'b'.repeat(64)),
    );
    expect(Math.max(small.source.width, small.source.height)).toBe(min);
    expect([small.mask.width, small.mask.height]).toEqual([small.source.width, small.source.height]);
    expect(small.notes.join(' ')).toContain(`at least ${min} px`);
    const atMin = preparePair(stored(min, 300), stored(min, 300, 'b'.repeat(64)));
    expect([atMin.source.width, atMin.source.height]).toEqual([min, 300]);
    expect(atMin.notes).toEqual([]);
  });
});

describe('refusesFullMask matches each configured provider’s mask check', () => {
  let providers: Providers;
  beforeAll(() => {
    // Credentials present (unreachable hosts: nothing here calls upstream), so the real providers are built.
    const env = parseEnv({
      DATA_DIR: h.dataDir,
      LOCAL_WORKERS: '1',
      FIREFLY_SERVICES_CLIENT_ID: 'id',
      FIREFLY_SERVICES_CLIENT_SECRET: 'secret',
      FIREFLY_API_BASE_URL: 'http://127.0.0.1:9',
      FIREFLY_IMS_URL: 'http://127.0.0.1:9/ims',
      FAL_KEY: 'key:secret',
      FAL_QUEUE_BASE_URL: 'http://127.0.0.1:9',
      FAL_REST_BASE_URL: 'http://127.0.0.1:9',
    });
    providers = createProviders(env, {
      images: createTempSink(h.dataDir),
      fetch,
      now: Date.now,
      log: () => {},
    });
  });
  afterAll(() => providers.close());

  it.each(['local', 'firefly', 'fal'] as const)('%s', (id) => {
    const provider = providers.registry.get(id)!;
    const check = (filled: number) => () =>
      provider.validateMask?.({ width: 10, height: 10, filled, total: 100 });
    expect(check(99)).not.toThrow();
    if (served.get(id)!.refusesFullMask) {
      expect(check(100)).toThrow(AppError);
      expect(check(100)).toThrow(/covers the whole image/);
    } else {
      expect(check(100)).not.toThrow();
    }
  });

  it('fal (fit null) refuses any output size but the source’s, so no other shape can reach it', () => {
    const fal = providers.registry.get('fal')!;
    const image = stored(800, 600);
    expect(() =>
      fal.validate({ imageId: image.id, maskId: image.id, prompt: 'x' } as never, image),
    ).not.toThrow();
    expect(() =>
      fal.validate(
        { imageId: image.id, maskId: image.id, prompt: 'x', size: { width: 800, height: 800 } } as never,
        image,
      ),
    ).toThrow(/keeps the source size/);
  });
});
