import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { ErrorBody } from '../../src/contract/index.ts';
import { startHarness, uploadImage, type Harness } from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';

let h: Harness;
let web: ReturnType<typeof createApp>;
let dist: string;
let imageId: string;
let maskId: string;
beforeAll(async () => {
  h = await startHarness();
  dist = await mkdtemp(join(tmpdir(), 'maskfill-dist-'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  web = createApp(h.services, { webDistDir: dist });
  imageId = (await uploadImage(h.app, await texturedPng(32, 24))).body.id;
  maskId = (await uploadImage(h.app, await rectMaskPng(32, 24, { x: 4, y: 4, w: 8, h: 8 }))).body.id;
});
afterAll(async () => {
  await h.cleanup();
  await rm(dist, { recursive: true, force: true });
});

describe('security headers', () => {
  it.each(['/', '/index.html', '/api/health', '/api/jobs', '/api/nope'])('on %s', async (path) => {
    const res = await web.request(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('same origin only', () => {
  it('sends no CORS headers, to a simple request or a preflight', async () => {
    const get = await h.app.request('/api/jobs', { headers: { origin: 'https://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await h.app.request('/api/fills', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });

  // What a cross-site <form method=post> can send: urlencoded, multipart or text/plain, never JSON.
  const forms = [
    ['application/x-www-form-urlencoded', () => `provider=local&imageId=${imageId}&maskId=${maskId}`],
    ['text/plain', () => JSON.stringify({ provider: 'local', imageId, maskId })],
    [
      'multipart/form-data; boundary=b',
      () => `--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b--`,
    ],
  ] as const;

  it.each(forms)('refuses a fill posted as %s (no job made)', async (type, body) => {
    const res = await h.app.request('/api/fills', {
      method: 'POST',
      headers: { 'content-type': type, origin: 'https://evil.example' },
      body: body(),
    });
    expect(res.status).toBe(415);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('unsupported_media_type');
    const list = (await (await h.app.request('/api/jobs')).json()) as { jobs: unknown[] };
    expect(list.jobs).toEqual([]);
  });

  it.each(forms)('refuses an upload, a cancel and a delete posted as %s', async (type, body) => {
    for (const [method, path] of [
      ['POST', '/api/images'],
      ['POST', '/api/jobs/some-job/cancel'],
      ['DELETE', '/api/jobs/some-job'],
    ] as const) {
      const res = await h.app.request(path, { method, headers: { 'content-type': type }, body: body() });
      expect(res.status, `${method} ${path}`).toBe(415);
    }
  });

  it('still takes a bodyless cancel (what fetch sends) and JSON fills', async () => {
    const fill = await h.app.request('/api/fills', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ provider: 'local', imageId, maskId }),
    });
    expect(fill.status).toBe(202);
    const { id } = (await fill.json()) as { id: string };
    expect([202, 409]).toContain((await h.app.request(`/api/jobs/${id}/cancel`, { method: 'POST' })).status);
  });
});
