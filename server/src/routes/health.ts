import { Hono } from 'hono';
import type { Health } from '../contract/index.ts';
import type { AppDeps } from './deps.ts';

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/', (c) => c.json({ status: 'ok', version: deps.config.version } satisfies Health));
}
