import { describe, expect, it } from 'vitest';
import { exportMaskPng, exportRasterPng, maskExportPixels } from './exportMask.ts';
import type { MaskOp } from './ops.ts';
import { crc32 } from './png.ts';

/** Reads the chunks of a PNG and inflates its IDAT (filter bytes included). */
async function decodePng(bytes: Uint8Array) {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const chunks: { type: string; data: Uint8Array }[] = [];
  for (let o = 8; o < bytes.length;) {
    const len = view.getUint32(o);
    const type = String.fromCharCode(...bytes.subarray(o + 4, o + 8));
    const data = bytes.subarray(o + 8, o + 8 + len);
    expect(view.getUint32(o + 8 + len)).toBe((crc32(bytes.subarray(o + 4, o + 8 + len)) ^ 0xffffffff) >>> 0);
    chunks.push({ type, data });
    o += 12 + len;
  }
  const ihdr = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset);
  const idat = chunks.find((c) => c.type === 'IDAT')!.data;
  const ds = new DecompressionStream('deflate');
  const writer = ds.writable.getWriter();
  void writer.write(idat.slice());
  void writer.close();
  const inflated = new Uint8Array(await new Response(ds.readable).arrayBuffer());
  return {
    types: chunks.map((c) => c.type),
    width: ihdr.getUint32(0),
    height: ihdr.getUint32(4),
    bitDepth: chunks[0]!.data[8],
    colourType: chunks[0]!.data[9],
    inflated,
  };
}

describe('mask export', () => {
  const ops: MaskOp[] = [
    { type: 'stroke', mode: 'paint', points: [1.5, 1.5], width: 3, hardness: 1 },
    { type: 'stroke', mode: 'paint', points: [4.5, 0.5], width: 6, hardness: 0 },
  ];

  it('is strictly black and white: soft edges become fill at half coverage', () => {
    const px = maskExportPixels(ops, 8, 3);
    expect(new Set(px)).toEqual(new Set([0, 255]));
    // Hard dot: x 0–2. Soft dot (r = 3, linear): 255 at the centre, 170 at 1 px, 85 at 2 px.
    expect([...px.subarray(0, 8)]).toEqual([255, 255, 255, 255, 255, 255, 0, 0]);
  });

  it('encodes an opaque 1-bit greyscale PNG the size of the image, white = fill', async () => {
    const blob = await exportMaskPng(ops, 8, 3);
    expect(blob.type).toBe('image/png');
    const png = await decodePng(new Uint8Array(await blob.arrayBuffer()));
    expect(png.types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([8, 3, 1, 0]);
    expect(unpack(png.inflated, 8, 3)).toEqual(maskExportPixels(ops, 8, 3));
  });

  it('packs rows whose width is not a multiple of 8, thresholding the raster in place', async () => {
    const w = 13;
    const h = 4;
    const raster = new Uint8Array(w * h).map((_, i) => (i * 37) % 256);
    const before = raster.slice();
    const png = await decodePng(new Uint8Array(await (await exportRasterPng(raster, w, h)).arrayBuffer()));
    expect([png.width, png.height, png.bitDepth]).toEqual([w, h, 1]);
    expect(png.inflated.length).toBe((Math.ceil(w / 8) + 1) * h);
    expect([...unpack(png.inflated, w, h)]).toEqual([...raster].map((v) => (v >= 128 ? 255 : 0)));
    expect(raster).toEqual(before);
  });
});

/** 1-bit scanlines (filter byte + packed bits, MSB first) → one byte per pixel, 0 or 255. */
function unpack(raw: Uint8Array, w: number, h: number): Uint8Array {
  const stride = Math.ceil(w / 8) + 1;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    expect(raw[y * stride]).toBe(0); // filter type none
    for (let x = 0; x < w; x++)
      out[y * w + x] = (raw[y * stride + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
  }
  return out;
}
