import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_TTL_S, Sessions } from './sessions.ts';

const TOKEN = 'sessions-test-token-41d2';
let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

describe('Sessions', () => {
  it('issues distinct cookies that never contain the token and verify under the same token only', () => {
    const s = new Sessions(TOKEN);
    const a = s.issue();
    const b = s.issue();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{72}$/);
    expect(a).not.toContain(TOKEN);
    expect(s.verify(a)).not.toBeNull();
    expect(new Sessions(`${TOKEN}-rotated`).verify(a)).toBeNull();
  });

  it('refuses tampered, truncated, empty and missing cookies', () => {
    const s = new Sessions(TOKEN);
    const c = s.issue();
    const flip = (i: number) => c.slice(0, i) + (c[i] === 'A' ? 'B' : 'A') + c.slice(i + 1);
    for (const bad of [flip(0), flip(25), flip(71), c.slice(0, -1), `${c}A`, '', undefined])
      expect(s.verify(bad)).toBeNull();
  });

  it('expires a cookie after the TTL (the issue time is signed)', () => {
    let now = Date.UTC(2026, 10, 1);
    const s = new Sessions(TOKEN, undefined, () => now);
    const c = s.issue();
    now += SESSION_TTL_S * 1000 - 1000;
    expect(s.verify(c)).not.toBeNull();
    now += 2000;
    expect(s.verify(c)).toBeNull();
  });

  it('revokes one session, keeps the others, and remembers it in the file across instances', async () => {
    dir = await mkdtemp(join(tmpdir(), 'maskfill-sessions-'));
    const file = join(dir, 'revoked-sessions.json');
    const s = new Sessions(TOKEN, file);
    const gone = s.issue();
    const kept = s.issue();
    s.revoke(gone);
    s.revoke('not-a-session');
    expect(s.verify(gone)).toBeNull();
    expect(s.verify(kept)).not.toBeNull();
    const saved = await readFile(file, 'utf8');
    expect(Object.keys(JSON.parse(saved) as object)).toEqual([gone.slice(0, 22)]);
    expect(saved).not.toContain(TOKEN);
    const restarted = new Sessions(TOKEN, file);
    expect(restarted.verify(gone)).toBeNull();
    expect(restarted.verify(kept)).not.toBeNull();
  });

  it('forgets revocations once the session would have expired anyway', async () => {
    dir = await mkdtemp(join(tmpdir(), 'maskfill-sessions-'));
    const file = join(dir, 'revoked-sessions.json');
    let now = Date.UTC(2026, 10, 1);
    const s = new Sessions(TOKEN, file, () => now);
    s.revoke(s.issue());
    now += SESSION_TTL_S * 1000 + 1000;
    s.revoke(s.issue());
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')) as object)).toHaveLength(1);
  });
});
