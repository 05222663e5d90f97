import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { Hono } from 'hono';
import { ImageId } from '../contract/index.ts';
import { AppError } from '../errors.ts';
import { tooLarge } from '../storage/images.ts';
import type { AppDeps } from './deps.ts';

export function imageRoutes(deps: AppDeps) {
  const { images } = deps;
  return new Hono()
    .post('/', async (c) => {
      const declaredLength = Number(c.req.header('content-length'));
      if (declaredLength > images.maxUploadBytes) {
        throw tooLarge(images.maxUploadBytes);
      }
      const body = c.req.raw.body;
      if (!body) throw new AppError('invalid_image', 'The request body is empty: send the image bytes.');
      const stored = await images.ingest(
        Readable.fromWeb(body as NodeReadableStream),
        c.req.header('content-type'),
      );
      c.header('Location', images.urlFor(stored.id));
      return c.json(images.info(stored), 201);
    })
    .get('/:id', async (c) => {
      const id = c.req.param('id');
      if (!ImageId.safeParse(id).success) {
        throw new AppError('invalid_request', 'id: must be a 64-character hex image id.');
      }
      const image = await images.get(id);
      if (!image) throw new AppError('not_found', `No image with id ${id}.`);
      const etag = `"${id}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      c.header('Content-Type', image.contentType);
      c.header('Content-Length', String(image.bytes));
      c.header('X-Content-Type-Options', 'nosniff');
      return c.body(Readable.toWeb(createReadStream(image.path)) as ReadableStream, 200);
    });
}
