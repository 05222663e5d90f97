import { membraneFill } from './diffusion.ts';
import { CHANNELS, holeBounds, type Level } from './level.ts';

/**
 * Pulls the fill's low frequencies part-way toward the smooth (membrane) fill of the hole: the difference
 * smooth − fill is box-blurred (radius `blur`) and `alpha` of it added. The patch fill keeps its texture
 * (the fine detail), while its large-scale colour drifts — a whole region copied a little too dark or too
 * saturated — are damped toward what the boundary predicts.
 */
export function pullLowFrequencies(level: Level, alpha: number, blur: number): void {
  const { w, feat, hole, holeList } = level;
  if (alpha <= 0 || holeList.length === 0) return;
  const { minX, minY, maxX, maxY } = holeBounds(level, 1)!;
  const bw = maxX - minX + 1;
  const bh = maxY - minY + 1;
  const smooth = new Float32Array(bw * bh * 3);
  const state = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      const p = (y + minY) * w + x + minX;
      const b = y * bw + x;
      if (hole[p]) state[b] = 1;
      else for (let c = 0; c < 3; c++) smooth[b * 3 + c] = feat[p * CHANNELS + c]!;
    }
  }
  membraneFill(smooth, state, bw, bh, 12, 3);
  // diff = smooth − fill inside the hole, 0 outside; then a separable box blur of it.
  const diff = new Float32Array(bw * bh * 3);
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const x = p % w;
    const b = ((p - x) / w - minY) * bw + x - minX;
    for (let c = 0; c < 3; c++) diff[b * 3 + c] = smooth[b * 3 + c]! - feat[p * CHANNELS + c]!;
  }
  boxBlur3(diff, bw, bh, blur);
  for (let j = 0; j < holeList.length; j++) {
    const p = holeList[j]!;
    const x = p % w;
    const b = ((p - x) / w - minY) * bw + x - minX;
    for (let c = 0; c < 3; c++) feat[p * CHANNELS + c] = feat[p * CHANNELS + c]! + alpha * diff[b * 3 + c]!;
  }
}

/** In-place box blur of a 3-channel image (running sums; the window is clipped at the edges). */
function boxBlur3(v: Float32Array, w: number, h: number, r: number): void {
  const tmp = new Float32Array(v.length);
  for (let y = 0; y < h; y++) {
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      let n = 0;
      for (let x = 0; x < Math.min(w, r); x++) {
        sum += v[(y * w + x) * 3 + c]!;
        n++;
      }
      for (let x = 0; x < w; x++) {
        if (x + r < w) {
          sum += v[(y * w + x + r) * 3 + c]!;
          n++;
        }
        if (x - r - 1 >= 0) {
          sum -= v[(y * w + x - r - 1) * 3 + c]!;
          n--;
        }
        tmp[(y * w + x) * 3 + c] = sum / n;
      }
    }
  }
  for (let x = 0; x < w; x++) {
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      let n = 0;
      for (let y = 0; y < Math.min(h, r); y++) {
        sum += tmp[(y * w + x) * 3 + c]!;
        n++;
      }
      for (let y = 0; y < h; y++) {
        if (y + r < h) {
          sum += tmp[((y + r) * w + x) * 3 + c]!;
          n++;
        }
        if (y - r - 1 >= 0) {
          sum -= tmp[((y - r - 1) * w + x) * 3 + c]!;
          n--;
        }
        v[(y * w + x) * 3 + c] = sum / n;
      }
    }
  }
}
