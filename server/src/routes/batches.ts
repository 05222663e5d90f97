import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { BatchRequest, MarkRequest, type BatchSummary, type ProviderLimits } from '../contract/index.ts';
import { AppError } from '../errors.ts';
import { createBatch, hydrateBatch } from '../jobs/batches.ts';
import type { StoredBatch } from '../storage/batches.ts';
import type { AppDeps } from './deps.ts';
import { batchEvents } from './events.ts';
import { validate } from './validate.ts';

const MAX_JSON_BYTES = 256 * 1024;

const limitJson = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  onError: () => {
    throw new AppError('payload_too_large', `The request body is larger than ${MAX_JSON_BYTES / 1024} KB.`);
  },
});

const IdParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a batch id') });
const CellParam = IdParam.extend({ cellId: z.string().regex(/^c\d{1,4}$/, 'must be a cell id') });

const summary = (b: StoredBatch): BatchSummary => ({
  id: b.id,
  name: b.name,
  createdAt: b.createdAt,
  rerunOf: b.rerunOf,
  cellCount: b.cells.length,
  passed: b.cells.filter((c) => c.mark === 'pass').length,
  failed: b.cells.filter((c) => c.mark === 'fail').length,
});

/** QA batches: a prompt × seed × provider matrix of ordinary jobs, with marks and re-runs. */
export function batchRoutes(deps: AppDeps) {
  const { batches } = deps;
  // Marks are read-modify-write on one JSON row: one at a time, so two quick marks both stick.
  let writes: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = writes.then(fn, fn);
    writes = next.catch(() => undefined);
    return next;
  };
  const load = async (id: string) => {
    const batch = await batches.get(id);
    if (!batch) throw new AppError('not_found', `No batch with id ${id}.`);
    return batch;
  };
  return new Hono()
    .get('/', async (c) => c.json({ batches: (await batches.list()).map(summary) }))
    .get('/limits', async (c) => {
      const limits: ProviderLimits['limits'] = [...deps.providers.values()].map((p) => ({
        provider: p.id,
        concurrency: p.limits.concurrency,
        requestsPerMinute: p.limits.requestsPerMinute ?? null,
      }));
      return c.json({ limits } satisfies ProviderLimits);
    })
    .post('/', limitJson, validate('json', BatchRequest), async (c) => {
      const batch = await createBatch(deps, c.req.valid('json'));
      c.header('Location', `/api/batches/${batch.id}`);
      return c.json(await hydrateBatch(deps, batch), 201);
    })
    .get('/:id', validate('param', IdParam), async (c) =>
      c.json(await hydrateBatch(deps, await load(c.req.valid('param').id))),
    )
    .get('/:id/events', validate('param', IdParam), async (c) =>
      batchEvents(c, deps, await load(c.req.valid('param').id)),
    )
    .post('/:id/rerun', validate('param', IdParam), async (c) => {
      const earlier = await load(c.req.valid('param').id);
      const batch = await createBatch(deps, earlier.request, { rerunOf: earlier.id });
      c.header('Location', `/api/batches/${batch.id}`);
      return c.json(await hydrateBatch(deps, batch), 201);
    })
    .put(
      '/:id/cells/:cellId/mark',
      validate('param', CellParam),
      limitJson,
      validate('json', MarkRequest),
      async (c) => {
        const { id, cellId } = c.req.valid('param');
        const { mark, note } = c.req.valid('json');
        const batch = await serial(async () => {
          const b = await load(id);
          const cell = b.cells.find((x) => x.id === cellId);
          if (!cell) throw new AppError('not_found', `Batch ${id} has no cell ${cellId}.`);
          cell.mark = mark;
          cell.note = note;
          await batches.update(b);
          return b;
        });
        return c.json(await hydrateBatch(deps, batch));
      },
    )
    .delete('/:id', validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      await load(id);
      // Jobs stay in history; only the grouping and marks go.
      await batches.delete(id);
      return c.body(null, 204);
    });
}
