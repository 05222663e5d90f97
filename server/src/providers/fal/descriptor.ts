import type { ProviderInfo, ProviderInputs } from '../../contract/index.ts';
import { FAL_OPTION_SPECS } from './options.ts';

export const FAL_ENDPOINT = 'fal-ai/flux-pro/v1/fill';
export const FAL_USD_PER_MEGAPIXEL = 0.05;

/** Sent as is, any mask; validate refuses an output size other than the source's, so no fit applies. */
export const FAL_INPUTS: ProviderInputs = { minLongSide: null, refusesFullMask: false, fit: null };

/** What `/api/providers` shows for fal; `unavailableReason` when FAL_KEY is missing. */
export function falDescriptor(unavailableReason?: string): ProviderInfo {
  return {
    id: 'fal',
    label: 'FLUX.1 [pro] Fill (fal)',
    available: unavailableReason === undefined,
    ...(unavailableReason === undefined ? {} : { unavailableReason }),
    sizes: null,
    anySize: false,
    maxVariations: 4,
    promptRequired: true,
    usesPrompt: true,
    supports: { negativePrompt: false, seeds: true, locale: false, cancel: 'before_start' },
    options: FAL_OPTION_SPECS,
    pricing: { usdPerMegapixelPerImage: FAL_USD_PER_MEGAPIXEL },
    inputs: FAL_INPUTS,
  };
}
