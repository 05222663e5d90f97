import { z } from 'zod';
import { ImageId, ProviderId, Size } from './common.ts';
import { MAX_PROMPT_CHARS, MAX_SEED } from './fills.ts';
import { Job } from './jobs.ts';

/** A QA batch is at most this many cells (prompts × seeds × providers). */
export const MAX_BATCH_CELLS = 200;

export const CellMark = z.enum(['pass', 'fail']);
export type CellMark = z.infer<typeof CellMark>;

export const BatchRequest = z
  .object({
    imageId: ImageId,
    maskId: ImageId,
    prompts: z
      .array(z.string().trim().max(MAX_PROMPT_CHARS, `must be at most ${MAX_PROMPT_CHARS} characters`))
      .min(1)
      .max(50),
    seeds: z.array(z.number().int().min(0).max(MAX_SEED)).min(1).max(50),
    providers: z.array(ProviderId).min(1).max(3),
    size: Size.optional(),
    /** Provider options per provider id, as in FillRequest.options. */
    options: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    name: z.string().trim().max(200).optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if (new Set(req.seeds).size !== req.seeds.length)
      ctx.addIssue({ code: 'custom', path: ['seeds'], message: 'seeds must be unique' });
    if (new Set(req.providers).size !== req.providers.length)
      ctx.addIssue({ code: 'custom', path: ['providers'], message: 'providers must be unique' });
    const cells = req.prompts.length * req.seeds.length * req.providers.length;
    if (cells > MAX_BATCH_CELLS)
      ctx.addIssue({
        code: 'custom',
        path: ['prompts'],
        message: `${cells} cells requested; a batch holds at most ${MAX_BATCH_CELLS}`,
      });
  });
export type BatchRequest = z.infer<typeof BatchRequest>;

export const BatchCell = z.object({
  id: z.string(),
  prompt: z.string(),
  seed: z.number().int(),
  provider: ProviderId,
  jobId: z.string(),
  mark: CellMark.nullable(),
  note: z.string(),
  /** The job as it is now; null when it was deleted from history. */
  job: Job.nullable(),
});
export type BatchCell = z.infer<typeof BatchCell>;

export const Batch = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  request: BatchRequest,
  /** The batch this one re-runs, for comparison. */
  rerunOf: z.string().nullable(),
  cells: z.array(BatchCell),
});
export type Batch = z.infer<typeof Batch>;

/**
 * `GET /api/batches/:id/events` (SSE): `event: batch` (the whole batch, once, at connect), then
 * `event: cell` with this for every job transition of a cell, and `event: end` when every cell is final.
 */
export const BatchCellEvent = z.object({ cellId: z.string(), job: Job });
export type BatchCellEvent = z.infer<typeof BatchCellEvent>;

export const BatchSummary = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  rerunOf: z.string().nullable(),
  cellCount: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
});
export type BatchSummary = z.infer<typeof BatchSummary>;

export const BatchList = z.object({ batches: z.array(BatchSummary) });
export type BatchList = z.infer<typeof BatchList>;

export const MarkRequest = z
  .object({ mark: CellMark.nullable(), note: z.string().max(2000).default('') })
  .strict();
export type MarkRequest = z.infer<typeof MarkRequest>;

/** Admission limits per provider (GET /api/batches/limits), for the time estimate before submitting. */
export const ProviderLimits = z.object({
  limits: z.array(
    z.object({
      provider: ProviderId,
      concurrency: z.number().int().positive(),
      requestsPerMinute: z.number().positive().nullable(),
    }),
  ),
});
export type ProviderLimits = z.infer<typeof ProviderLimits>;
