import { randomUUID } from 'node:crypto';
import type { Batch, BatchRequest, FillRequest, Job, ProviderId } from '../contract/index.ts';
import { AppError } from '../errors.ts';
import { normalizeMask } from '../mask/normalize.ts';
import type { AppDeps } from '../routes/deps.ts';
import type { StoredBatch } from '../storage/batches.ts';

type Deps = Pick<AppDeps, 'images' | 'providers' | 'runner' | 'registry' | 'batches'>;

/** One cell per prompt × provider × seed, in the order the grid shows them (rows are prompts). */
export function batchCells(req: BatchRequest): { prompt: string; provider: ProviderId; seed: number }[] {
  return req.prompts.flatMap((prompt) =>
    req.providers.flatMap((provider) => req.seeds.map((seed) => ({ prompt, provider, seed }))),
  );
}

/**
 * Creates a batch: every cell is checked as POST /api/fills would check it before any job exists (a
 * batch is all or nothing), then each cell becomes an ordinary job. The runner admits them within each
 * provider's limits (concurrency, requests per minute), so there is no second scheduler here.
 */
export async function createBatch(
  deps: Deps,
  request: BatchRequest,
  opts: { rerunOf?: string; now?: () => number } = {},
): Promise<StoredBatch> {
  const { images, providers, runner } = deps;
  const image = await images.get(request.imageId);
  if (!image)
    throw new AppError('not_found', `imageId: no image with id ${request.imageId}; upload it first.`);
  const mask = await images.get(request.maskId);
  if (!mask) throw new AppError('not_found', `maskId: no image with id ${request.maskId}; upload it first.`);
  const normalized = await normalizeMask(images, mask, image);

  const specs = batchCells(request).map((cell) => {
    const fill: FillRequest = {
      provider: cell.provider,
      imageId: request.imageId,
      maskId: request.maskId,
      seeds: [cell.seed],
      numVariations: 1,
    };
    if (cell.prompt) fill.prompt = cell.prompt;
    if (request.size) fill.size = request.size;
    const options = request.options?.[cell.provider];
    if (options) fill.options = options;
    return { cell, fill };
  });

  for (const id of request.providers) {
    const provider = providers.get(id);
    if (!provider)
      throw new AppError('provider_unavailable', `The ${id} provider is not set up on this server.`);
    const info = await provider.describe();
    if (!info.available) {
      throw new AppError(
        'provider_unavailable',
        `${info.label} is not available: ${info.unavailableReason ?? 'not configured on this server.'}`,
      );
    }
    if (request.size && info.sizes && !info.anySize) {
      const { width, height } = request.size;
      if (!info.sizes.some((s) => s.width === width && s.height === height)) {
        const allowed = info.sizes.map((s) => `${s.width}×${s.height}`).join(', ');
        throw new AppError('invalid_request', `size: ${info.label} supports ${allowed}.`);
      }
    }
    for (const { fill } of specs) if (fill.provider === id) provider.validate(fill, image);
    provider.validateMask?.({
      width: normalized.image.width,
      height: normalized.image.height,
      filled: normalized.filled,
      total: normalized.total,
    });
  }

  const now = opts.now ?? Date.now;
  const cells: StoredBatch['cells'] = [];
  for (const { cell, fill } of specs) {
    const job = await runner.create({ request: fill, maskId: normalized.image.id });
    cells.push({ id: `c${cells.length}`, ...cell, jobId: job.id, mark: null, note: '' });
  }
  const createdAt = new Date(now()).toISOString();
  const batch: StoredBatch = {
    id: randomUUID(),
    name: request.name || `QA batch ${createdAt.slice(0, 16).replace('T', ' ')}`,
    createdAt,
    request,
    rerunOf: opts.rerunOf ?? null,
    cells,
  };
  await deps.batches.insert(batch);
  return batch;
}

/** The stored batch with each cell's job as it is now. */
export async function hydrateBatch(deps: Pick<Deps, 'registry'>, batch: StoredBatch): Promise<Batch> {
  const jobs = await Promise.all(batch.cells.map((c) => deps.registry.get(c.jobId)));
  return {
    ...batch,
    cells: batch.cells.map((c, i) => ({ ...c, job: (jobs[i] ?? null) as Job | null })),
  };
}
