import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, uploadImage, type Harness } from '../support/harness.ts';
import { texturedPng } from '../support/images.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.cleanup());

describe('image route security', () => {
  it.each([
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2fmaskfill.db',
    '..%5C..%5Cwindows',
    `${'a'.repeat(63)}%00`,
    `${'a'.repeat(64)}.png`,
    `${'a'.repeat(64)}%2F..`,
  ])('refuses the path-traversal-shaped id %s without touching the disk', async (id) => {
    const res = await h.app.request(`/api/images/${id}`);
    expect([400, 404]).toContain(res.status);
    const body = (await res.json()) as { error: { code: string } };
    expect(['invalid_request', 'not_found']).toContain(body.error.code);
  });

  it('does not serve a file planted in the images folder without a database row', async () => {
    const id = 'b'.repeat(64);
    await writeFile(join(h.dataDir, 'images', `${id}.png`), await texturedPng(20, 20));
    expect((await h.app.request(`/api/images/${id}`)).status).toBe(404);
  });

  it('serves stored images with nosniff and never as HTML', async () => {
    const { body } = await uploadImage(h.app, await texturedPng(20, 20));
    const res = await h.app.request(`/api/images/${body.id}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('image/png');
  });

  it('refuses a polyglot that starts like a PNG but is not one', async () => {
    const fake = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...new TextEncoder().encode('<html><script>alert(1)</script>'),
    ]);
    const { res } = await uploadImage(h.app, fake);
    expect(res.status).toBe(422);
  });

  it('answers unknown routes with the JSON error body, never a stack trace', async () => {
    const res = await h.app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'There is no GET /api/nope.' } });
  });

  it('gives malformed JSON a 400 with the error body', async () => {
    const res = await h.app.request('/api/fills', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"provider":',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).not.toMatch(/at .*\.ts/);
  });
});

describe('MASKFILL_ACCESS_TOKEN', () => {
  it('requires the token on every /api route except health', async () => {
    const t = await startHarness({ env: { MASKFILL_ACCESS_TOKEN: 's3cret-token' } });
    try {
      expect((await t.app.request('/api/health')).status).toBe(200);
      const denied = await t.app.request('/api/providers');
      expect(denied.status).toBe(401);
      expect(JSON.stringify(await denied.json())).not.toContain('s3cret-token');
      expect(
        (await t.app.request('/api/providers', { headers: { authorization: 'Bearer wrong' } })).status,
      ).toBe(401);
      expect(
        (await t.app.request('/api/providers', { headers: { authorization: 'Bearer s3cret-token' } })).status,
      ).toBe(200);
      // The page now logs in for an HttpOnly session cookie (test/security/auth.test.ts): the token itself
      // is no longer taken from the query string (it would land in logs) or a script-set cookie.
      expect((await t.app.request('/api/jobs?access_token=s3cret-token')).status).toBe(401);
      expect(
        (await t.app.request('/api/jobs', { headers: { cookie: 'maskfill_token=s3cret-token' } })).status,
      ).toBe(401);
    } finally {
      await t.cleanup();
    }
  });
});
