import sharp from 'sharp';
import type { Size } from '../../contract/index.ts';
import { ProviderError, type ImageSink, type StoredImage } from '../interface.ts';

/** The source as RGBA (EXIF orientation applied, as its stored size says), and whether it had alpha. */
export async function decodeSource(image: StoredImage): Promise<{ rgba: Uint8Array; hasAlpha: boolean }> {
  const input = sharp(image.path).autoOrient();
  const meta = await input.metadata();
  const { data, info } = await input.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== image.width || info.height !== image.height) {
    throw new ProviderError(
      'invalid_image',
      'The source image could not be decoded at its stored size.',
      false,
    );
  }
  return {
    rgba: new Uint8Array(data.buffer, data.byteOffset, data.length),
    hasAlpha: meta.hasAlpha === true,
  };
}

/** A filled RGBA buffer as a PNG in the store; resized (cover) to `target` when one is asked for. */
export async function encodeOutput(
  rgba: Uint8Array,
  source: StoredImage,
  hasAlpha: boolean,
  target: Size | null,
  images: ImageSink,
): Promise<StoredImage> {
  let img = sharp(rgba, { raw: { width: source.width, height: source.height, channels: 4 } });
  if (!hasAlpha) img = img.removeAlpha();
  if (target) img = img.resize(target.width, target.height, { fit: 'cover' });
  return images.put(await img.png().toBuffer(), 'image/png');
}

export const sameSize = (a: Size, b: Size) => a.width === b.width && a.height === b.height;
