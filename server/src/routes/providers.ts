import { Hono } from 'hono';
import type { ProviderList } from '../contract/index.ts';
import type { AppDeps } from './deps.ts';

export function providerRoutes(deps: AppDeps) {
  return new Hono().get('/', async (c) => {
    const providers = await Promise.all([...deps.providers.values()].map((p) => p.describe()));
    return c.json({ default: 'local', providers } satisfies ProviderList);
  });
}
