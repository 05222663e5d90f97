import type { ProviderInfo, ProviderInputs } from '../../contract/index.ts';

export const METHODS = ['auto', 'patchmatch', 'diffusion'] as const;

/**
 * validateMask refuses a mask with filled >= total (the engine copies from unmasked pixels); pixels.ts
 * resizes a result to another output size with sharp's fit 'cover'; the source is sent as is.
 */
export const LOCAL_INPUTS: ProviderInputs = { minLongSide: null, refusesFullMask: true, fit: 'cover' };

export const LOCAL_INFO: ProviderInfo = {
  id: 'local',
  label: 'Local content-aware fill',
  available: true,
  sizes: null,
  anySize: true,
  maxVariations: 4,
  promptRequired: false,
  usesPrompt: false,
  supports: { negativePrompt: false, seeds: true, locale: false, cancel: 'always' },
  options: [
    {
      type: 'enum',
      key: 'method',
      label: 'Method',
      values: [
        { value: 'auto', label: 'Auto' },
        { value: 'patchmatch', label: 'PatchMatch (texture)' },
        { value: 'diffusion', label: 'Diffusion (smooth)' },
      ],
      default: 'auto',
      help: 'Copies texture from the rest of the image; the prompt is not used.',
    },
  ],
  inputs: LOCAL_INPUTS,
};
