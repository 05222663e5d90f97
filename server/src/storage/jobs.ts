import type { Client, Row } from '@libsql/client';
import { Job, type JobStatus } from '../contract/index.ts';
import { AppError } from '../errors.ts';
import type { UpstreamRef } from '../providers/interface.ts';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;

/** What the runner needs beyond the public job to pick it up again after a restart. */
export interface StoredJob {
  job: Job;
  upstreamRef: UpstreamRef | null;
  /** The normalised mask handed to the provider (the request keeps the user's mask id). */
  maskId: string | null;
  /**
   * How far a remote submit got while there is no upstream handle yet: 'preparing' (uploads; nothing
   * billable sent) or 'creating' (the create request may have reached upstream). Null/absent otherwise,
   * including for rows written before the column existed. Not a handle: nothing can be polled with it.
   */
  submitStage?: SubmitStage | null;
}

export type SubmitStage = 'preparing' | 'creating';

/** History filters: any of the statuses, one provider, prompt text (case-insensitive substring). */
export interface JobFilter {
  provider?: string;
  status?: JobStatus[];
  q?: string;
}

export interface JobPage {
  jobs: Job[];
  nextCursor: string | null;
}

/** Jobs in SQLite: the job JSON plus the columns history paging and resume query by. */
export class JobStore {
  constructor(private readonly db: Client) {}

  async insert(entry: StoredJob): Promise<void> {
    const { job } = entry;
    await this.db.execute({
      sql: `INSERT INTO jobs (id, provider, status, created_at, revision, job, upstream_ref, mask_id, prompt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        job.id,
        job.provider,
        job.status,
        job.createdAt,
        job.revision,
        JSON.stringify(job),
        entry.upstreamRef ? JSON.stringify(entry.upstreamRef) : null,
        entry.maskId,
        job.request.prompt ?? null,
      ],
    });
  }

  /** Writes a transition; `upstreamRef` undefined leaves the stored ref as it is. */
  async update(job: Job, upstreamRef?: UpstreamRef | null): Promise<void> {
    const args = [job.status, job.revision, JSON.stringify(job)];
    if (upstreamRef === undefined) {
      await this.db.execute({
        sql: 'UPDATE jobs SET status = ?, revision = ?, job = ? WHERE id = ?',
        args: [...args, job.id],
      });
    } else {
      await this.db.execute({
        sql: 'UPDATE jobs SET status = ?, revision = ?, job = ?, upstream_ref = ?, submit_stage = NULL WHERE id = ?',
        args: [...args, upstreamRef ? JSON.stringify(upstreamRef) : null, job.id],
      });
    }
  }

  /** Saving a handle (or clearing it) also clears the submit stage: the handle says more. */
  async setUpstreamRef(id: string, ref: UpstreamRef | null): Promise<void> {
    await this.db.execute({
      sql: 'UPDATE jobs SET upstream_ref = ?, submit_stage = NULL WHERE id = ?',
      args: [ref ? JSON.stringify(ref) : null, id],
    });
  }

  async setSubmitStage(id: string, stage: SubmitStage | null): Promise<void> {
    await this.db.execute({ sql: 'UPDATE jobs SET submit_stage = ? WHERE id = ?', args: [stage, id] });
  }

  async get(id: string): Promise<StoredJob | null> {
    const rs = await this.db.execute({
      sql: 'SELECT job, upstream_ref, mask_id, submit_stage FROM jobs WHERE id = ?',
      args: [id],
    });
    return rs.rows[0] ? toStored(rs.rows[0]) : null;
  }

  async delete(id: string): Promise<boolean> {
    const rs = await this.db.execute({ sql: 'DELETE FROM jobs WHERE id = ?', args: [id] });
    return rs.rowsAffected > 0;
  }

  /** Jobs that were queued or running when the server stopped, oldest first (FIFO on resume). */
  async listLive(): Promise<StoredJob[]> {
    const live: JobStatus[] = ['queued', 'running'];
    const rs = await this.db.execute({
      sql: `SELECT job, upstream_ref, mask_id, submit_stage FROM jobs WHERE status IN (?, ?) ORDER BY created_at, id`,
      args: live,
    });
    return rs.rows.map(toStored);
  }

  /** Newest first; the cursor is opaque to clients (createdAt + id of the last job returned). */
  async list(limit = DEFAULT_PAGE, cursor?: string, filter: JobFilter = {}): Promise<JobPage> {
    const n = Math.min(Math.max(1, limit), MAX_PAGE);
    const after = cursor ? decodeCursor(cursor) : null;
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (after) {
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      args.push(after.createdAt, after.createdAt, after.id);
    }
    if (filter.provider) {
      where.push('provider = ?');
      args.push(filter.provider);
    }
    if (filter.status?.length) {
      where.push(`status IN (${filter.status.map(() => '?').join(', ')})`);
      args.push(...filter.status);
    }
    if (filter.q) {
      where.push(`prompt LIKE ? ESCAPE '\\'`);
      args.push(`%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    }
    const rs = await this.db.execute({
      sql: `SELECT job, upstream_ref, mask_id, submit_stage FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY created_at DESC, id DESC LIMIT ?`,
      args: [...args, n + 1],
    });
    const jobs = rs.rows.slice(0, n).map((r) => toStored(r).job);
    const last = jobs[jobs.length - 1];
    const nextCursor = rs.rows.length > n && last ? encodeCursor(last.createdAt, last.id) : null;
    return { jobs, nextCursor };
  }
}

function toStored(row: Row): StoredJob {
  return {
    job: Job.parse(JSON.parse(String(row.job))),
    upstreamRef: row.upstream_ref ? (JSON.parse(String(row.upstream_ref)) as UpstreamRef) : null,
    maskId: row.mask_id ? String(row.mask_id) : null,
    submitStage:
      row.submit_stage === 'preparing' || row.submit_stage === 'creating' ? row.submit_stage : null,
  };
}

export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return { createdAt: value[0] as string, id: value[1] as string };
    }
  } catch {
    // fall through
  }
  throw new AppError('invalid_request', 'cursor: not a cursor this server issued; use nextCursor as given.');
}
