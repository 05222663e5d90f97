import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { StoredImage } from '../interface.ts';
import { MAX_UPLOAD_BYTES, MIN_LONG_SIDE } from './config.ts';

/** Bytes ready for `POST /v2/storage/image`, with the key they are cached under. */
export interface Uploadable {
  key: string;
  bytes: Uint8Array;
  contentType: StoredImage['contentType'];
  width: number;
  height: number;
}

export interface PreparedPair {
  source: Uploadable;
  mask: Uploadable;
  notes: string[];
}

/**
 * Source and mask as Firefly takes them: same pixel size, long side ≥ 600 px (both scaled together when
 * smaller; the mask stays hard black and white), each at most 15 MB (re-encoded when larger).
 */
export async function preparePair(
  image: StoredImage,
  mask: StoredImage,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<PreparedPair> {
  const notes: string[] = [];
  const long = Math.max(image.width, image.height);
  if (long >= MIN_LONG_SIDE) {
    const source = await fitUpload(image.id, await readFile(image.path), image, notes, maxBytes);
    const maskUp = await fitUpload(mask.id, await readFile(mask.path), mask, notes, maxBytes);
    return { source, mask: maskUp, notes };
  }
  const scale = MIN_LONG_SIDE / long;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const scaled = await sharp(image.path)
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .png()
    .toBuffer();
  const scaledMask = await sharp(mask.path)
    .resize(width, height, { fit: 'fill', kernel: 'nearest' })
    .greyscale()
    .threshold(128)
    .png()
    .toBuffer();
  notes.push(
    `Scaled the source and mask from ${image.width}×${image.height} to ${width}×${height} for Adobe Firefly, which needs at least ${MIN_LONG_SIDE} px on the long side.`,
  );
  const dims = { width, height };
  const source = await fitUpload(
    `${image.id}@${width}x${height}`,
    scaled,
    { ...dims, contentType: 'image/png' },
    notes,
    maxBytes,
  );
  const maskUp = await fitUpload(
    `${mask.id}@${width}x${height}`,
    scaledMask,
    { ...dims, contentType: 'image/png' },
    notes,
    maxBytes,
  );
  return { source, mask: maskUp, notes };
}

async function fitUpload(
  key: string,
  bytes: Uint8Array,
  info: Pick<StoredImage, 'width' | 'height' | 'contentType'>,
  notes: string[],
  maxBytes: number,
): Promise<Uploadable> {
  const base = { key, width: info.width, height: info.height };
  if (bytes.byteLength <= maxBytes) return { ...base, bytes, contentType: info.contentType };
  // Same pixels, smaller file: JPEG at falling quality (Firefly takes jpeg/png/webp).
  for (const quality of [92, 85, 75, 60]) {
    const out = await sharp(bytes).flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer();
    if (out.byteLength <= maxBytes) {
      notes.push(
        `Re-encoded an image of ${(bytes.byteLength / 1048576).toFixed(1)} MB as JPEG (quality ${quality}) to fit Adobe Firefly's ${Math.round(maxBytes / 1048576)} MB upload limit.`,
      );
      return {
        key: `${key}#jpeg${quality}`,
        ...{ width: info.width, height: info.height },
        bytes: out,
        contentType: 'image/jpeg',
      };
    }
  }
  throw new Error(`image ${key} cannot be re-encoded under ${maxBytes} bytes`);
}
