import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { StoredImage } from '../interface.ts';
import { MAX_UPLOAD_BYTES, MIN_LONG_SIDE } from './config.ts';

export interface UploadBytes {
  bytes: Uint8Array;
  contentType: StoredImage['contentType'];
}

/**
 * An image as `POST /v2/storage/image` will take it, under the key its upload id is cached by. The bytes
 * are produced only when no cached upload id exists (reading, scaling, re-encoding cost nothing then).
 */
export interface Uploadable {
  key: string;
  width: number;
  height: number;
  load(): Promise<UploadBytes>;
}

export interface PreparedPair {
  source: Uploadable;
  mask: Uploadable;
  notes: string[];
}

/**
 * Source and mask as Firefly takes them: same pixel size, long side ≥ 600 px (both scaled together when
 * smaller; the mask stays hard black and white), each at most 15 MB (re-encoded as JPEG when larger).
 */
export function preparePair(
  image: StoredImage,
  mask: StoredImage,
  maxBytes = MAX_UPLOAD_BYTES,
): PreparedPair {
  const notes: string[] = [];
  const long = Math.max(image.width, image.height);
  if (long >= MIN_LONG_SIDE) {
    const fit = (img: StoredImage): Uploadable => {
      if (img.bytes > maxBytes) {
        notes.push(
          `Re-encoded a ${(img.bytes / 1048576).toFixed(1)} MB image as JPEG to fit Adobe Firefly's ${Math.round(maxBytes / 1048576)} MB upload limit.`,
        );
      }
      return {
        key: img.id,
        width: img.width,
        height: img.height,
        load: async () =>
          fitBytes({ bytes: await readFile(img.path), contentType: img.contentType }, maxBytes),
      };
    };
    return { source: fit(image), mask: fit(mask), notes };
  }
  const width = Math.max(1, Math.round((image.width * MIN_LONG_SIDE) / long));
  const height = Math.max(1, Math.round((image.height * MIN_LONG_SIDE) / long));
  notes.push(
    `Scaled the source and mask from ${image.width}×${image.height} to ${width}×${height} for Adobe Firefly, which needs at least ${MIN_LONG_SIDE} px on the long side.`,
  );
  const scaled = (key: string, render: () => Promise<Buffer>): Uploadable => ({
    key: `${key}@${width}x${height}`,
    width,
    height,
    load: async () => fitBytes({ bytes: await render(), contentType: 'image/png' }, maxBytes),
  });
  return {
    source: scaled(image.id, () =>
      sharp(image.path).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).png().toBuffer(),
    ),
    // Nearest-neighbour then threshold: the mask stays pure black and white.
    mask: scaled(mask.id, () =>
      sharp(mask.path)
        .resize(width, height, { fit: 'fill', kernel: 'nearest' })
        .greyscale()
        .threshold(128)
        .png()
        .toBuffer(),
    ),
    notes,
  };
}

/** Same pixels, smaller file when over the limit: JPEG at falling quality (Firefly takes jpeg/png/webp). */
async function fitBytes(input: UploadBytes, maxBytes: number): Promise<UploadBytes> {
  if (input.bytes.byteLength <= maxBytes) return input;
  for (const quality of [92, 85, 75, 60]) {
    const out = await sharp(input.bytes).flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer();
    if (out.byteLength <= maxBytes) return { bytes: out, contentType: 'image/jpeg' };
  }
  throw new Error(`image cannot be re-encoded under ${maxBytes} bytes`);
}
