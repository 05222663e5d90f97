import type { ProviderInfo } from '../../contract/index.ts';

export const METHODS = ['auto', 'patchmatch', 'diffusion'] as const;

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
};
