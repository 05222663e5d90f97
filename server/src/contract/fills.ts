import { z } from 'zod';
import { ImageId, ProviderId, Size } from './common.ts';

export const MAX_PROMPT_CHARS = 1024;
export const MAX_SEED = 2_147_483_647;

// Printable text only: control characters (other than tab/newline) are refused, not stripped silently.
const promptText = z
  .string()
  .max(MAX_PROMPT_CHARS, `must be at most ${MAX_PROMPT_CHARS} characters`)
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), 'must not contain control characters');

export const FillRequest = z
  .object({
    provider: ProviderId,
    imageId: ImageId,
    maskId: ImageId,
    prompt: promptText.optional(),
    negativePrompt: promptText.optional(),
    size: Size.optional(),
    numVariations: z.number().int().min(1).max(4).optional(),
    seeds: z.array(z.number().int().min(0).max(MAX_SEED)).min(1).max(4).optional(),
    locale: z
      .string()
      .regex(/^[a-z]{2}-[A-Z]{2}$/, 'must look like en-US')
      .optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if (req.seeds && new Set(req.seeds).size !== req.seeds.length) {
      ctx.addIssue({ code: 'custom', path: ['seeds'], message: 'seeds must be unique' });
    }
    if (req.seeds && req.numVariations !== undefined && req.seeds.length !== req.numVariations) {
      ctx.addIssue({
        code: 'custom',
        path: ['seeds'],
        message: `${req.seeds.length} seeds given for ${req.numVariations} variations; give one seed per variation`,
      });
    }
  });
export type FillRequest = z.infer<typeof FillRequest>;
