import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../errors.ts';

/** The HttpOnly session cookie set by POST /api/session (security/session.ts). */
export const SESSION_COOKIE = 'maskfill_session';

/** Paths reachable without the token: liveness, and the login/logout routes themselves. */
const OPEN_PATHS = new Set(['/api/health', '/api/session']);

/** Constant-time string equality (lengths leak, contents do not). */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The cookie holds a value derived from the token, never the token itself: a leaked cookie or a
 * Set-Cookie header in a log does not reveal MASKFILL_ACCESS_TOKEN.
 */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('maskfill session v1').digest('base64url');
}

/**
 * MASKFILL_ACCESS_TOKEN: a shared secret for demo machines. Scripts send `Authorization: Bearer <token>`;
 * the page logs in once and then rides on the HttpOnly cookie (which EventSource and <img> send too).
 */
export function requireToken(token: string): MiddlewareHandler {
  const session = sessionValue(token);
  return async (c, next) => {
    if (OPEN_PATHS.has(c.req.path)) return next();
    const header = c.req.header('authorization');
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (sameSecret(bearer, token) || sameSecret(getCookie(c, SESSION_COOKIE), session)) return next();
    throw new AppError(
      'unauthorized',
      'This server needs an access token: log in on the page, or send Authorization: Bearer <token>.',
    );
  };
}
