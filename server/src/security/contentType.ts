import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';

/** The only bodies the API takes: JSON, and the image types uploads accept. */
const ACCEPTED = new Set(['application/json', 'image/png', 'image/jpeg', 'image/webp']);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const hasBody = (req: Request) =>
  req.headers.has('transfer-encoding') || Number(req.headers.get('content-length') ?? 0) > 0;

/**
 * A plain HTML form can only send urlencoded, multipart or text/plain bodies, so refusing every other
 * type on state-changing requests means no cross-site form can submit a fill or an upload (CSRF).
 * Bodyless calls (cancel, delete) carry no Content-Type; a form always sends one, so those are refused too.
 */
export function requireApiContentType(): MiddlewareHandler {
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    const header = c.req.header('content-type');
    const type = header?.split(';')[0]?.trim().toLowerCase();
    if (type && ACCEPTED.has(type)) return next();
    if (!type && !hasBody(c.req.raw)) return next();
    throw new AppError(
      'unsupported_media_type',
      type
        ? `Content-Type ${type} is not accepted: send application/json, or image/png, image/jpeg or image/webp for an upload.`
        : 'Set Content-Type: application/json, or image/png, image/jpeg or image/webp for an upload.',
    );
  };
}
