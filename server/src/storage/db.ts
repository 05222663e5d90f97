import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type Client } from '@libsql/client';

/** Schema changes in order; `PRAGMA user_version` records how many have been applied. Append only. */
const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE images (
       id TEXT PRIMARY KEY,
       content_type TEXT NOT NULL,
       width INTEGER NOT NULL,
       height INTEGER NOT NULL,
       bytes INTEGER NOT NULL,
       created_at TEXT NOT NULL
     )`,
    `CREATE TABLE jobs (
       id TEXT PRIMARY KEY,
       provider TEXT NOT NULL,
       status TEXT NOT NULL,
       created_at TEXT NOT NULL,
       revision INTEGER NOT NULL,
       job TEXT NOT NULL,
       upstream_ref TEXT,
       mask_id TEXT
     )`,
    `CREATE INDEX jobs_by_created ON jobs (created_at DESC, id DESC)`,
    `CREATE INDEX jobs_by_status ON jobs (status)`,
  ],
  [
    // QA batches: the request and cells (job ids, marks, notes) as JSON; jobs stay in `jobs`.
    `CREATE TABLE batches (
       id TEXT PRIMARY KEY,
       created_at TEXT NOT NULL,
       batch TEXT NOT NULL
     )`,
    `CREATE INDEX batches_by_created ON batches (created_at DESC, id DESC)`,
  ],
  [
    // History filters: the prompt as its own column (searched without parsing each job's JSON), and
    // provider/status indexes in history order so a filtered page stops after `limit` rows.
    `ALTER TABLE jobs ADD COLUMN prompt TEXT`,
    `UPDATE jobs SET prompt = json_extract(job, '$.request.prompt')`,
    `CREATE INDEX jobs_by_provider_created ON jobs (provider, created_at DESC, id DESC)`,
    `CREATE INDEX jobs_by_status_created ON jobs (status, created_at DESC, id DESC)`,
  ],
  [
    // How far a remote submit got before its upstream handle was saved ('preparing' | 'creating'), so
    // a restart can tell a safe re-submit from one that might bill twice. NULL once the handle is saved.
    `ALTER TABLE jobs ADD COLUMN submit_stage TEXT`,
  ],
];

/** The database URL: DATABASE_URL when set, else a file under DATA_DIR. */
export function databaseUrl(dataDir: string, override?: string): string {
  if (override) return override;
  mkdirSync(dataDir, { recursive: true });
  return pathToFileURL(resolve(join(dataDir, 'maskfill.db'))).href;
}

export async function openDatabase(url: string): Promise<Client> {
  const db = createClient({ url });
  if (url.startsWith('file:')) {
    // WAL lets readers (history, SSE) proceed while the runner writes transitions.
    await db.execute('PRAGMA journal_mode = WAL');
    await db.execute('PRAGMA busy_timeout = 5000');
  }
  await migrate(db);
  return db;
}

export async function migrate(db: Client): Promise<void> {
  const row = (await db.execute('PRAGMA user_version')).rows[0];
  const current = Number(row?.[0] ?? 0);
  for (let v = current; v < MIGRATIONS.length; v++) {
    const statements = MIGRATIONS[v] ?? [];
    await db.batch([...statements, `PRAGMA user_version = ${v + 1}`], 'write');
  }
}
