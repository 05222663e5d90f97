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
    expect((await db.execute('PRAGMA user_version')).rows[0]?.[0]).toBe(4);
    await db.execute(`INSERT INTO images VALUES ('x', 'image/png', 1, 1, 1, 'now')`);
    db.close();
    const again = await openDatabase(url);
    expect((await again.execute('SELECT count(*) FROM images')).rows[0]?.[0]).toBe(1);
    const tables = await again.execute(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
    expect(tables.rows.map((r) => r[0])).toEqual(['batches', 'images', 'jobs']);
    again.close();
  });

  it('migration 3 backfills the prompt column of jobs written before it', async () => {
    const url = databaseUrl(dir);
    const db = await openDatabase(url);
    await db.execute('DROP INDEX jobs_by_provider_created');
    await db.execute('DROP INDEX jobs_by_status_created');
    await db.execute('ALTER TABLE jobs DROP COLUMN submit_stage');
    await db.execute('ALTER TABLE jobs DROP COLUMN prompt');
    await db.execute('PRAGMA user_version = 2');
    const job = JSON.stringify({ request: { prompt: 'a red door' } });
    await db.execute(`INSERT INTO jobs VALUES ('j1', 'local', 'succeeded', 'now', 1, '${job}', NULL, NULL)`);
    db.close();
    const again = await openDatabase(url);
    expect((await again.execute(`SELECT prompt FROM jobs WHERE id = 'j1'`)).rows[0]?.[0]).toBe('a red door');
    again.close();
  });

  it('migration 4 adds the submit stage; a job written before it reads as stage unknown', async () => {
    const url = databaseUrl(dir);
    const db = await openDatabase(url);
    await db.execute('ALTER TABLE jobs DROP COLUMN submit_stage');
    await db.execute('PRAGMA user_version = 3');
    await db.execute(
      `INSERT INTO jobs VALUES ('j1', 'firefly', 'running', 'now', 2, '{}', NULL, 'm1', 'a red door')`,
    );
    db.close();
    const again = await openDatabase(url);
    expect((await again.execute('PRAGMA user_version')).rows[0]?.[0]).toBe(4);
    const row = await again.execute(`SELECT submit_stage, mask_id FROM jobs WHERE id = 'j1'`);
    expect(row.rows[0]?.[0]).toBeNull();
    expect(row.rows[0]?.[1]).toBe('m1');
    again.close();
  });

  it('DATABASE_URL overrides the file under DATA_DIR', () => {
    expect(databaseUrl(dir, 'libsql://db.example')).toBe('libsql://db.example');
  });
});
