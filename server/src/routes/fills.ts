import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { FillRequest } from '../contract/index.ts';
import { AppError } from '../errors.ts';
import { normalizeMask } from '../mask/normalize.ts';
import type { AppDeps } from './deps.ts';
import { validate } from './validate.ts';

/** A fill request is a few hundred bytes of JSON; anything near this is not one. */
const MAX_JSON_BYTES = 64 * 1024;

const limitJson = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  onError: () => {
    throw new AppError('payload_too_large', `The request body is larger than ${MAX_JSON_BYTES / 1024} KB.`);
  },
});

export function fillRoutes(deps: AppDeps) {
  const { images, providers, runner } = deps;
  return new Hono().post('/', limitJson, validate('json', FillRequest), async (c) => {
    const request = c.req.valid('json');
    const provider = providers.get(request.provider);
    if (!provider) {
      throw new AppError(
        'provider_unavailable',
        `The ${request.provider} provider is not set up on this server.`,
      );
    }
    const info = await provider.describe();
    if (!info.available) {
      throw new AppError(
        'provider_unavailable',
        `${info.label} is not available: ${info.unavailableReason ?? 'not configured on this server.'}`,
      );
    }
    const variations = request.seeds?.length ?? request.numVariations ?? 1;
    if (variations > info.maxVariations) {
      throw new AppError(
        'invalid_request',
        `numVariations: ${info.label} makes at most ${info.maxVariations}.`,
      );
    }
    if (request.size && info.sizes && !info.anySize) {
      const { width, height } = request.size;
      if (!info.sizes.some((s) => s.width === width && s.height === height)) {
        const allowed = info.sizes.map((s) => `${s.width}×${s.height}`).join(', ');
        throw new AppError('invalid_request', `size: ${info.label} supports ${allowed}.`);
      }
    }
    const image = await images.get(request.imageId);
    if (!image)
      throw new AppError('not_found', `imageId: no image with id ${request.imageId}; upload it first.`);
    const mask = await images.get(request.maskId);
    if (!mask)
      throw new AppError('not_found', `maskId: no image with id ${request.maskId}; upload it first.`);
    provider.validate(request, image);
    const normalized = await normalizeMask(images, mask, image);
    provider.validateMask?.({
      width: normalized.image.width,
      height: normalized.image.height,
      filled: normalized.filled,
      total: normalized.total,
    });
    const job = await runner.create({ request, maskId: normalized.image.id });
    c.header('Location', `/api/jobs/${job.id}`);
    return c.json(job, 202);
  });
}
