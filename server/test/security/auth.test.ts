import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/contract/index.ts';
import { startHarness, type Harness } from '../support/harness.ts';

const TOKEN = 'demo-access-7f3a9c21e5';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MASKFILL_ACCESS_TOKEN: TOKEN } });
});
afterAll(() => h.cleanup());

const login = (token: unknown, headers: Record<string, string> = {}) =>
  h.app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ token }),
  });

function sessionCookie(res: Response): { pair: string; attrs: string } {
  const header = res.headers.get('set-cookie') ?? '';
  const [pair = '', ...rest] = header.split(';').map((s) => s.trim());
  return { pair, attrs: rest.join('; ') };
}

describe('access token: login for an HttpOnly session cookie', () => {
  it('says a token is needed and that this browser has no session', async () => {
    const res = await h.app.request('/api/session');
    expect(await res.json()).toEqual({ required: true, authenticated: false });
    expect((await h.app.request('/api/providers')).status).toBe(401);
  });

  it('401 for a wrong, missing or near-miss token, and no cookie', async () => {
    for (const token of ['wrong', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), ` ${TOKEN}`]) {
      const res = await login(token);
      expect(res.status).toBe(401);
      expect(ErrorBody.parse(await res.json()).error.message).toBe(
        'That access token is not right for this server.',
      );
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const missing = await login(undefined);
    expect(missing.status).toBe(400);
    expect(ErrorBody.parse(await missing.json()).error.message).toMatch(/^token: /);
  });

  it('sets an HttpOnly, SameSite=Strict cookie that is not the token, and it opens every /api route', async () => {
    const res = await login(TOKEN);
    expect(res.status).toBe(204);
    const { pair, attrs } = sessionCookie(res);
    expect(pair).toMatch(/^maskfill_session=[A-Za-z0-9_-]{20,}$/);
    expect(pair).not.toContain(TOKEN);
    expect(attrs).toMatch(/HttpOnly/);
    expect(attrs).toMatch(/SameSite=Strict/);
    expect(attrs).toMatch(/Path=\//);
    expect(attrs).not.toMatch(/Secure/); // plain http on loopback; https sets Secure
    for (const path of ['/api/providers', '/api/jobs', '/api/session']) {
      const ok = await h.app.request(path, { headers: { cookie: pair } });
      expect(ok.status, path).toBe(200);
    }
    expect(await (await h.app.request('/api/session', { headers: { cookie: pair } })).json()).toEqual({
      required: true,
      authenticated: true,
    });
  });

  it('marks the cookie Secure behind https', async () => {
    const res = await h.app.request('https://studio.example/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(sessionCookie(res).attrs).toMatch(/Secure/);
  });

  it('refuses a forged or tampered session cookie, the raw token as a cookie, and the token in the URL', async () => {
    const { pair } = sessionCookie(await login(TOKEN));
    // A different last MAC character (one of the 16 a 32-byte MAC can end in; 'A' itself 1 time in 16).
    const tampered = `${pair.slice(0, -1)}${pair.endsWith('A') ? 'E' : 'A'}`;
    const forged = [tampered, 'maskfill_session=', `maskfill_session=${TOKEN}`, `maskfill_token=${TOKEN}`];
    for (const cookie of forged) {
      expect((await h.app.request('/api/jobs', { headers: { cookie } })).status, cookie).toBe(401);
    }
    expect((await h.app.request(`/api/jobs?access_token=${TOKEN}`)).status).toBe(401);
  });

  it('still takes the token as a Bearer header for scripts', async () => {
    const res = await h.app.request('/api/jobs', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const wrong = await h.app.request('/api/jobs', { headers: { authorization: `Bearer ${TOKEN}0` } });
    expect(wrong.status).toBe(401);
  });

  it('logs out: DELETE clears the cookie', async () => {
    const res = await h.app.request('/api/session', { method: 'DELETE' });
    expect(res.status).toBe(204);
    const { pair, attrs } = sessionCookie(res);
    expect(pair).toBe('maskfill_session=');
    expect(attrs).toMatch(/Max-Age=0/);
  });

  it('logging out revokes that session on the server: a copy of its cookie stops working, even after a restart', async () => {
    const first = sessionCookie(await login(TOKEN)).pair;
    const second = sessionCookie(await login(TOKEN)).pair;
    expect(first).not.toBe(second);
    const out = await h.app.request('/api/session', { method: 'DELETE', headers: { cookie: first } });
    expect(out.status).toBe(204);
    expect(sessionCookie(out).pair).toBe('maskfill_session=');
    expect((await h.app.request('/api/jobs', { headers: { cookie: first } })).status).toBe(401);
    expect(await (await h.app.request('/api/session', { headers: { cookie: first } })).json()).toEqual({
      required: true,
      authenticated: false,
    });
    expect((await h.app.request('/api/jobs', { headers: { cookie: second } })).status).toBe(200);

    const restarted = await startHarness({ env: { MASKFILL_ACCESS_TOKEN: TOKEN }, dataDir: h.dataDir });
    try {
      expect((await restarted.app.request('/api/jobs', { headers: { cookie: first } })).status).toBe(401);
      expect((await restarted.app.request('/api/jobs', { headers: { cookie: second } })).status).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it('leaves health open for probes, and never echoes the token', async () => {
    expect((await h.app.request('/api/health')).status).toBe(200);
    const denied = await h.app.request('/api/providers', { headers: { authorization: 'Bearer nope' } });
    expect(await denied.text()).not.toContain(TOKEN);
    expect(h.logs.join('\n')).not.toContain(TOKEN);
  });
});

describe('without MASKFILL_ACCESS_TOKEN', () => {
  it('needs no login and login is a no-op', async () => {
    const open = await startHarness();
    try {
      expect(await (await open.app.request('/api/session')).json()).toEqual({
        required: false,
        authenticated: true,
      });
      expect((await open.app.request('/api/jobs')).status).toBe(200);
    } finally {
      await open.cleanup();
    }
  });
});
