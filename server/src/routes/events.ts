import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { isTerminal, type BatchCellEvent, type Job } from '../contract/index.ts';
import { hydrateBatch } from '../jobs/batches.ts';
import type { StoredBatch } from '../storage/batches.ts';
import type { AppDeps } from './deps.ts';

/**
 * What registry callbacks hand a stream loop: items taken one at a time; `wait` wakes on a push or a
 * close, or gives up after `ms` so the loop can send a heartbeat.
 */
class Inbox<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | null = null;
  closed = false;

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  shift(): T | undefined {
    return this.items.shift();
  }

  /** True when woken by a push or a close, false after `ms` of quiet. */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve(false);
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve(true);
      };
    });
  }
}

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
    const inbox = new Inbox<Job>();
    // Subscribe before reading the current state, so no transition falls between the two.
    const unsubscribe = registry.subscribe(initial.id, (job) => inbox.push(job));
    stream.onAbort(() => {
      unsubscribe();
      inbox.close();
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
      while (!inbox.closed) {
        const job = inbox.shift();
        if (job) {
          await send(job);
          if (isTerminal(job.status)) return;
          continue;
        }
        const woke = await inbox.wait(deps.config.sseHeartbeatMs);
        if (!woke && !inbox.closed) await stream.write(': heartbeat\n\n');
      }
    } catch (err) {
      // Usually the client went away mid-write. Logged, never sent: the stream just ends.
      if (!inbox.closed) deps.log(`SSE stream for job ${initial.id} failed: ${String(err)}`, 'warn');
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
    const inbox = new Inbox<BatchCellEvent>();
    const unsubscribe = batch.cells.map((cell) =>
      registry.subscribe(cell.jobId, (job) => inbox.push({ cellId: cell.id, job })),
    );
    const stop = () => unsubscribe.forEach((u) => u());
    stream.onAbort(() => {
      stop();
      inbox.close();
    });
    let seq = 0;
    try {
      const current = await hydrateBatch(deps, batch);
      const sent = new Map(current.cells.map((cell) => [cell.id, cell.job?.revision ?? -1]));
      const live = new Set(
        current.cells.filter((cell) => cell.job && !isTerminal(cell.job.status)).map((cell) => cell.id),
      );
      await stream.writeSSE({ event: 'batch', id: String(seq++), data: JSON.stringify(current) });
      while (!inbox.closed && live.size > 0) {
        const next = inbox.shift();
        if (next) {
          if (next.job.revision <= (sent.get(next.cellId) ?? -1)) continue;
          sent.set(next.cellId, next.job.revision);
          await stream.writeSSE({ event: 'cell', id: String(seq++), data: JSON.stringify(next) });
          if (isTerminal(next.job.status)) live.delete(next.cellId);
          continue;
        }
        const woke = await inbox.wait(deps.config.sseHeartbeatMs);
        if (!woke && !inbox.closed) await stream.write(': heartbeat\n\n');
      }
      if (!inbox.closed) await stream.writeSSE({ event: 'end', id: String(seq++), data: '{}' });
    } catch (err) {
      if (!inbox.closed) deps.log(`SSE stream for batch ${batch.id} failed: ${String(err)}`, 'warn');
    } finally {
      stop();
    }
  });
}
