import type { ProviderId, Size } from '@maskfill/server/contract';

/**
 * What each provider does to the image and mask it is sent, as the server implements it. The page has
 * no other source for these (`/api/providers` describes sizes and options, not input rules), so they
 * mirror the server and `providerRules.test.ts` checks them against the server's own constants.
 */
export interface ProviderRules {
  /** Long side below this is scaled up (image and mask together) before sending. */
  minLongSide: number | null;
  /** The server refuses a mask that covers every pixel (the local engine needs pixels to copy from). */
  refusesFullMask: boolean;
  /**
   * How an output of another aspect ratio relates to the source: `cover` = scaled to fill the output,
   * the overflow cropped from the centre; `unknown` = the upstream does not document it.
   */
  fit: 'cover' | 'unknown';
}

export const PROVIDER_RULES: Record<ProviderId, ProviderRules> = {
  // server/src/providers/local: validateMask refuses filled >= total; pixels.ts resizes with fit 'cover'.
  local: { minLongSide: null, refusesFullMask: true, fit: 'cover' },
  // server/src/providers/firefly: config.ts MIN_LONG_SIDE, prepare.ts scales source + mask to it.
  firefly: { minLongSide: 600, refusesFullMask: false, fit: 'unknown' },
  // server/src/providers/fal: output keeps the source size (validate refuses any other size).
  fal: { minLongSide: null, refusesFullMask: false, fit: 'cover' },
};

/** The size Firefly's prepare step scales a small source (and its mask) to: long side = `min`. */
export function scaledToMinLongSide(image: Size, min: number | null): Size {
  const long = Math.max(image.width, image.height);
  if (min === null || long >= min) return { width: image.width, height: image.height };
  return {
    width: Math.max(1, Math.round((image.width * min) / long)),
    height: Math.max(1, Math.round((image.height * min) / long)),
  };
}
