import sharp, { type OverlayOptions, type Sharp } from 'sharp';
import type { Rgba } from './images.ts';
import type { Method } from './run.ts';

const TILE = 220;
const LABEL = 22;

/**
 * One contact sheet per photo and size: a row per mask kind — the input with the hole in magenta, the
 * ground truth, then each method — cropped around the hole (its bounding box plus a margin).
 */
export async function contactSheet(
  path: string,
  truth: Rgba,
  rows: { kind: string; mask: Uint8Array; outputs: Partial<Record<Method, string>> }[],
  methods: Method[],
): Promise<void> {
  const columns = ['input', 'truth', ...methods];
  const composites: OverlayOptions[] = [];
  const width = columns.length * TILE;
  const height = rows.length * (TILE + LABEL);
  const labels: string[] = [];
  for (const [r, row] of rows.entries()) {
    const box = crop(row.mask, truth.width, truth.height);
    const y = LABEL + r * (TILE + LABEL);
    for (const [i, c] of columns.entries()) {
      const text = i === 0 ? `${row.kind}: ${c}` : c;
      labels.push(
        `<text x="${i * TILE + 6}" y="${y - 6}" font-size="14" font-family="sans-serif">${text}</text>`,
      );
    }
    const input = new Uint8Array(truth.rgba);
    for (let i = 0; i < row.mask.length; i++) if (row.mask[i]) input.set([255, 0, 255, 255], i * 4);
    const sources: (Sharp | null)[] = [
      sharp(input, { raw: { width: truth.width, height: truth.height, channels: 4 } }),
      sharp(truth.rgba, { raw: { width: truth.width, height: truth.height, channels: 4 } }),
      ...methods.map((m) => (row.outputs[m] ? sharp(row.outputs[m]) : null)),
    ];
    for (const [c, src] of sources.entries()) {
      if (!src) continue;
      const tile = await src
        .extract(box)
        .resize(TILE, TILE, { fit: 'contain', background: '#fff' })
        .png()
        .toBuffer();
      composites.push({ input: tile, left: c * TILE, top: y });
    }
  }
  composites.push({
    input: Buffer.from(`<svg width="${width}" height="${height}">${labels.join('')}</svg>`),
    left: 0,
    top: 0,
  });
  await sharp({ create: { width, height, channels: 3, background: '#fff' } })
    .composite(composites)
    .png()
    .toFile(path);
}

function crop(mask: Uint8Array, w: number, h: number) {
  let x0 = w;
  let y0 = h;
  let x1 = 0;
  let y1 = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  const m = Math.round(0.08 * Math.max(w, h));
  const left = Math.max(0, x0 - m);
  const top = Math.max(0, y0 - m);
  return { left, top, width: Math.min(w, x1 + m + 1) - left, height: Math.min(h, y1 + m + 1) - top };
}
