import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseUrl, openDatabase } from './db.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'maskfill-db-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates the schema once, in WAL mode, and reopens without re-running migrations', async () => {
    const url = databaseUrl(dir);
    expect(url).toBe(`file://${join(dir, 'maskfill.db')}`);
    const db = await openDatabase(url);
    expect((await db.execute('PRAGMA journal_mode')).rows[0]?.[0]).toBe('wal');
    expect((await db.execute('PRAGMA user_version')).rows[0]?.[0]).toBe(1);
    await db.execute(`INSERT INTO images VALUES ('x', 'image/png', 1, 1, 1, 'now')`);
    db.close();
    const again = await openDatabase(url);
    expect((await again.execute('SELECT count(*) FROM images')).rows[0]?.[0]).toBe(1);
    const tables = await again.execute(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
    expect(tables.rows.map((r) => r[0])).toEqual(['images', 'jobs']);
    again.close();
  });

  it('DATABASE_URL overrides the file under DATA_DIR', () => {
    expect(databaseUrl(dir, 'libsql://db.example')).toBe('libsql://db.example');
  });
});
