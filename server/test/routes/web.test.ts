import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
let dist: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  h = await startHarness();
  dist = await mkdtemp(join(tmpdir(), 'maskfill-web-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>maskfill</title>');
  await writeFile(join(dist, 'assets', 'index-Ab12.js'), 'console.log(1)');
  await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = createApp(h.services, { webDistDir: dist });
});
afterAll(async () => {
  await h.cleanup();
  await rm(dist, { recursive: true, force: true });
});

describe('the built web app', () => {
  it('serves hashed assets with an immutable cache', async () => {
    const res = await app.request('/assets/index-Ab12.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('gzips text assets for clients that accept it', async () => {
    await writeFile(
      join(dist, 'assets', 'big-Cd34.js'),
      `export const x = ${JSON.stringify('abc '.repeat(2000))};`,
    );
    const res = await app.request('/assets/big-Cd34.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const plain = await app.request('/assets/big-Cd34.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('serves other files without the immutable cache', async () => {
    const res = await app.request('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBeNull();
  });

  it('falls back to index.html for client routes, not cached', async () => {
    for (const path of ['/', '/jobs/123', '/deep/link?x=1']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>maskfill</title>');
    }
  });

  it('never shadows the API: unknown /api paths stay JSON 404s', async () => {
    const res = await app.request('/api/unknown');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('does not serve files outside the dist folder', async () => {
    for (const path of [
      '/..%2F..%2Fetc%2Fpasswd',
      '/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const res = await app.request(path);
      expect(await res.text()).not.toContain('root:');
    }
  });

  it('a missing build is a readable 503, not a crash', async () => {
    const bare = createApp(h.services, { webDistDir: join(dist, 'nope') });
    const res = await bare.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/not built/);
  });
});
