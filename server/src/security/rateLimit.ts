import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { AppError } from '../errors.ts';
import { RateWindow } from '../jobs/rateWindow.ts';

/** The remote address; in-process requests (tests) have none and share one bucket. */
export function clientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** Clients idle longer than this are forgotten, so the map cannot grow without bound. */
const IDLE_MS = 2 * 60_000;

/** At most `perMinute` requests per client in any 60 s; over it, 429 with Retry-After. */
export function rateLimit(what: string, perMinute: number, now: () => number = Date.now): MiddlewareHandler {
  const clients = new Map<string, { window: RateWindow; last: number }>();
  return async (c, next) => {
    const t = now();
    if (clients.size > 1000) {
      for (const [k, v] of clients) if (t - v.last > IDLE_MS) clients.delete(k);
    }
    const key = clientKey(c);
    const entry = clients.get(key) ?? { window: new RateWindow(perMinute), last: t };
    clients.set(key, entry);
    entry.last = t;
    if (!entry.window.take(t)) {
      const seconds = Math.max(1, Math.ceil(entry.window.waitMs(t) / 1000));
      throw new AppError(
        'rate_limited',
        `Too many ${what}: at most ${perMinute} a minute. Try again in ${seconds} s.`,
        { retryAfterSeconds: seconds },
        { 'Retry-After': String(seconds) },
      );
    }
    return next();
  };
}
