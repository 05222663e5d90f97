import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../errors.ts';
import type { Sessions } from '../security/sessions.ts';

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
 * MASKFILL_ACCESS_TOKEN: a shared secret for demo machines. Scripts send `Authorization: Bearer <token>`;
 * the page logs in once and then rides on the HttpOnly session cookie (which EventSource and <img> send
 * too; security/sessions.ts: it never holds the token itself).
 */
export function requireToken(token: string, sessions: Sessions): MiddlewareHandler {
  return async (c, next) => {
    if (OPEN_PATHS.has(c.req.path)) return next();
    const header = c.req.header('authorization');
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (sameSecret(bearer, token) || sessions.verify(getCookie(c, SESSION_COOKIE))) return next();
    throw new AppError(
      'unauthorized',
      'This server needs an access token: log in on the page, or send Authorization: Bearer <token>.',
    );
  };
}
