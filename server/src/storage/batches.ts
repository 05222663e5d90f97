import type { Client } from '@libsql/client';
import { Batch, BatchCell } from '../contract/index.ts';
import { z } from 'zod';

/** A batch as stored: cells name their jobs, which live in the jobs table and are joined in when read. */
export const StoredBatch = Batch.extend({ cells: z.array(BatchCell.omit({ job: true })) });
export type StoredBatch = z.infer<typeof StoredBatch>;

/** QA batches in SQLite, one JSON row each (a batch is at most a few hundred cells). */
export class BatchStore {
  constructor(private readonly db: Client) {}

  async insert(batch: StoredBatch): Promise<void> {
    await this.db.execute({
      sql: 'INSERT INTO batches (id, created_at, batch) VALUES (?, ?, ?)',
      args: [batch.id, batch.createdAt, JSON.stringify(batch)],
    });
  }

  async get(id: string): Promise<StoredBatch | null> {
    const rs = await this.db.execute({ sql: 'SELECT batch FROM batches WHERE id = ?', args: [id] });
    const row = rs.rows[0];
    return row ? StoredBatch.parse(JSON.parse(String(row[0]))) : null;
  }

  async list(limit = 100): Promise<StoredBatch[]> {
    const rs = await this.db.execute({
      sql: 'SELECT batch FROM batches ORDER BY created_at DESC, id DESC LIMIT ?',
      args: [limit],
    });
    return rs.rows.map((r) => StoredBatch.parse(JSON.parse(String(r[0]))));
  }

  async update(batch: StoredBatch): Promise<void> {
    await this.db.execute({
      sql: 'UPDATE batches SET batch = ? WHERE id = ?',
      args: [JSON.stringify(batch), batch.id],
    });
  }

  async delete(id: string): Promise<boolean> {
    const rs = await this.db.execute({ sql: 'DELETE FROM batches WHERE id = ?', args: [id] });
    return rs.rowsAffected > 0;
  }
}
