import { Hono } from 'hono';
import { z } from 'zod';
import { JobStatus, ProviderId } from '../contract/index.ts';
import { AppError } from '../errors.ts';
import { MAX_FEATHER_PX, recomposite, withFeather } from '../results/enrich.ts';
import { jobZip } from '../results/zip.ts';
import { DEFAULT_PAGE, MAX_PAGE } from '../storage/jobs.ts';
import type { AppDeps } from './deps.ts';
import { jobEvents } from './events.ts';
import { validate } from './validate.ts';

const JobIdParam = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a job id'),
});

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  cursor: z.string().min(1).max(512).optional(),
  provider: ProviderId.optional(),
  /** One status or several, comma-separated: `status=failed,cancelled`. */
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(JobStatus).max(5))
    .optional(),
  q: z.string().trim().max(200).optional(),
});

const OutputParam = JobIdParam.extend({ index: z.coerce.number().int().min(0).max(99) });
const FeatherQuery = z.object({ featherPx: z.coerce.number().int().min(0).max(MAX_FEATHER_PX) });
const ZipQuery = FeatherQuery.partial();

const MAX_BULK_DELETE = 500;
const BulkDelete = z.object({ ids: z.array(JobIdParam.shape.id).min(1).max(MAX_BULK_DELETE) }).strict();

export function jobRoutes(deps: AppDeps) {
  const { registry, runner } = deps;
  const load = async (id: string) => {
    const job = await registry.get(id);
    if (!job) throw new AppError('not_found', `No job with id ${id}.`);
    return job;
  };
  return (
    new Hono()
      .get('/', validate('query', ListQuery), async (c) => {
        const { limit, cursor, provider, status, q } = c.req.valid('query');
        return c.json(await registry.list(limit, cursor, { provider, status, q: q || undefined }));
      })
      // Deletes many jobs at once (history "delete selected"); unknown ids are reported, not an error.
      .post('/delete', validate('json', BulkDelete), async (c) => {
        const deleted: string[] = [];
        const notFound: string[] = [];
        for (const id of new Set(c.req.valid('json').ids)) {
          if (registry.isLive(id)) await runner.cancel(id).catch(() => undefined);
          if (await registry.delete(id)) deleted.push(id);
          else notFound.push(id);
        }
        return c.json({ deleted, notFound });
      })
      .get('/:id', validate('param', JobIdParam), async (c) => c.json(await load(c.req.valid('param').id)))
      // The composite of one output with the user's feather (0–32 px); the leak figure is unaffected.
      .get(
        '/:id/outputs/:index/composite',
        validate('param', OutputParam),
        validate('query', FeatherQuery),
        async (c) => {
          const { id, index } = c.req.valid('param');
          const stored = await registry.getStored(id);
          const out = stored?.job.outputs[index];
          if (!stored || !out) throw new AppError('not_found', `Job ${id} has no output ${index}.`);
          const { featherPx } = c.req.valid('query');
          const composite =
            out.composite?.featherPx === featherPx
              ? out.composite
              : await recomposite(deps.images, stored.job, stored.maskId, out, featherPx);
          if (!composite)
            throw new AppError(
              'conflict',
              'This output has no composite: its shape differs from the source.',
            );
          return c.json(composite);
        },
      )
      // `?featherPx=` makes the ZIP's composites with the feather the user chose.
      .get('/:id/zip', validate('param', JobIdParam), validate('query', ZipQuery), async (c) => {
        const { id } = c.req.valid('param');
        const { featherPx } = c.req.valid('query');
        const stored = await registry.getStored(id);
        if (!stored) throw new AppError('not_found', `No job with id ${id}.`);
        const job =
          featherPx === undefined
            ? stored.job
            : await withFeather(deps.images, stored.job, stored.maskId, featherPx);
        const zip = await jobZip(deps.images, job);
        c.header('Content-Type', 'application/zip');
        c.header('Content-Disposition', `attachment; filename="maskfill-${job.id}.zip"`);
        c.header('Cache-Control', 'no-store');
        return c.body(zip as Uint8Array<ArrayBuffer>, 200);
      })
      .get('/:id/events', validate('param', JobIdParam), async (c) => {
        const job = await load(c.req.valid('param').id);
        return jobEvents(c, deps, job);
      })
      .post('/:id/cancel', validate('param', JobIdParam), async (c) => {
        const { id } = c.req.valid('param');
        await load(id);
        return c.json(await runner.cancel(id), 202);
      })
      .delete('/:id', validate('param', JobIdParam), async (c) => {
        const { id } = c.req.valid('param');
        await load(id);
        // Outputs stay: images are content-addressed and may be shared with other jobs.
        if (registry.isLive(id)) await runner.cancel(id).catch(() => undefined);
        await registry.delete(id);
        return c.body(null, 204);
      })
  );
}
