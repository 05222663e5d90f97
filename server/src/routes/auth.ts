import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../errors.ts';

export const TOKEN_COOKIE = 'maskfill_token';

/**
 * MASKFILL_ACCESS_TOKEN: a shared secret for demo machines. Accepted as a Bearer header, or as a cookie
 * or `access_token` query value for what cannot send headers (EventSource, <img src>).
 */
export function requireToken(token: string): MiddlewareHandler {
  const expected = Buffer.from(token);
  const matches = (given: string | undefined) => {
    if (!given) return false;
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (matches(bearer) || matches(getCookie(c, TOKEN_COOKIE)) || matches(c.req.query('access_token'))) {
      return next();
    }
    throw new AppError(
      'unauthorized',
      'This server needs an access token: send Authorization: Bearer <token>.',
    );
  };
}
