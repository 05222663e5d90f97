import type { ProviderInfo, ProviderInputs, Size } from '@maskfill/server/contract';
import type { MaskStats } from './maskStats.ts';

/** At or above this share of fill pixels the mask "covers nearly everything". */
export const NEARLY_FULL = 0.95;
/** Relative aspect difference below which two sizes count as the same shape (as the results view does). */
export const ASPECT_TOLERANCE = 0.01;

export type WarningCode =
  'mask-empty' | 'mask-full' | 'mask-nearly-full' | 'aspect-mismatch' | 'below-min-side';

export interface PreflightWarning {
  code: WarningCode;
  /** `block`: the server would refuse the fill, so Generate explains instead of sending. */
  severity: 'block' | 'warn';
  message: string;
}

/** A rectangle in image pixels; a letterbox frame reaches outside the image (negative x or y). */
export interface FrameRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface OutputFrame {
  /** The part of the image that fills the output (the rest is cropped). */
  cover: FrameRect;
  /** The output's area around the whole image (the bars beyond the image are padding). */
  contain: FrameRect;
  aspectDiffers: boolean;
}

export interface Preflight {
  /** Pixel size of the image and mask as the provider receives them. */
  sendSize: Size;
  scaledUp: boolean;
  /** The size the provider is asked to return. */
  outputSize: Size;
  frame: OutputFrame;
  /** How the provider fits another aspect: `cover` crops; `unknown` is not documented upstream. */
  fit: 'cover' | 'unknown';
  /** Share of fill pixels, 0..1. */
  coverage: number;
  warnings: PreflightWarning[];
  /** The first blocking warning's message, or null. */
  blocker: string | null;
}

export interface PreflightInput {
  /** `inputs` is what `/api/providers` says the server does to the image and mask it sends. */
  provider: Pick<ProviderInfo, 'id' | 'label' | 'inputs'>;
  image: Size;
  /** The chosen output size, or null for "same as source". */
  output: Size | null;
  mask: MaskStats;
}

/** Where an `output`-sized result sits over the image, centred, for both ways of fitting it. */
export function outputFrame(image: Size, output: Size): OutputFrame {
  const centred = (scale: number): FrameRect => {
    const w = output.width / scale;
    const h = output.height / scale;
    return { x: (image.width - w) / 2, y: (image.height - h) / 2, w, h };
  };
  const sx = output.width / image.width;
  const sy = output.height / image.height;
  return {
    cover: centred(Math.max(sx, sy)),
    contain: centred(Math.min(sx, sy)),
    aspectDiffers: aspectDiffers(image, output),
  };
}

export function aspectDiffers(a: Size, b: Size): boolean {
  const ra = a.width / a.height;
  return Math.abs(b.width / b.height - ra) / ra > ASPECT_TOLERANCE;
}

/**
 * A server too old to describe its input rules: claim none (nothing scaled, no full-mask block, fit not
 * known); the server still refuses what it refuses, and the page shows that error.
 */
const UNKNOWN_INPUTS: ProviderInputs = { minLongSide: null, refusesFullMask: false, fit: 'unknown' };

/** The size a provider with a minimum long side scales a small source (and its mask) to: long side = `min`. */
export function scaledToMinLongSide(image: Size, min: number | null): Size {
  const long = Math.max(image.width, image.height);
  if (min === null || long >= min) return { width: image.width, height: image.height };
  return {
    width: Math.max(1, Math.round((image.width * min) / long)),
    height: Math.max(1, Math.round((image.height * min) / long)),
  };
}

const px = (s: Size) => `${s.width} × ${s.height}`;
const percent = (v: number) => `${Math.floor(v * 100)}%`;

/** Everything the chosen provider will receive and what to tell the user about it. */
export function preflight({ provider, image, output, mask }: PreflightInput): Preflight {
  const rules = provider.inputs ?? UNKNOWN_INPUTS;
  // null: the output always keeps the source's shape, so no other aspect reaches this provider.
  const fit = rules.fit ?? 'unknown';
  const sendSize = scaledToMinLongSide(image, rules.minLongSide);
  const scaledUp = sendSize.width !== image.width || sendSize.height !== image.height;
  const outputSize = output ?? { width: image.width, height: image.height };
  const frame = outputFrame(image, outputSize);
  const coverage = mask.total > 0 ? mask.filled / mask.total : 0;
  const warnings: PreflightWarning[] = [];

  if (mask.filled === 0) {
    warnings.push({
      code: 'mask-empty',
      severity: 'block',
      message: 'The mask is empty: paint the area to fill.',
    });
  } else if (mask.filled >= mask.total) {
    warnings.push(
      rules.refusesFullMask
        ? {
            code: 'mask-full',
            severity: 'block',
            message: `The mask covers the whole image: ${provider.label} needs some unmasked area to copy from.`,
          }
        : {
            code: 'mask-full',
            severity: 'warn',
            message:
              'The mask covers the whole image: nothing of the original is kept, so this is a new picture.',
          },
    );
  } else if (coverage >= NEARLY_FULL) {
    warnings.push({
      code: 'mask-nearly-full',
      severity: 'warn',
      message: `The mask covers ${percent(coverage)} of the image: little is left for the fill to match.`,
    });
  }

  if (frame.aspectDiffers) {
    const how =
      fit === 'cover'
        ? 'the result is cropped to the frame shown'
        : `${provider.label} does not document how it fits another shape: expect the frame shown cropped, or the image padded`;
    warnings.push({
      code: 'aspect-mismatch',
      severity: 'warn',
      message: `The output ${px(outputSize)} has another shape than the image ${px(image)}: ${how}, and it cannot be laid back over the source.`,
    });
  }

  if (scaledUp) {
    warnings.push({
      code: 'below-min-side',
      severity: 'warn',
      message: `The image is ${px(image)}; ${provider.label} needs at least ${rules.minLongSide} px on the long side, so image and mask are scaled up to ${px(sendSize)} before sending.`,
    });
  }

  const blocker = warnings.find((w) => w.severity === 'block')?.message ?? null;
  return { sendSize, scaledUp, outputSize, frame, fit, coverage, warnings, blocker };
}
