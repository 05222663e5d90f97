import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE, sameSecret, sessionValue } from '../routes/auth.ts';
import { validate } from '../routes/validate.ts';

const Login = z.object({ token: z.string().min(1, 'enter the access token').max(4096) }).strict();

const COOKIE_MAX_AGE_S = 30 * 24 * 3600;

/**
 * Login and logout for MASKFILL_ACCESS_TOKEN. GET says whether a token is needed and whether this
 * browser has a session; POST checks the token (constant time) and sets the HttpOnly, SameSite=Strict
 * cookie; DELETE clears it. Without a configured token, everyone is "logged in".
 */
export function sessionRoutes(accessToken: string | undefined) {
  const session = accessToken ? sessionValue(accessToken) : undefined;
  const cookieOptions = (secure: boolean) =>
    ({ path: '/', httpOnly: true, sameSite: 'Strict', secure, maxAge: COOKIE_MAX_AGE_S }) as const;
  return new Hono()
    .get('/', (c) => {
      return c.json({
        required: Boolean(session),
        authenticated: !session || sameSecret(getCookie(c, SESSION_COOKIE), session),
      });
    })
    .post('/', validate('json', Login), (c) => {
      if (!accessToken || !session) return c.body(null, 204);
      if (!sameSecret(c.req.valid('json').token, accessToken)) {
        throw new AppError('unauthorized', 'That access token is not right for this server.');
      }
      setCookie(c, SESSION_COOKIE, session, cookieOptions(new URL(c.req.url).protocol === 'https:'));
      return c.body(null, 204);
    })
    .delete('/', (c) => {
      deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict' });
      return c.body(null, 204);
    });
}
