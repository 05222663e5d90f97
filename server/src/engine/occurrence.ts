import type { Level } from './level.ts';
import { patchArea, type Nnf } from './nnf.ts';

/**
 * Source-reuse penalty (after Kaspar et al., "Self tuning texture optimization", 2015): counts how many
 * target centres map into the patch-sized window around each source centre. A region copied once,
 * coherently, scores about one per pixel; stamping the same region (a face, a window) several times into
 * the hole scores more and costs `strength` × a typical patch distance per extra copy.
 */
export function occurrencePenalty(
  nnf: Nnf,
  level: Level,
  radius: number,
  strength: number,
  out: Float32Array,
): void {
  const { w, h } = level;
  const count = new Float32Array(w * h);
  for (let k = 0; k < nnf.src.length; k++) count[nnf.src[k]!]!++;
  const side = 2 * radius + 1;
  const area = side * side;
  const typical = typicalDistance(nnf, level, radius);
  // Separable box sum of the counts over the window.
  const tmp = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    let run = 0;
    for (let x = -radius; x < w; x++) {
      if (x + radius < w) run += count[y * w + x + radius]!;
      if (x - radius - 1 >= 0) run -= count[y * w + x - radius - 1]!;
      if (x >= 0) tmp[y * w + x] = run;
    }
  }
  for (let x = 0; x < w; x++) {
    let run = 0;
    for (let y = -radius; y < h; y++) {
      if (y + radius < h) run += tmp[(y + radius) * w + x]!;
      if (y - radius - 1 >= 0) run -= tmp[(y - radius - 1) * w + x]!;
      if (y >= 0) {
        const reuse = run / area - 1;
        out[y * w + x] = reuse > 0 ? strength * typical * reuse : 0;
      }
    }
  }
}

/** Median patch distance of the field (over a sample), the scale the penalty is expressed in. */
function typicalDistance(nnf: Nnf, level: Level, radius: number): number {
  const n = nnf.targets.length;
  const stride = Math.max(1, Math.floor(n / 2048));
  const sample: number[] = [];
  for (let k = 0; k < n; k += stride) {
    sample.push(
      (nnf.dist[k]! / patchArea(level.w, level.h, radius, nnf.targets[k]!)) * (2 * radius + 1) ** 2,
    );
  }
  sample.sort((a, b) => a - b);
  return sample[sample.length >> 1] ?? 0;
}
