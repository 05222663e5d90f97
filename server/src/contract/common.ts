import { z } from 'zod';

/** Content-addressed image id: the lowercase hex sha-256 of the bytes. */
export const ImageId = z.string().regex(/^[a-f0-9]{64}$/, 'must be a 64-character hex image id');
export type ImageId = z.infer<typeof ImageId>;

export const ProviderId = z.enum(['local', 'firefly', 'fal']);
export type ProviderId = z.infer<typeof ProviderId>;

export const Size = z.object({
  width: z.number().int().min(1).max(8192),
  height: z.number().int().min(1).max(8192),
});
export type Size = z.infer<typeof Size>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Health = z.object({ status: z.literal('ok'), version: z.string() });
export type Health = z.infer<typeof Health>;
