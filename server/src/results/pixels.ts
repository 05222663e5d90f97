/** Pure pixel maths for results: RGBA rasters (4 bytes a pixel) and 8-bit masks (255 = fill). */

export interface Rgba {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Softens a hard mask with a separable box blur of `radius` pixels (each pass averages 2r+1 samples,
 * edges clamped), so a composite has no hard seam. Radius 0 returns a copy.
 */
export function featherMask(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const r = Math.max(0, Math.floor(radius));
  if (r === 0) return mask.slice();
  const tmp = new Uint8Array(mask.length);
  const out = new Uint8Array(mask.length);
  const span = 2 * r + 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = -r; k <= r; k++) sum += mask[row + Math.min(width - 1, Math.max(0, x + k))]!;
      tmp[row + x] = Math.round(sum / span);
    }
  }
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      let sum = 0;
      for (let k = -r; k <= r; k++) sum += tmp[Math.min(height - 1, Math.max(0, y + k)) * width + x]!;
      out[y * width + x] = Math.round(sum / span);
    }
  }
  return out;
}

/** `output` where the mask is 255, `source` where it is 0, blended in between; always opaque. */
export function compositeOver(source: Rgba, output: Rgba, alpha: Uint8Array): Rgba {
  assertSameSize(source, output, alpha);
  const n = source.width * source.height;
  const data = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const a = alpha[i]!;
    const o = i * 4;
    for (let c = 0; c < 3; c++) {
      data[o + c] = Math.round((output.data[o + c]! * a + source.data[o + c]! * (255 - a)) / 255);
    }
    data[o + 3] = 255;
  }
  return { data, width: source.width, height: source.height };
}

export interface Leak {
  /** Outside-mask pixels whose largest channel difference is above the threshold. */
  changed: number;
  /** Pixels outside the mask (mask value 0 after thresholding at 128). */
  outside: number;
  changedFraction: number;
  /** Transparent inside the mask and where nothing changed; yellow → red as the difference grows. */
  heatmap: Rgba;
}

/** Where the raw output differs from the source outside the (hard) mask: what compositing throws away. */
export function measureLeak(source: Rgba, output: Rgba, mask: Uint8Array, threshold: number): Leak {
  assertSameSize(source, output, mask);
  const n = source.width * source.height;
  const heat = new Uint8Array(n * 4);
  let changed = 0;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i]! >= 128) continue;
    outside++;
    const o = i * 4;
    const d = Math.max(
      Math.abs(output.data[o]! - source.data[o]!),
      Math.abs(output.data[o + 1]! - source.data[o + 1]!),
      Math.abs(output.data[o + 2]! - source.data[o + 2]!),
    );
    if (d <= threshold) continue;
    changed++;
    // Just over the threshold is yellow; a difference of 128 or more is full red.
    heat[o] = 255;
    heat[o + 1] = Math.round(255 * (1 - Math.min(1, (d - threshold) / Math.max(1, 128 - threshold))));
    heat[o + 2] = 0;
    heat[o + 3] = 220;
  }
  return {
    changed,
    outside,
    changedFraction: outside === 0 ? 0 : changed / outside,
    heatmap: { data: heat, width: source.width, height: source.height },
  };
}

function assertSameSize(a: Rgba, b: Rgba, mask: Uint8Array): void {
  if (a.width !== b.width || a.height !== b.height || mask.length !== a.width * a.height) {
    throw new Error(
      `raster sizes differ: ${a.width}×${a.height}, ${b.width}×${b.height}, mask ${mask.length}`,
    );
  }
}
