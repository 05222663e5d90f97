/** A minimal PNG encoder for greyscale masks (8-bit, and 1-bit for the export), using the platform's zlib stream. */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, crc = 0xffffffff): number {
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return crc;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, (crc32(out.subarray(4, 8 + data.length)) ^ 0xffffffff) >>> 0);
  return out;
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const cs = new CompressionStream('deflate');
  const writer = cs.writable.getWriter();
  void writer.write(data as Uint8Array<ArrayBuffer>);
  void writer.close();
  return new Uint8Array(await new Response(cs.readable).arrayBuffer());
}

/** Encodes `pixels` (one byte per pixel, row-major) as an 8-bit greyscale PNG. */
export async function encodeGrayPng(pixels: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  // Each scanline starts with filter type 0 (none): mask rows are long runs that deflate well as is.
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return assemble(width, height, 8, raw);
}

/**
 * Encodes `mask` as a 1-bit greyscale PNG: white (fill) where a value is at least `threshold`, else
 * black. Thresholding and packing happen in one pass, and deflate sees an eighth of the bytes, which
 * is what keeps a 4096² export fast. Decoders (browsers, sharp) read it back as 0/255.
 */
export async function encodeBilevelPng(
  mask: Uint8Array,
  width: number,
  height: number,
  threshold: number,
): Promise<Uint8Array> {
  const stride = Math.ceil(width / 8) + 1;
  const raw = new Uint8Array(stride * height);
  const whole = width >> 3;
  for (let y = 0; y < height; y++) {
    let i = y * width;
    let o = y * stride + 1; // raw[o - 1] stays 0: filter type none
    for (let b = 0; b < whole; b++, i += 8) {
      raw[o++] =
        ((mask[i]! >= threshold ? 128 : 0) |
          (mask[i + 1]! >= threshold ? 64 : 0) |
          (mask[i + 2]! >= threshold ? 32 : 0) |
          (mask[i + 3]! >= threshold ? 16 : 0) |
          (mask[i + 4]! >= threshold ? 8 : 0) |
          (mask[i + 5]! >= threshold ? 4 : 0) |
          (mask[i + 6]! >= threshold ? 2 : 0) |
          (mask[i + 7]! >= threshold ? 1 : 0)) >>>
        0;
    }
    if (width & 7) {
      let byte = 0;
      for (let bit = 7; i < (y + 1) * width; i++, bit--) if (mask[i]! >= threshold) byte |= 1 << bit;
      raw[o] = byte;
    }
  }
  return assemble(width, height, 1, raw);
}

async function assemble(
  width: number,
  height: number,
  bitDepth: 1 | 8,
  raw: Uint8Array,
): Promise<Uint8Array> {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = bitDepth;
  ihdr[9] = 0; // colour type: greyscale
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
