import sharp from 'sharp';
import type { Job, JobOutput } from '../contract/index.ts';
import type { ImageSink, StoredImage } from '../providers/interface.ts';
import type { Rgba } from './pixels.ts';
import { resultMaths } from './pool.ts';

/** Feather of the composite's mask edge, in output pixels: enough to hide a seam, small enough to keep detail. */
export const DEFAULT_FEATHER_PX = 2;
/** The largest feather a user may ask for (a wider one would blur the fill into the kept area). */
export const MAX_FEATHER_PX = 32;
/** A channel must move by more than this (of 255) to count as changed: JPEG/resampling noise stays below. */
export const LEAK_THRESHOLD = 16;
/** Outputs whose aspect ratio differs from the source's by more than this are not composited. */
const ASPECT_TOLERANCE = 0.01;

export interface EnrichOptions {
  featherPx?: number;
  threshold?: number;
  log?: (msg: string) => void;
}

export type Composite = NonNullable<JobOutput['composite']>;

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
  const inputs = await rasters(source, mask, stored);
  if (!inputs) return out;
  const maths = await resultMaths({ ...inputs, featherPx, threshold });
  const leak = maths.leak!;
  const [compositeImage, heatmapImage] = await Promise.all([
    images.put(await encodePng(maths.composite), 'image/png'),
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

/**
 * The composite of one output with another feather (the leak figure does not change: it is measured
 * against the hard mask). Content-addressed, so asking twice stores one image. Null when the output
 * cannot be composited (another aspect ratio, or an image is gone).
 */
export async function recomposite(
  images: ImageSink,
  job: Job,
  maskId: string | null,
  out: JobOutput,
  featherPx: number,
): Promise<Composite | null> {
  const [source, mask, stored] = await Promise.all([
    images.get(job.request.imageId),
    maskId ? images.get(maskId) : null,
    images.get(out.imageId),
  ]);
  if (!source || !mask || !stored) return null;
  const inputs = await rasters(source, mask, stored);
  if (!inputs) return null;
  const { composite } = await resultMaths({ ...inputs, featherPx, threshold: null });
  const image = await images.put(await encodePng(composite), 'image/png');
  return { imageId: image.id, url: images.urlFor(image.id), featherPx };
}

/** Source, output and mask decoded at the output's size; null for an output of another aspect ratio. */
async function rasters(source: StoredImage, mask: StoredImage, output: StoredImage) {
  const { width, height } = output;
  const sourceAspect = source.width / source.height;
  if (Math.abs(width / height - sourceAspect) / sourceAspect > ASPECT_TOLERANCE) return null;
  const [src, out, m] = await Promise.all([
    decodeRgba(source.path, width, height),
    decodeRgba(output.path, width, height),
    decodeMaskChannel(mask.path, width, height),
  ]);
  return { source: src, output: out, mask: m };
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

/** The normalised mask's first channel (255 = fill) at the given size; the worker thresholds it. */
async function decodeMaskChannel(path: string, width: number, height: number): Promise<Uint8Array> {
  // Nearest neighbour: a resampled mask keeps its edge where it was instead of growing a ringing column.
  const data = await sharp(path)
    .resize(width, height, { fit: 'fill', kernel: 'nearest' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

export async function encodePng({ data, width, height }: Rgba): Promise<Uint8Array> {
  // A view over shared memory is fine for sharp once wrapped as a Buffer (no copy).
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.length), {
    raw: { width, height, channels: 4 },
  })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** The job with every composite made at `featherPx` instead of the stored one (for the job ZIP). */
export async function withFeather(
  images: ImageSink,
  job: Job,
  maskId: string | null,
  featherPx: number,
): Promise<Job> {
  const outputs: JobOutput[] = [];
  for (const out of job.outputs) {
    if (!out.composite || out.composite.featherPx === featherPx) outputs.push(out);
    else
      outputs.push({
        ...out,
        composite: (await recomposite(images, job, maskId, out, featherPx)) ?? out.composite,
      });
  }
  return { ...job, outputs };
}
