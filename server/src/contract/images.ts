import { z } from 'zod';
import { ImageId } from './common.ts';

export const ImageContentType = z.enum(['image/png', 'image/jpeg', 'image/webp']);
export type ImageContentType = z.infer<typeof ImageContentType>;

export const ImageInfo = z.object({
  id: ImageId,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  contentType: ImageContentType,
  bytes: z.number().int().nonnegative(),
  url: z.string(),
});
export type ImageInfo = z.infer<typeof ImageInfo>;
