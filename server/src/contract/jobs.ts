import { z } from 'zod';
import { ImageId, ProviderId } from './common.ts';
import { FillRequest } from './fills.ts';

export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;
export const TERMINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];
export const isTerminal = (s: JobStatus): boolean => TERMINAL_STATUSES.includes(s);

/** A result pasted over the source through the mask feathered by `featherPx` (GET …/outputs/:n/composite). */
export const OutputComposite = z.object({
  imageId: ImageId,
  url: z.string(),
  featherPx: z.number().nonnegative(),
});
export type OutputComposite = z.infer<typeof OutputComposite>;

export const JobOutput = z.object({
  imageId: ImageId,
  url: z.string(),
  seed: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Provider safety flag (fal `has_nsfw_concepts`): the UI marks it instead of showing a silent black image. */
  nsfw: z.boolean().optional(),
  /** The output pasted over the source through the (feathered) mask: pixels outside stay the source's. */
  composite: z.object({ imageId: ImageId, url: z.string(), featherPx: z.number().nonnegative() }).optional(),
  /** Where the raw output changed pixels outside the mask (providers resample the whole frame). */
  leak: z
    .object({
      /** Outside-mask pixels whose largest channel difference exceeds `threshold` (0..255), over all outside pixels. */
      changedFraction: z.number().min(0).max(1),
      threshold: z.number().int().min(0).max(255),
      outsidePixels: z.number().int().nonnegative(),
      heatmapImageId: ImageId,
      heatmapUrl: z.string(),
    })
    .optional(),
});
export type JobOutput = z.infer<typeof JobOutput>;

export const JobError = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
});
export type JobError = z.infer<typeof JobError>;

export const Job = z.object({
  id: z.string(),
  provider: ProviderId,
  status: JobStatus,
  revision: z.number().int().nonnegative(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  request: FillRequest,
  progress: z.number().min(0).max(1).optional(),
  queuePosition: z.number().int().nonnegative().optional(),
  outputs: z.array(JobOutput),
  error: JobError.optional(),
  /** Things the server did on the user's behalf (e.g. "scaled to 600 px for Firefly"), and upstream logs. */
  notes: z.array(z.string()).optional(),
});
export type Job = z.infer<typeof Job>;

export const JobList = z.object({
  jobs: z.array(Job),
  nextCursor: z.string().nullable(),
});
export type JobList = z.infer<typeof JobList>;
