import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE, sameSecret } from '../routes/auth.ts';
import { validate } from '../routes/validate.ts';
import { SESSION_TTL_S, type Sessions } from './sessions.ts';

const Login = z.object({ token: z.string().min(1, 'enter the access token').max(4096) }).strict();

/**
 * Login and logout for MASKFILL_ACCESS_TOKEN. GET says whether a token is needed and whether this
 * browser has a session; POST checks the token (constant time) and sets the HttpOnly, SameSite=Strict
 * cookie for a new session; DELETE revokes that session server-side and clears the cookie. Without a
 * configured token, everyone is "logged in".
 */
export function sessionRoutes(accessToken: string | undefined, sessions?: Sessions) {
  const cookieOptions = (secure: boolean) =>
    ({ path: '/', httpOnly: true, sameSite: 'Strict', secure, maxAge: SESSION_TTL_S }) as const;
  return new Hono()
    .get('/', (c) => {
      return c.json({
        required: Boolean(accessToken),
        authenticated: !sessions || sessions.verify(getCookie(c, SESSION_COOKIE)) !== null,
      });
    })
    .post('/', validate('json', Login), (c) => {
      if (!accessToken || !sessions) return c.body(null, 204);
      if (!sameSecret(c.req.valid('json').token, accessToken)) {
        throw new AppError('unauthorized', 'That access token is not right for this server.');
      }
      const secure = new URL(c.req.url).protocol === 'https:';
      setCookie(c, SESSION_COOKIE, sessions.issue(), cookieOptions(secure));
      return c.body(null, 204);
    })
    .delete('/', (c) => {
      sessions?.revoke(getCookie(c, SESSION_COOKIE));
      deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict' });
      return c.body(null, 204);
    });
}
