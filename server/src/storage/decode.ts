import sharp, { type Metadata } from 'sharp';
import type { ImageContentType } from '../contract/index.ts';
import { AppError } from '../errors.ts';
import { FORMAT_NAMES } from './sniff.ts';

/** Longest side we accept; also bounds the pixel count sharp may decode (a header can claim anything). */
export const MAX_IMAGE_SIDE = 8192;
export const MAX_IMAGE_PIXELS = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE;
export const MIN_IMAGE_SIDE = 16;

const SHARP_FORMATS: Record<ImageContentType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
};

/** Dimensions as displayed (EXIF orientation applied), after a full decode that fails on truncation. */
export async function checkDecodes(
  path: string,
  type: ImageContentType,
): Promise<{ width: number; height: number }> {
  const options = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated' as const };
  let meta: Metadata;
  try {
    // Header only: the dimensions are checked below before anything is decoded.
    meta = await sharp(path, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw new AppError(
      'invalid_image',
      `The ${FORMAT_NAMES[type]} file could not be read: it may be damaged.`,
    );
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (meta.format !== SHARP_FORMATS[type] || !width || !height) {
    throw new AppError('invalid_image', `The file could not be read as a ${FORMAT_NAMES[type]} image.`);
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new AppError(
      'invalid_image',
      `The image is ${width}×${height}; the largest side accepted is ${MAX_IMAGE_SIDE} px.`,
    );
  }
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) {
    throw new AppError(
      'invalid_image',
      `The image is ${width}×${height}; each side must be at least ${MIN_IMAGE_SIDE} px.`,
    );
  }
  try {
    // A real decode of every pixel: catches truncated or corrupt data the header does not show.
    await sharp(path, options).stats();
  } catch {
    throw new AppError(
      'invalid_image',
      `The ${FORMAT_NAMES[type]} image is damaged or incomplete and could not be decoded.`,
    );
  }
  return { width, height };
}
