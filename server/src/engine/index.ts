import { diffusionFill } from './diffusion.ts';
import type { FillEngine } from './types.ts';

export * from './types.ts';

/**
 * Picks the method. Until the PatchMatch engine lands (issue 3) every method runs the diffusion fill;
 * the seed is accepted so callers and tests already treat fills as seeded.
 */
export const fill: FillEngine = (params, hooks) => diffusionFill(params.image, params.mask, hooks);
