import { describe, expect, it } from 'vitest';
import { maskStats } from './maskStats.ts';
import { NEARLY_FULL, outputFrame, preflight, type PreflightInput } from './preflight.ts';

// Input rules as /api/providers serves them (server/test/routes/providers.inputs.test.ts pins the server side).
const local: PreflightInput['provider'] = {
  id: 'local',
  label: 'Local content-aware fill',
  inputs: { minLongSide: null, refusesFullMask: true, fit: 'cover' },
};
const firefly: PreflightInput['provider'] = {
  id: 'firefly',
  label: 'Adobe Firefly',
  inputs: { minLongSide: 600, refusesFullMask: false, fit: 'unknown' },
};
const fal: PreflightInput['provider'] = {
  id: 'fal',
  label: 'FLUX.1 [pro] Fill (fal)',
  inputs: { minLongSide: null, refusesFullMask: false, fit: null },
};
const square = { width: 1000, height: 1000 };
const half = { filled: 500_000, total: 1_000_000 };

const run = (over: Partial<PreflightInput>) =>
  preflight({ provider: local, image: square, output: null, mask: half, ...over });
const codes = (over: Partial<PreflightInput>) => run(over).warnings.map((w) => w.code);

describe('preflight warnings', () => {
  it('has none for a half-painted mask at the source size', () => {
    const p = run({});
    expect(p.warnings).toEqual([]);
    expect(p.blocker).toBeNull();
    expect(p.coverage).toBe(0.5);
  });

  it('blocks an empty mask on every provider, with the server’s reason', () => {
    for (const provider of [local, firefly, fal]) {
      const p = run({ provider, mask: { filled: 0, total: 1_000_000 } });
      expect(p.warnings.map((w) => [w.code, w.severity])).toEqual([['mask-empty', 'block']]);
      expect(p.blocker).toBe('The mask is empty: paint the area to fill.');
    }
  });

  it('blocks a full mask on the local engine only; warns elsewhere', () => {
    const full = { filled: 1_000_000, total: 1_000_000 };
    expect(run({ mask: full }).blocker).toMatch(/covers the whole image: Local content-aware fill needs/);
    for (const provider of [firefly, fal]) {
      const p = run({
        provider,
        mask: full,
        output: provider === firefly ? { width: 1024, height: 1024 } : null,
      });
      expect(p.warnings.map((w) => [w.code, w.severity])).toEqual([['mask-full', 'warn']]);
      expect(p.blocker).toBeNull();
    }
  });

  it('warns when the mask covers nearly everything, from 95%', () => {
    expect(codes({ mask: { filled: NEARLY_FULL * 1e6 - 1, total: 1e6 } })).toEqual([]);
    const p = run({ mask: { filled: 970_000, total: 1e6 } });
    expect(p.warnings.map((w) => [w.code, w.severity])).toEqual([['mask-nearly-full', 'warn']]);
    expect(p.warnings[0]!.message).toContain('97%');
  });

  it('warns on an output of another shape, saying how the provider fits it', () => {
    expect(codes({ output: { width: 512, height: 512 } })).toEqual([]);
    const crop = run({ output: { width: 1536, height: 1024 } });
    expect(crop.warnings.map((w) => w.code)).toEqual(['aspect-mismatch']);
    expect(crop.warnings[0]!.message).toMatch(/1536 × 1024 .* 1000 × 1000: the result is cropped/);
    const ff = run({ provider: firefly, output: { width: 1344, height: 768 } });
    expect(ff.fit).toBe('unknown');
    expect(ff.warnings[0]!.message).toMatch(/Adobe Firefly does not document/);
  });

  it('warns below Firefly’s 600 px minimum and sends the scaled-up size', () => {
    const small = { width: 512, height: 384 };
    const p = run({ provider: firefly, image: small, output: { width: 1152, height: 896 } });
    expect(p.sendSize).toEqual({ width: 600, height: 450 });
    expect(p.scaledUp).toBe(true);
    expect(p.warnings.map((w) => w.code)).toEqual(['aspect-mismatch', 'below-min-side']);
    expect(p.warnings[1]!.message).toContain('scaled up to 600 × 450');
    // The same image is sent as is to the other providers.
    expect(run({ provider: fal, image: small }).sendSize).toEqual(small);
    expect(run({ image: small }).warnings).toEqual([]);
  });
});

describe('rules come from the provider description', () => {
  const full = { filled: 1_000_000, total: 1_000_000 };
  it('a different served rule set changes the warnings for the same provider id', () => {
    const strict = { ...fal, inputs: { minLongSide: 1200, refusesFullMask: true, fit: 'cover' as const } };
    const p = run({ provider: strict, mask: full, output: { width: 1000, height: 500 } });
    expect(p.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['mask-full', 'block'],
      ['aspect-mismatch', 'warn'],
      ['below-min-side', 'warn'],
    ]);
    expect(p.sendSize).toEqual({ width: 1200, height: 1200 });
    expect(p.warnings[1]!.message).toMatch(/the result is cropped/);
    expect(p.warnings[2]!.message).toContain('needs at least 1200 px on the long side');
    const lenient = {
      ...local,
      inputs: { minLongSide: null, refusesFullMask: false, fit: 'unknown' as const },
    };
    const q = run({ provider: lenient, mask: full, output: { width: 1000, height: 500 } });
    expect(q.blocker).toBeNull();
    expect(q.fit).toBe('unknown');
    expect(q.warnings[1]!.message).toMatch(/does not document how it fits/);
  });

  it('claims no rule when the server does not describe them', () => {
    const bare = { id: 'local', label: 'Local content-aware fill' } as const;
    const p = run({ provider: bare, mask: full, image: { width: 300, height: 200 } });
    expect(p.warnings.map((w) => [w.code, w.severity])).toEqual([['mask-full', 'warn']]);
    expect(p.scaledUp).toBe(false);
    expect(p.fit).toBe('unknown');
  });
});

describe('send and output sizes per provider', () => {
  const image = { width: 3000, height: 2000 };
  it('local: the source size; the output is the chosen size or the source', () => {
    expect(run({ image }).sendSize).toEqual(image);
    expect(run({ image }).outputSize).toEqual(image);
    expect(run({ image, output: { width: 768, height: 512 } }).outputSize).toEqual({
      width: 768,
      height: 512,
    });
  });
  it('firefly: the source when its long side is at least 600 px, rounded when scaled', () => {
    expect(run({ provider: firefly, image, output: { width: 2304, height: 1792 } }).sendSize).toEqual(image);
    expect(run({ provider: firefly, image: { width: 600, height: 10 } }).scaledUp).toBe(false);
    expect(run({ provider: firefly, image: { width: 7, height: 599 } }).sendSize).toEqual({
      width: 7,
      height: 600,
    });
    expect(run({ provider: firefly, image: { width: 1, height: 300 } }).sendSize).toEqual({
      width: 2,
      height: 600,
    });
  });
  it('fal: the source size, output the same', () => {
    const p = run({ provider: fal, image });
    expect([p.sendSize, p.outputSize]).toEqual([image, image]);
  });
});

describe('output frame geometry', () => {
  it('is the whole image when the shapes match', () => {
    const f = outputFrame({ width: 800, height: 600 }, { width: 1024, height: 768 });
    expect(f.aspectDiffers).toBe(false);
    expect(f.cover).toEqual({ x: 0, y: 0, w: 800, h: 600 });
    expect(f.contain).toEqual({ x: 0, y: 0, w: 800, h: 600 });
  });

  it('cover: a wide output over a square image crops top and bottom, centred', () => {
    const f = outputFrame({ width: 1000, height: 1000 }, { width: 1536, height: 1024 });
    expect(f.aspectDiffers).toBe(true);
    expect(f.cover).toEqual({ x: 0, y: (1000 - 1000 / 1.5) / 2, w: 1000, h: 1000 / 1.5 });
  });

  it('contain: the same output letterboxes the image, bars outside it left and right', () => {
    const f = outputFrame({ width: 1000, height: 1000 }, { width: 1536, height: 1024 });
    expect(f.contain).toEqual({ x: -250, y: 0, w: 1500, h: 1000 });
  });

  it('cover and contain of a tall output over a wide image', () => {
    const f = outputFrame({ width: 1600, height: 900 }, { width: 896, height: 1152 });
    const ar = 896 / 1152;
    expect(f.cover.h).toBeCloseTo(900, 9);
    expect(f.cover.w).toBeCloseTo(900 * ar, 9);
    expect(f.cover.x).toBeCloseTo((1600 - 900 * ar) / 2, 9);
    expect(f.contain.w).toBeCloseTo(1600, 9);
    expect(f.contain.h).toBeCloseTo(1600 / ar, 9);
    expect(f.contain.y).toBeCloseTo((900 - 1600 / ar) / 2, 9);
  });
});

describe('maskStats', () => {
  it('counts bytes at or above 128, word-wise and in the tail', () => {
    const m = new Uint8Array([0, 127, 128, 255, 200, 1, 0, 0, 255, 129, 3]);
    expect(maskStats(m)).toEqual({ filled: 5, total: 11 });
    // An unaligned view falls back to bytes.
    expect(maskStats(m.subarray(1))).toEqual({ filled: 5, total: 10 });
  });

  it('agrees with a byte loop on a large random raster', () => {
    const m = new Uint8Array(4099);
    let s = 7;
    for (let i = 0; i < m.length; i++) m[i] = (s = (s * 1103515245 + 12345) % 2 ** 31) & 0xff;
    expect(maskStats(m).filled).toBe(m.filter((v) => v >= 128).length);
  });
});
