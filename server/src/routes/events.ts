import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { isTerminal, type BatchCellEvent, type Job } from '../contract/index.ts';
import { hydrateBatch } from '../jobs/batches.ts';
import type { StoredBatch } from '../storage/batches.ts';
import type { AppDeps } from './deps.ts';

/**
 * SSE for one job: the current state at once, then every transition; a heartbeat comment keeps proxies
 * from closing an idle stream; the stream ends after a terminal state. `Last-Event-ID` (a revision)
 * skips what the client already has.
 */
export function jobEvents(c: Context, deps: AppDeps, initial: Job) {
  const { registry } = deps;
  const lastSeen = Number.parseInt(c.req.header('last-event-id') ?? '', 10);
  if (isTerminal(initial.status) && lastSeen >= initial.revision) {
    // The client has the final state. 204 tells EventSource to stop reconnecting (an empty stream would not).
    return c.body(null, 204);
  }
  return streamSSE(c, async (stream) => {
    const pending: Job[] = [];
    let wake: (() => void) | null = null;
    let closed = false;
    // Subscribe before reading the current state, so no transition falls between the two.
    const unsubscribe = registry.subscribe(initial.id, (job) => {
      pending.push(job);
      wake?.();
    });
    stream.onAbort(() => {
      closed = true;
      unsubscribe();
      wake?.();
    });
    let sent = Number.isFinite(lastSeen) ? lastSeen : -1;
    const send = async (job: Job) => {
      if (job.revision <= sent) return;
      await stream.writeSSE({ event: 'job', id: String(job.revision), data: JSON.stringify(job) });
      sent = job.revision;
    };
    try {
      const current = (await registry.get(initial.id)) ?? initial;
      await send(current);
      if (isTerminal(current.status)) return;
      while (!closed) {
        const job = pending.shift();
        if (job) {
          await send(job);
          if (isTerminal(job.status)) return;
          continue;
        }
        const woke = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), deps.config.sseHeartbeatMs);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = null;
        if (!woke && !closed) await stream.write(': heartbeat\n\n');
      }
    } catch (err) {
      // Usually the client went away mid-write. Logged, never sent: the stream just ends.
      if (!closed) deps.log(`SSE stream for job ${initial.id} failed: ${String(err)}`, 'warn');
    } finally {
      unsubscribe();
    }
  });
}

/**
 * SSE for a QA batch: the whole batch at once (`event: batch`), then one small `event: cell` frame per
 * job transition, and `event: end` once every cell is final. One registry subscription per cell: a
 * 200-cell grid costs 200 map entries and a frame per transition, not 200 streams or polls.
 */
export function batchEvents(c: Context, deps: AppDeps, batch: StoredBatch) {
  const { registry } = deps;
  return streamSSE(c, async (stream) => {
    const pending: BatchCellEvent[] = [];
    let wake: (() => void) | null = null;
    let closed = false;
    const unsubscribe = batch.cells.map((cell) =>
      registry.subscribe(cell.jobId, (job) => {
        pending.push({ cellId: cell.id, job });
        wake?.();
      }),
    );
    const stop = () => unsubscribe.forEach((u) => u());
    stream.onAbort(() => {
      closed = true;
      stop();
      wake?.();
    });
    let seq = 0;
    try {
      const current = await hydrateBatch(deps, batch);
      const sent = new Map(current.cells.map((cell) => [cell.id, cell.job?.revision ?? -1]));
      const live = new Set(
        current.cells.filter((cell) => cell.job && !isTerminal(cell.job.status)).map((cell) => cell.id),
      );
      await stream.writeSSE({ event: 'batch', id: String(seq++), data: JSON.stringify(current) });
      while (!closed && live.size > 0) {
        const next = pending.shift();
        if (next) {
          if (next.job.revision <= (sent.get(next.cellId) ?? -1)) continue;
          sent.set(next.cellId, next.job.revision);
          await stream.writeSSE({ event: 'cell', id: String(seq++), data: JSON.stringify(next) });
          if (isTerminal(next.job.status)) live.delete(next.cellId);
          continue;
        }
        const woke = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), deps.config.sseHeartbeatMs);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = null;
        if (!woke && !closed) await stream.write(': heartbeat\n\n');
      }
      if (!closed) await stream.writeSSE({ event: 'end', id: String(seq++), data: '{}' });
    } catch (err) {
      if (!closed) deps.log(`SSE stream for batch ${batch.id} failed: ${String(err)}`, 'warn');
    } finally {
      stop();
    }
  });
}
