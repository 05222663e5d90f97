import sharp from 'sharp';
import type { Job, JobOutput } from '../contract/index.ts';
import type { ImageSink, StoredImage } from '../providers/interface.ts';
import { compositeOver, featherMask, measureLeak, type Rgba } from './pixels.ts';

/** Feather of the composite's mask edge, in output pixels: enough to hide a seam, small enough to keep detail. */
export const DEFAULT_FEATHER_PX = 2;
/** A channel must move by more than this (of 255) to count as changed: JPEG/resampling noise stays below. */
export const LEAK_THRESHOLD = 16;
/** Outputs whose aspect ratio differs from the source's by more than this are not composited. */
const ASPECT_TOLERANCE = 0.01;

export interface EnrichOptions {
  featherPx?: number;
  threshold?: number;
  log?: (msg: string) => void;
}

/**
 * Adds the composite (output kept inside the mask, source outside) and the leak measurement to each
 * output of a finished job. An output that cannot be measured (other aspect ratio, unreadable) is
 * returned unchanged, and the job still succeeds.
 */
export async function enrichOutputs(
  images: ImageSink,
  job: Job,
  maskId: string | null,
  outputs: JobOutput[],
  opts: EnrichOptions = {},
): Promise<JobOutput[]> {
  const featherPx = opts.featherPx ?? DEFAULT_FEATHER_PX;
  const threshold = opts.threshold ?? LEAK_THRESHOLD;
  const source = await images.get(job.request.imageId);
  const mask = maskId ? await images.get(maskId) : null;
  if (!source || !mask) return outputs;
  const result: JobOutput[] = [];
  for (const out of outputs) {
    try {
      result.push(await enrichOne(images, source, mask, out, featherPx, threshold));
    } catch (err) {
      opts.log?.(`job ${job.id}: could not composite output ${out.imageId}: ${String(err)}`);
      result.push(out);
    }
  }
  return result;
}

async function enrichOne(
  images: ImageSink,
  source: StoredImage,
  mask: StoredImage,
  out: JobOutput,
  featherPx: number,
  threshold: number,
): Promise<JobOutput> {
  const stored = await images.get(out.imageId);
  if (!stored) return out;
  const { width, height } = stored;
  const sourceAspect = source.width / source.height;
  if (Math.abs(width / height - sourceAspect) / sourceAspect > ASPECT_TOLERANCE) return out;
  const [src, outRgba, hardMask] = await Promise.all([
    decodeRgba(source.path, width, height),
    decodeRgba(stored.path, width, height),
    decodeMask(mask.path, width, height),
  ]);
  const composite = compositeOver(src, outRgba, featherMask(hardMask, width, height, featherPx));
  const leak = measureLeak(src, outRgba, hardMask, threshold);
  const [compositeImage, heatmapImage] = await Promise.all([
    images.put(await encodePng(composite), 'image/png'),
    images.put(await encodePng(leak.heatmap), 'image/png'),
  ]);
  return {
    ...out,
    composite: { imageId: compositeImage.id, url: images.urlFor(compositeImage.id), featherPx },
    leak: {
      changedFraction: leak.changedFraction,
      threshold,
      outsidePixels: leak.outside,
      heatmapImageId: heatmapImage.id,
      heatmapUrl: images.urlFor(heatmapImage.id),
    },
  };
}

/** Decodes as displayed (EXIF applied) to RGBA at the given size (resampled when it differs). */
export async function decodeRgba(path: string, width: number, height: number): Promise<Rgba> {
  const { data, info } = await sharp(path)
    .autoOrient()
    .resize(width, height, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

/** The normalised mask (greyscale, 255 = fill) at the given size, thresholded back to hard 0/255. */
async function decodeMask(path: string, width: number, height: number): Promise<Uint8Array> {
  // Nearest neighbour: a resampled mask keeps its edge where it was instead of growing a ringing column.
  const { data } = await sharp(path)
    .resize(width, height, { fit: 'fill', kernel: 'nearest' })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i]! >= 128 ? 255 : 0;
  return mask;
}

export async function encodePng({ data, width, height }: Rgba): Promise<Uint8Array> {
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
}
