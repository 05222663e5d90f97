import { diffusionFill } from './diffusion.ts';
import { chooseMethod } from './method.ts';
import { DEFAULT_PATCHMATCH, NoSourcesError, patchMatchFill } from './patchmatch.ts';
import type { FillEngine } from './types.ts';

export * from './types.ts';
export { chooseMethod } from './method.ts';
export { Team } from './team.ts';

/**
 * The local engine. 'auto' (the default) runs PatchMatch completion, or the diffusion fill for thin
 * scratches; a hole that leaves no source patches also falls back to diffusion.
 */
export const fill: FillEngine = (params, hooks) => {
  const { image, mask, seed } = params;
  if (chooseMethod(params.method, mask, image.width, image.height) === 'diffusion') {
    return diffusionFill(image, mask, hooks);
  }
  try {
    return patchMatchFill(image, mask, seed, hooks, DEFAULT_PATCHMATCH, params.threads ?? 1);
  } catch (err) {
    if (err instanceof NoSourcesError) return diffusionFill(image, mask, hooks);
    throw err;
  }
};
