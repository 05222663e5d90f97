import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
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
});

export function jobRoutes(deps: AppDeps) {
  const { registry, runner } = deps;
  const load = async (id: string) => {
    const job = await registry.get(id);
    if (!job) throw new AppError('not_found', `No job with id ${id}.`);
    return job;
  };
  return new Hono()
    .get('/', validate('query', ListQuery), async (c) => {
      const { limit, cursor } = c.req.valid('query');
      return c.json(await registry.list(limit, cursor));
    })
    .get('/:id', validate('param', JobIdParam), async (c) => c.json(await load(c.req.valid('param').id)))
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
    });
}
