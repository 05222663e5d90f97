import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ImageSink, StoredImage } from '../../src/providers/interface.ts';

/** A content-addressed image store in a temp dir, like the server's (sha-256 id, decoded size). */
export function createTempSink(dir: string): ImageSink & { stored: Map<string, StoredImage> } {
  const stored = new Map<string, StoredImage>();
  return {
    stored,
    async put(bytes) {
      const id = createHash('sha256').update(bytes).digest('hex');
      const meta = await sharp(bytes).metadata();
      const contentType =
        meta.format === 'png' ? 'image/png' : meta.format === 'webp' ? 'image/webp' : 'image/jpeg';
      const path = join(dir, id);
      await writeFile(path, bytes);
      const image: StoredImage = {
        id,
        path,
        width: meta.width,
        height: meta.height,
        contentType,
        bytes: bytes.length,
      };
      stored.set(id, image);
      return image;
    },
    get: (id) => Promise.resolve(stored.get(id) ?? null),
    urlFor: (id) => `/api/images/${id}`,
  };
}
