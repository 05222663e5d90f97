import sharp from 'sharp';
import { fill, type FillMethod } from '../../../src/engine/index.ts';

export interface Upload {
  bytes: Uint8Array;
  contentType: string;
  width: number;
  height: number;
  createdAt: number;
}

export interface Rendered {
  seed: number;
  bytes: Uint8Array;
}

/**
 * A real fill with the local engine (so tests can check pixels), one per seed, resampled to the requested
 * size. A seeded grain inside the hole makes variations distinct, as Firefly's are.
 */
export async function renderFill(
  source: Upload,
  maskUpload: Upload,
  opts: { seeds: number[]; size: { width: number; height: number }; invert: boolean; method: FillMethod },
): Promise<Rendered[]> {
  const { width, height } = source;
  const rgba = new Uint8Array(await sharp(source.bytes).ensureAlpha().raw().toBuffer());
  const grey = await sharp(maskUpload.bytes).removeAlpha().greyscale().raw().toBuffer();
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = grey[i]! >= 128 !== opts.invert ? 255 : 0;
  const out: Rendered[] = [];
  for (const seed of opts.seeds) {
    await new Promise((r) => setImmediate(r));
    const filled = fill({ image: { width, height, rgba }, mask, seed, method: opts.method });
    addGrain(filled.rgba, mask, seed);
    const bytes = await sharp(filled.rgba, { raw: { width, height, channels: 4 } })
      .resize(opts.size.width, opts.size.height, { fit: 'fill' })
      .removeAlpha()
      .jpeg({ quality: 90 })
      .toBuffer();
    out.push({ seed, bytes: new Uint8Array(bytes) });
  }
  return out;
}

/** ±3 levels of deterministic noise in the hole (mulberry32 on the seed). */
function addGrain(rgba: Uint8Array, mask: Uint8Array, seed: number): void {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const d = Math.round(next() * 6) - 3;
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = Math.max(0, Math.min(255, rgba[i * 4 + c]! + d));
  }
}
